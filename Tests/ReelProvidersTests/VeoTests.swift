import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `VeoVideoProvider` against the Gemini API's Veo protocol on loopback, through the executor.
@Suite struct VeoTests {
    static let node = AdapterHarness.node()
    /// An 8-second take: a length both APIs make.
    static let request = AdapterHarness.request(seconds: 8)

    static func withFake<T: Sendable>(_ body: (VeoFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await VeoFakeServer.start(), body)
    }

    static func veo(_ fake: VeoFakeServer, requestTimeout: Double = 10, probe: Bool = false) throws -> VeoVideoProvider {
        let config = ProviderConfig(id: "veo", baseURL: fake.baseURL, credentials: ["GEMINI_API_KEY": Secret(fake.apiKey)],
                                    models: [priced("veo-3.1-fast-generate-preview", "veo", micros: 126_000, per: .second)])
        return try VeoVideoProvider(config: config, support: try testSupport(requestTimeout: requestTimeout, probe: probe))
    }

    @Test func aTakeIsMadeDownloadedWithTheKeyAndPaidForByTheCatalog() async throws {
        try await Self.withFake { fake, h in
            fake.pollsBeforeDone = 1
            let summary = try await h.run(try Self.veo(fake, probe: true), request: AdapterHarness.request(seconds: 8))
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "video/mp4" && output.asset.media?.hasVideo == true)
            #expect(output.cost == Money(micros: 1_008_000))
            let download = try #require(fake.requests("GET", "files/").first)
            #expect(download.header("x-goog-api-key") == fake.apiKey)
            #expect(download.query["key"] == nil)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theCreateBodyHasTheDocumentedShapeAndTypes() async throws {
        try await Self.withFake { fake, h in
            let request = AdapterHarness.request(mode: .firstLastFrame, seconds: 6, aspect: .landscape)
            let summary = try await h.run(try Self.veo(fake), request: request, inputs: [try h.image(0), try h.image(1)])
            #expect(summary.succeeded)
            let create = try #require(fake.requests("POST", "models/").first)
            #expect(create.path == "/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning")
            #expect(create.header("x-goog-api-key") == fake.apiKey)
            #expect(create.header("authorization") == nil)
            let body = try #require(create.json)
            let instance = try #require(body["instances"]?.arrayValue?.first)
            #expect(instance["prompt"]?.stringValue == request.prompt)
            #expect(instance["image"]?["bytesBase64Encoded"]?.stringValue == (try FixtureMedia.png(0)).base64EncodedString())
            #expect(instance["image"]?["mimeType"] == "image/png")
            #expect(instance["lastFrame"].flatMap(VeoFakeServer.imageData) == (try FixtureMedia.png(1)))
            #expect(body["parameters"]?["durationSeconds"] == .int(6))
            #expect(body["parameters"]?["aspectRatio"] == "16:9")
            #expect(body["parameters"]?["resolution"] == "720p")
            #expect(body["parameters"]?["sampleCount"] == .int(1))
            #expect(body["parameters"]?["seed"] == nil)
            let poll = try #require(fake.requests("GET", "models/").first)
            #expect(poll.path == "/v1beta/models/veo-3.1-fast-generate-preview/operations/op1")
        }
    }

    @Test func referencesGoAsAssetsInTheInstance() async throws {
        try await Self.withFake { fake, h in
            let summary = try await h.run(try Self.veo(fake), request: AdapterHarness.request(mode: .references, seconds: 8),
                                          inputs: [try h.image(0), try h.image(1)])
            #expect(summary.succeeded)
            let instance = try #require(fake.requests("POST", "models/").first?.json?["instances"]?.arrayValue?.first)
            let references = try #require(instance["referenceImages"]?.arrayValue)
            #expect(references.count == 2)
            #expect(references.allSatisfy { $0["referenceType"] == "asset" && $0["image"].flatMap(VeoFakeServer.imageData) != nil })
        }
    }

    static let outcomes: [(VeoFakeServer.Outcome, JobFailure.Reason)] = [
        (.error(code: 400, status: "INVALID_ARGUMENT", message: "bad"), .invalidRequest),
        (.filtered(reasons: ["The prompt could not be submitted: safety"]), .moderation),
        (.error(code: 13, status: "INTERNAL", message: "internal error"), .failed),
    ]

    @Test(arguments: outcomes)
    func anOperationThatEndsBadlyFailsTheTakeOnce(outcome: VeoFakeServer.Outcome, reason: JobFailure.Reason) async throws {
        try await Self.withFake { fake, h in
            fake.outcome = outcome
            let summary = try await h.run(try Self.veo(fake), request: Self.request)
            #expect(summary.failures[Self.node]?.reason == reason)
            #expect(fake.requests("POST", "models/").count == 1)
        }
    }

    @Test func aRateLimitedCreateWaitsAndAHungPollPollsTheSameOperation() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("create", VeoFakeServer.error(429, status: "RESOURCE_EXHAUSTED", headers: ["Retry-After": "5"]))
            fake.answers.script("poll", FakeResponse.status(200).delayed(by: 5), ScriptedAnswers.malformedJSON)
            let summary = try await h.run(try Self.veo(fake, requestTimeout: 4), request: Self.request)
            #expect(summary.succeeded)
            #expect(await h.sleeper.waits.first.map { $0 >= 5 && $0 <= 5.5 } == true)
            #expect(fake.requests("POST", "models/").count == 2)
            #expect(Set(fake.requests("GET", "models/").map(\.path)).count == 1)
        }
    }

    @Test func anExpiredLinkOrAForgottenOperationMakesTheTakeAgain() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("download", VeoFakeServer.error(404, status: "NOT_FOUND"))
            let summary = try await h.run(try Self.veo(fake), request: Self.request)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "models/").count == 2)
        }
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("download", FakeResponse.bytes(try FixtureMedia.mp4(), contentType: "video/mp4").truncated(after: 300))
            let summary = try await h.run(try Self.veo(fake, probe: true), request: Self.request)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "models/").count == 1)
            #expect(fake.requests("GET", "files/").count == 2)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theKeyGoesOnlyToTheAPIsOwnHostAndNeverShows() async throws {
        try await Self.withFake { fake, h in
            let veo = try Self.veo(fake)
            // The same server under another host name: a URI elsewhere gets no key.
            let elsewhere = "http://localhost:\(fake.server.port)/v1beta/files/op1:download?alt=media"
            fake.answers.script("poll", .json(["name": "models/veo-3.1-fast-generate-preview/operations/op1", "done": true,
                "response": ["generateVideoResponse": ["generatedSamples": [["video": ["uri": .string(elsewhere)]]]]]]))
            let summary = try await h.run(veo, request: Self.request)
            // The download elsewhere carries no key, so the server refuses it (403: a link
            // that expired); the video is made again and fetched from the API's own host.
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.requests("POST", "models/").count == 2)
            let elsewhereDownloads = fake.server.requests.filter {
                $0.path.hasPrefix("/v1beta/files/") && $0.header("host")?.hasPrefix("localhost") == true
            }
            #expect(!elsewhereDownloads.isEmpty)
            #expect(elsewhereDownloads.allSatisfy { $0.header("x-goog-api-key") == nil })
            for text in [String(describing: veo), String(reflecting: veo), await journalText(h),
                         summary.failures.values.map(\.description).joined()] {
                #expect(!text.contains(fake.apiKey))
            }
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withFake { fake, _ in
            let entry = try #require(ProviderDirectory.entry("veo"))
            #expect(entry.credentials == ["GEMINI_API_KEY"])
            let good = ProviderConfig(id: "veo", baseURL: fake.baseURL, credentials: ["GEMINI_API_KEY": Secret(fake.apiKey)])
            #expect(try entry.video?(good, try testSupport(probe: false)).descriptor.id == "veo")
            #expect(try await entry.check(good, try testSupport(probe: false)) == "key accepted; 1 Veo models")
            let bad = ProviderConfig(id: "veo", baseURL: fake.baseURL, credentials: ["GEMINI_API_KEY": Secret("AIzaWrong")])
            let error = await #expect(throws: JobFailure.self) { _ = try await entry.check(bad, try testSupport(probe: false)) }
            #expect(error?.reason == .auth)
        }
    }
}
