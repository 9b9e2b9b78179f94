import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `WanVideoProvider` against DashScope's asynchronous video synthesis on loopback.
@Suite struct WanTests {
    static func adapter(_ wan: WanFakeServer, key: String? = nil, requestTimeout: Double = 5, probe: Bool = false,
                        model: String = "wan2.5-t2v-preview") throws -> WanVideoProvider {
        let config = Hosted.config("wan", baseURL: wan.baseURL, credentials: ["DASHSCOPE_API_KEY": key ?? wan.apiKey],
                                   model: model)
        return try WanVideoProvider(config: config, support: try Hosted.support(requestTimeout: requestTimeout, probe: probe))
    }

    static func withWan(_ body: (WanFakeServer, AdapterHarness) async throws -> Void) async throws {
        let wan = try await WanFakeServer.start()
        try await Hosted.with(wan.core) { h in try await body(wan, h) }
    }

    @Test func aTextCreateIsWhatDashScopeDocuments() async throws {
        try await Self.withWan { wan, h in
            var request = AdapterHarness.request()
            request.negativePrompt = "blurry"
            let summary = try await h.run(try Self.adapter(wan), request: request)
            #expect(summary.succeeded)
            let create = try #require(wan.core.requests("POST", "/api/v1/services/aigc/video-generation/video-synthesis").first)
            #expect(create.header("authorization") == "Bearer \(wan.apiKey)")
            #expect(create.header("x-dashscope-async") == "enable")
            let body = try #require(create.json)
            #expect(body["model"] == "wan2.5-t2v-preview")
            #expect(body["input"]?["prompt"]?.stringValue == request.prompt)
            #expect(body["input"]?["negative_prompt"] == "blurry")
            #expect(body["input"]?["img_url"] == nil)
            #expect(body["parameters"]?["size"] == "720*1280")
            #expect(body["parameters"]?["duration"] == .int(5))
            #expect(body["parameters"]?["seed"] == .int(7))
            #expect(body["parameters"]?["prompt_extend"] == .bool(false))
            #expect(body["parameters"]?["audio"] == .bool(false), "sound the project replaces is not asked for")
            let handle = try #require(await Hosted.handle(h))
            #expect(handle.extra == nil)
            #expect(wan.core.requests("GET", "/api/v1/tasks/").first?.path == "/api/v1/tasks/\(handle.jobID)")
        }
    }

    /// `audio: native` asks Wan 2.5 for its own sound; a model without sound is told nothing.
    @Test func soundIsAskedForWhenTheProjectKeepsIt() async throws {
        try await Self.withWan { wan, h in
            var request = AdapterHarness.request(mode: .text)
            request.sound = true
            _ = try await h.run(try Self.adapter(wan), request: request)
            #expect(wan.core.jobs.first?.body["parameters"]?["audio"] == .bool(true))
        }
        try await Self.withWan { wan, h in
            var request = AdapterHarness.request(mode: .text)
            request.model = "wan2.2-t2v-plus"
            request.sound = true
            _ = try await h.run(try Self.adapter(wan), request: request)
            #expect(wan.core.jobs.first?.body["parameters"]?["audio"] == nil)
        }
    }

    @Test func aFirstFrameGoesAsADataURIInImgURL() async throws {
        try await Self.withWan { wan, h in
            _ = try await h.run(try Self.adapter(wan), request: AdapterHarness.request(mode: .imageToVideo),
                                inputs: try Hosted.inputs(h, .imageToVideo))
            let body = try #require(wan.core.jobs.first?.body)
            #expect(body["model"] == "wan2.5-i2v-preview")
            let png = try FixtureMedia.png(0).base64EncodedString()
            #expect(body["input"]?["img_url"]?.stringValue == "data:image/png;base64,\(png)")
            #expect(body["parameters"]?["resolution"] == "720P")
            #expect(body["parameters"]?["size"] == nil)
        }
    }

    @Test func firstAndLastFramesUseTheKeyframeEndpoint() async throws {
        try await Self.withWan { wan, h in
            let summary = try await h.run(try Self.adapter(wan), request: AdapterHarness.request(mode: .firstLastFrame),
                                          inputs: try Hosted.inputs(h, .firstLastFrame))
            #expect(summary.succeeded)
            let create = try #require(wan.core.requests("POST", "/api/v1/services/aigc/image2video/video-synthesis").first)
            let body = try #require(create.json)
            #expect(body["model"] == "wan2.2-kf2v-flash")
            #expect(body["input"]?["first_frame_url"]?.stringValue?.hasPrefix("data:image/png;base64,") == true)
            #expect(body["input"]?["last_frame_url"]?.stringValue?.hasPrefix("data:image/png;base64,") == true)
        }
    }

    @Test func aTakeIsStoredAndItsSecondsPriced() async throws {
        try await Self.withWan { wan, h in
            let summary = try await h.run(try Self.adapter(wan, probe: true))
            let output = try #require(summary.outputs[Hosted.node])
            #expect(h.blobs.contains(output.asset))
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.cost == Money(micros: 500_000))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test(arguments: [
        (200, "Throttling.RateQuota", JobFailure.Reason.rateLimited),
        (401, "InvalidApiKey", .auth),
        (400, "InvalidParameter", .invalidRequest),
        (400, "DataInspectionFailed", .moderation),
        (200, "Arrearage", .budget),
    ])
    func businessCodesAreRead(status: Int, code: String, reason: JobFailure.Reason) async throws {
        try await Self.withWan { wan, h in
            wan.core.script(.status(status, ["request_id": "r", "code": .string(code), "message": "refused"]), on: .create)
            let summary = try await h.run(try Self.adapter(wan), retry: RetryPolicy(maxAttempts: 1, maxRateLimitedAttempts: 1))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == reason)
            #expect(failure.providerCode == code)
            #expect(wan.core.jobs.isEmpty)
        }
    }

    @Test(arguments: [("DataInspectionFailed", JobFailure.Reason.moderation), ("InternalError.Algo", .failed)])
    func aFailedTaskFailsTheTakeWithoutRetrying(code: String, reason: JobFailure.Reason) async throws {
        try await Self.withWan { wan, h in
            wan.core.scriptNextJob(.fails(code: code, message: "the task failed"))
            let summary = try await h.run(try Self.adapter(wan))
            #expect(summary.failures[Hosted.node]?.reason == reason)
            #expect(wan.core.jobs.count == 1)
        }
    }

    @Test func aRateLimitedCreateWaitsWhatDashScopeAsks() async throws {
        try await Self.withWan { wan, h in
            wan.core.script(.rateLimited(retryAfter: 4), on: .create)
            let summary = try await h.run(try Self.adapter(wan))
            #expect(summary.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1 && waits.allSatisfy { $0 >= 4 && $0 <= 4.4 })
        }
    }

    @Test(arguments: [FakeTaskCore.Fault.status(500, ["code": "InternalError"]), .malformedJSON, .hang(seconds: 30)])
    func aBadReportIsRetriedByPollingTheSameTask(fault: FakeTaskCore.Fault) async throws {
        try await Self.withWan { wan, h in
            wan.core.script(fault, on: .poll)
            let summary = try await h.run(try Self.adapter(wan, requestTimeout: 4))
            #expect(summary.succeeded)
            #expect(wan.core.jobs.count == 1)
        }
    }

    @Test func anUnknownTaskIsMadeAgain() async throws {
        try await Self.withWan { wan, h in
            wan.core.forget("wan-task-1")
            let summary = try await h.run(try Self.adapter(wan))
            #expect(summary.succeeded)
            #expect(wan.core.jobs.count == 2)
        }
    }

    @Test func anExpiredLinkMakesTheTakeAgainAndATruncatedOneIsNeverStored() async throws {
        try await Self.withWan { wan, h in
            wan.core.script(.expiredLink(status: 403), on: .download)
            wan.core.script(.truncated, on: .download)
            let summary = try await h.run(try Self.adapter(wan))
            #expect(summary.succeeded)
            #expect(wan.core.jobs.count == 2)
            #expect(wan.core.downloads == (3, 1))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withWan { wan, h in
            let support = try Hosted.support(probe: false)
            let good = Hosted.config("wan", baseURL: wan.baseURL, credentials: ["DASHSCOPE_API_KEY": wan.apiKey], model: "m")
            #expect(try WanVideoProvider.entry.video?(good, support).descriptor.id == "wan")
            #expect(try await WanVideoProvider.entry.check(good, support) == "key accepted")
            let bad = Hosted.config("wan", baseURL: wan.baseURL, credentials: ["DASHSCOPE_API_KEY": "sk-wrong-0042"], model: "m")
            let failure = await #expect(throws: JobFailure.self) { try await WanVideoProvider.entry.check(bad, support) }
            #expect(failure?.reason == .auth)
        }
    }

    @Test func theKeyShowsNowhere() async throws {
        try await Self.withWan { wan, h in
            let adapter = try Self.adapter(wan, key: "sk-secret-dash-777")
            let summary = try await h.run(adapter)
            #expect(summary.failures[Hosted.node]?.reason == .auth)
            try await Hosted.expectNoSecret("sk-secret-dash-777", adapter: adapter, summary: summary, h: h)
        }
    }
}
