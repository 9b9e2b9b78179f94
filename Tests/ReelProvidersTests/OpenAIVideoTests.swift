import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `OpenAIVideoProvider` (Sora 2) against OpenAI's protocol on loopback, through the executor.
@Suite struct OpenAIVideoTests {
    static let node = AdapterHarness.node()
    /// An 8-second take: a length both APIs make.
    static let request = AdapterHarness.request(seconds: 8)
    static let prices = [priced("sora-2", "openai", micros: 100_000, per: .second),
                         priced("sora-2", "azure-openai", micros: 100_000, per: .second)]

    static func withFake<T: Sendable>(_ style: OpenAIFakeServer.Style = .openai,
                                      _ body: (OpenAIFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await OpenAIFakeServer.start(style: style), body)
    }

    static func sora(_ fake: OpenAIFakeServer, requestTimeout: Double = 10, probe: Bool = false,
                     options: [String: String] = [:], baseURL: URL? = nil) throws -> OpenAIVideoProvider {
        let flavor: OpenAIEndpoint.Flavor = fake.style == .openai ? .openai : .azure
        let key = fake.style == .openai ? "OPENAI_API_KEY" : "AZURE_OPENAI_API_KEY"
        let config = ProviderConfig(id: flavor.id, baseURL: baseURL ?? fake.baseURL, credentials: [key: Secret(fake.apiKey)],
                                    options: options, models: prices)
        return try OpenAIVideoProvider(config: config, support: try testSupport(requestTimeout: requestTimeout, probe: probe),
                                       flavor: flavor)
    }

    @Test func aTakeIsMadeDownloadedMeasuredAndPaidForByTheCatalog() async throws {
        try await Self.withFake { fake, h in
            fake.pollsBeforeDone = 1
            let summary = try await h.run(try Self.sora(fake, probe: true), request: AdapterHarness.request(seconds: 8))
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[Self.node])
            #expect(h.blobs.contains(output.asset))
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.asset.media?.hasVideo == true)
            #expect(output.cost == Money(micros: 800_000))
            #expect(fake.requests("GET", "videos/video_1").count == 2)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theRequestsAreWhatTheVideosAPITakes() async throws {
        try await Self.withFake { fake, h in
            let request = AdapterHarness.request(mode: .imageToVideo, seconds: 8)
            let summary = try await h.run(try Self.sora(fake), request: request, inputs: [try h.image(0)])
            #expect(summary.succeeded)
            let create = try #require(fake.requests("POST", "videos").first)
            #expect(create.bearerToken == fake.apiKey)
            #expect(create.header("content-type")?.hasPrefix("multipart/form-data; boundary=") == true)
            let form = try #require(MultipartBody(create))
            #expect(form["model"] == "sora-2")
            #expect(form["prompt"] == request.prompt)
            #expect(form["seconds"] == "8")
            #expect(form["size"] == "720x1280")
            let image = try #require(form.part("input_reference"))
            #expect(image.contentType == "image/png")
            #expect(image.fileName == "image-0.png")
            #expect(image.data == (try FixtureMedia.png(0)))
            let content = try #require(fake.requests("GET", "videos/video_1/content").first)
            #expect(content.bearerToken == fake.apiKey)
            guard case .submitted(let handle)? = await h.journal.log.map(\.state).first(where: {
                if case .submitted = $0 { true } else { false }
            }) else { Issue.record("no handle was journaled"); return }
            #expect(handle.jobID == "video_1")
            #expect(handle.extra == nil)
        }
    }

    @Test func azureSignsWithApiKeyUnderOpenAIV1OnTheUsersResource() async throws {
        try await Self.withFake(.azure) { fake, h in
            // The resource URL as the portal shows it: no path; the adapter adds /openai/v1.
            let sora = try Self.sora(fake, options: ["api_version": "preview"], baseURL: fake.server.baseURL)
            let summary = try await h.run(sora, request: Self.request)
            #expect(summary.succeeded)
            let create = try #require(fake.requests("POST", "videos").first)
            #expect(create.header("api-key") == fake.apiKey)
            #expect(create.header("authorization") == nil)
            #expect(create.query["api-version"] == "preview")
            #expect(sora.descriptor.id == "azure-openai")
        }
    }

    @Test func azureWithoutABaseURLSaysHowToGiveOne() throws {
        let entry = try #require(ProviderDirectory.entry("azure-openai"))
        let config = ProviderConfig(id: "azure-openai", baseURL: URL(string: entry.defaultBaseURL)!,
                                    credentials: ["AZURE_OPENAI_API_KEY": Secret("k")])
        let error = #expect(throws: ReelError.self) { _ = try entry.video?(config, try testSupport(probe: false)) }
        #expect(error?.hint?.contains("REEL_AZURE_OPENAI_BASE_URL") == true)
    }

    static let createFailures: [(FakeResponse, JobFailure.Reason)] = [
        (OpenAIFakeServer.error(400, code: "invalid_value"), .invalidRequest),
        (OpenAIFakeServer.error(400, code: "moderation_blocked"), .moderation),
        (OpenAIFakeServer.error(403, code: "unverified_organization"), .auth),
        (OpenAIFakeServer.error(429, code: "insufficient_quota", headers: ["Retry-After": "1"]), .budget),
    ]

    @Test(arguments: createFailures)
    func permanentCreateFailuresAreNotRetried(answer: FakeResponse, reason: JobFailure.Reason) async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("create", answer)
            let summary = try await h.run(try Self.sora(fake), request: Self.request)
            #expect(summary.failures[Self.node]?.reason == reason)
            #expect(fake.requests("POST", "videos").count == 1)
            #expect(summary.spent.isEmpty)
        }
    }

    @Test func aRateLimitedCreateWaitsWhatRetryAfterSays() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("create", OpenAIFakeServer.error(429, code: "rate_limit_exceeded", headers: ["Retry-After": "7"]))
            let summary = try await h.run(try Self.sora(fake), request: Self.request)
            #expect(summary.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1 && waits.allSatisfy { $0 >= 7 && $0 <= 7.7 })
            #expect(fake.requests("POST", "videos").count == 2)
        }
    }

    @Test func aMalformedOrHungReportIsRetriedByPollingTheSameVideo() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("poll", ScriptedAnswers.malformedJSON, FakeResponse.status(200).delayed(by: 5))
            let summary = try await h.run(try Self.sora(fake, requestTimeout: 4), request: Self.request)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "videos").count == 1)
            #expect(fake.requests("GET", "videos/video_1").count == 3)
        }
    }

    @Test func aFailedVideoIsARefusalWhenModerationSaysSoAndIsNotRetried() async throws {
        try await Self.withFake { fake, h in
            fake.failVideos(code: "moderation_blocked", message: "Your request was blocked by our moderation system.")
            let summary = try await h.run(try Self.sora(fake), request: Self.request)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .moderation)
            #expect(failure.providerCode == "moderation_blocked")
            #expect(fake.requests("POST", "videos").count == 1)
        }
    }

    @Test func anExpiredVideoIsMadeAgain() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("content", OpenAIFakeServer.error(404, code: "not_found"))
            let summary = try await h.run(try Self.sora(fake), request: Self.request)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "videos").count == 2)
        }
    }

    @Test func aTruncatedDownloadIsNeverStoredAndIsFetchedAgainFromTheSameVideo() async throws {
        try await Self.withFake { fake, h in
            fake.answers.script("content", FakeResponse.bytes(try FixtureMedia.mp4(), contentType: "video/mp4").truncated(after: 500))
            let summary = try await h.run(try Self.sora(fake, probe: true), request: Self.request)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "videos").count == 1)
            #expect(fake.requests("GET", "videos/video_1/content").count == 2)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func squareVideoIsRefusedBeforeAnythingIsSent() async throws {
        try await Self.withFake { fake, h in
            let summary = try await h.run(try Self.sora(fake), request: AdapterHarness.request(aspect: .square))
            #expect(summary.failures[Self.node]?.reason == .invalidRequest)
            #expect(fake.requests.isEmpty)
        }
    }

    @Test func theKeyNeverShows() async throws {
        try await Self.withFake { fake, h in
            let sora = try Self.sora(fake)
            fake.answers.script("create", OpenAIFakeServer.error(401, code: "invalid_api_key",
                                                                 message: "Incorrect API key provided: \(fake.apiKey)"))
            let summary = try await h.run(sora, request: Self.request)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .auth)
            for text in [failure.description, String(describing: sora), String(reflecting: sora), await journalText(h)] {
                #expect(!text.contains(fake.apiKey))
            }
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withFake { fake, _ in
            let entry = try #require(ProviderDirectory.entry("openai"))
            #expect(entry.credentials == ["OPENAI_API_KEY"])
            #expect(Set(entry.media) == [.video, .image, .speech, .text])
            let good = ProviderConfig(id: "openai", baseURL: fake.baseURL, credentials: ["OPENAI_API_KEY": Secret(fake.apiKey)])
            let video = try #require(try entry.video?(good, try testSupport(probe: false)))
            #expect(video.descriptor.id == "openai")
            #expect(try await entry.check(good, try testSupport(probe: false)).hasPrefix("key accepted"))
            let bad = ProviderConfig(id: "openai", baseURL: fake.baseURL, credentials: ["OPENAI_API_KEY": Secret("sk-wrong")])
            let error = await #expect(throws: JobFailure.self) { _ = try await entry.check(bad, try testSupport(probe: false)) }
            #expect(error?.reason == .auth)
        }
    }
}
