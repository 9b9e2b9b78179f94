import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `SeedanceVideoProvider` against Ark's task API on loopback, through the executor.
@Suite struct SeedanceTests {
    static func adapter(_ ark: SeedanceFakeServer, key: String? = nil, options: [String: String] = [:],
                        requestTimeout: Double = 5, probe: Bool = false) throws -> SeedanceVideoProvider {
        let config = Hosted.config("seedance", baseURL: ark.baseURL, credentials: ["ARK_API_KEY": key ?? ark.apiKey],
                                   options: options, model: "doubao-seedance-2-0-260128")
        return try SeedanceVideoProvider(config: config, support: try Hosted.support(requestTimeout: requestTimeout, probe: probe))
    }

    static func withArk(_ body: (SeedanceFakeServer, AdapterHarness) async throws -> Void) async throws {
        let ark = try await SeedanceFakeServer.start()
        try await Hosted.with(ark.core) { h in try await body(ark, h) }
    }

    @Test func theCreateIsWhatArkDocuments() async throws {
        try await Self.withArk { ark, h in
            let summary = try await h.run(try Self.adapter(ark), request: AdapterHarness.request(mode: .firstLastFrame),
                                          inputs: try Hosted.inputs(h, .firstLastFrame))
            #expect(summary.succeeded)
            let create = try #require(ark.core.requests("POST", "/api/v3/contents/generations/tasks").first)
            #expect(create.header("authorization") == "Bearer \(ark.apiKey)")
            #expect(create.header("content-type") == "application/json")
            let body = try #require(create.json)
            #expect(body["model"] == "doubao-seedance-2-0-260128")
            #expect(body["duration"] == .int(5))
            #expect(body["seed"] == .int(7))
            #expect(body["ratio"] == "9:16")
            #expect(body["resolution"] == "720p")
            #expect(body["watermark"] == .bool(false))
            #expect(body["generate_audio"] == .bool(false), "sound the project replaces is not asked for")
            let content = try #require(body["content"]?.arrayValue)
            #expect(content.count == 3)
            #expect(content[0]["type"] == "text")
            #expect(content[0]["text"]?.stringValue == AdapterHarness.request().prompt)
            #expect(content[1]["type"] == "image_url")
            #expect(content[1]["role"] == "first_frame")
            #expect(content[2]["role"] == "last_frame")
            let png = try FixtureMedia.png(0).base64EncodedString()
            #expect(content[1]["image_url"]?["url"]?.stringValue == "data:image/png;base64,\(png)")
            let handle = try #require(await Hosted.handle(h))
            #expect(handle.provider == "seedance" && handle.extra == nil)
            let poll = try #require(ark.core.requests("GET", "/api/v3/contents/generations/tasks/").first)
            #expect(poll.path == "/api/v3/contents/generations/tasks/\(handle.jobID)")
            #expect(poll.header("authorization") == "Bearer \(ark.apiKey)")
            #expect(ark.core.requests("GET", "/files/").first?.header("authorization") == nil)
        }
    }

    @Test func referencesGoAsReferenceImages() async throws {
        try await Self.withArk { ark, h in
            _ = try await h.run(try Self.adapter(ark), request: AdapterHarness.request(mode: .references),
                                inputs: try Hosted.inputs(h, .references))
            let content = try #require(ark.core.jobs.first?.body["content"]?.arrayValue)
            #expect(content.dropFirst().map { $0["role"] } == ["reference_image", "reference_image"])
        }
    }

    @Test func oneOhModelsTakeTheirSettingsAsTextFlags() async throws {
        try await Self.withArk { ark, h in
            _ = try await h.run(try Self.adapter(ark), request: AdapterHarness.request(model: "doubao-seedance-1-0-pro-250528"))
            let body = try #require(ark.core.jobs.first?.body)
            let text = try #require(body["content"]?.arrayValue?.first?["text"]?.stringValue)
            #expect(text.hasSuffix(" --resolution 720p --ratio 9:16 --duration 5 --seed 7 --watermark false"))
            #expect(body["duration"] == nil && body["ratio"] == nil && body["generate_audio"] == nil)
        }
    }

    /// `audio: native` asks for the model's own sound.
    @Test func soundIsAskedForWhenTheProjectKeepsIt() async throws {
        try await Self.withArk { ark, h in
            var request = AdapterHarness.request(mode: .text)
            request.sound = true
            _ = try await h.run(try Self.adapter(ark), request: request)
            #expect(ark.core.jobs.first?.body["generate_audio"] == .bool(true))
        }
    }

    @Test func aTakeIsStoredMeasuredAndPaidForInTokens() async throws {
        try await Self.withArk { ark, h in
            let summary = try await h.run(try Self.adapter(ark, probe: true))
            let output = try #require(summary.outputs[Hosted.node])
            #expect(h.blobs.contains(output.asset))
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.asset.media?.hasVideo == true)
            // 108,900 tokens at 3.0 USD a million.
            #expect(output.cost == Money(micros: 326_700))
            #expect(output.details?["tokens"] == .int(SeedanceFakeServer.tokens))
            #expect(try h.scratchFiles.isEmpty)
            #expect(await h.pollSleeper.waits.count == 1)
        }
    }

    @Test func theTokenPriceCanBeConfigured() async throws {
        try await Self.withArk { ark, h in
            let summary = try await h.run(try Self.adapter(ark, options: ["token_price": "2.5 USD"]))
            #expect(summary.spent == [Money(micros: 272_250)])
        }
    }

    @Test(arguments: [
        (401, "AuthenticationError", JobFailure.Reason.auth),
        (400, "InvalidParameter", .invalidRequest),
        (400, "InputTextSensitiveContentDetected", .moderation),
        (402, "AccountOverdueError", .budget),
    ])
    func aRefusedCreateIsNotRetried(status: Int, code: String, reason: JobFailure.Reason) async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.status(status, ["error": ["code": .string(code), "message": "refused"]]), on: .create)
            let summary = try await h.run(try Self.adapter(ark))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == reason)
            #expect(failure.providerCode == code)
            #expect(ark.core.requests("POST", "/api/v3/").count == 1)
        }
    }

    @Test(arguments: [("OutputVideoSensitiveContentDetected", JobFailure.Reason.moderation), ("InternalServiceError", .failed)])
    func aFailedTaskFailsTheTake(code: String, reason: JobFailure.Reason) async throws {
        try await Self.withArk { ark, h in
            ark.core.scriptNextJob(.fails(code: code, message: "the task failed"))
            let summary = try await h.run(try Self.adapter(ark))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == reason)
            #expect(failure.providerCode == code)
            #expect(ark.core.jobs.count == 1)
        }
    }

    @Test func aRateLimitedCreateWaitsWhatArkAsks() async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.rateLimited(retryAfter: 7), on: .create)
            let summary = try await h.run(try Self.adapter(ark))
            #expect(summary.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1 && waits.allSatisfy { $0 >= 7 && $0 <= 7.7 })
            #expect(ark.core.jobs.count == 1)
        }
    }

    @Test(arguments: [FakeTaskCore.Fault.status(503, ["error": ["code": "ServerOverloaded"]]), .malformedJSON])
    func aBadReportIsRetriedByPollingTheSameTask(fault: FakeTaskCore.Fault) async throws {
        try await Self.withArk { ark, h in
            ark.core.script(fault, on: .poll)
            let summary = try await h.run(try Self.adapter(ark))
            #expect(summary.succeeded)
            #expect(ark.core.jobs.count == 1)
        }
    }

    @Test func aHungReportTimesOutAndTheSameTaskIsPolledAgain() async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.hang(seconds: 30), on: .poll)
            let summary = try await h.run(try Self.adapter(ark, requestTimeout: 4))
            #expect(summary.succeeded)
            #expect(ark.core.jobs.count == 1)
            let polled = Set(ark.core.requests("GET", "/api/v3/contents/generations/tasks/").map(\.path))
            #expect(polled.count == 1)
        }
    }

    @Test func anExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.expiredLink(status: 403), on: .download)
            let summary = try await h.run(try Self.adapter(ark))
            #expect(summary.succeeded)
            #expect(ark.core.jobs.count == 2)
        }
    }

    @Test func aTaskArkNoLongerKnowsIsMadeAgain() async throws {
        try await Self.withArk { ark, h in
            ark.core.forget("cgt-2026-1")
            let summary = try await h.run(try Self.adapter(ark))
            #expect(summary.succeeded)
            #expect(ark.core.jobs.count == 2)
        }
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws {
        try await Self.withArk { ark, h in
            ark.core.script(.truncated, on: .download)
            let summary = try await h.run(try Self.adapter(ark))
            #expect(summary.succeeded)
            #expect(ark.core.jobs.count == 1)
            #expect(ark.core.downloads == (2, 1))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withArk { ark, h in
            let support = try Hosted.support(probe: false)
            let good = Hosted.config("seedance", baseURL: ark.baseURL, credentials: ["ARK_API_KEY": ark.apiKey], model: "m")
            let adapter = try #require(try SeedanceVideoProvider.entry.video?(good, support))
            #expect(adapter.descriptor.id == "seedance")
            #expect(try await SeedanceVideoProvider.entry.check(good, support).hasPrefix("key accepted"))
            let bad = Hosted.config("seedance", baseURL: ark.baseURL, credentials: ["ARK_API_KEY": "ark-wrong-key-77"], model: "m")
            let failure = await #expect(throws: JobFailure.self) { try await SeedanceVideoProvider.entry.check(bad, support) }
            #expect(failure?.reason == .auth)
            #expect(failure?.message.contains("ark-wrong-key-77") == false)
        }
    }

    @Test func theKeyShowsNowhere() async throws {
        try await Self.withArk { ark, h in
            let adapter = try Self.adapter(ark, key: "ark-secret-abc123")
            let summary = try await h.run(adapter)
            #expect(summary.failures[Hosted.node]?.reason == .auth)
            try await Hosted.expectNoSecret("ark-secret-abc123", adapter: adapter, summary: summary, h: h)
        }
    }
}
