import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `ReplicateVideoProvider` against Replicate's predictions API on loopback.
@Suite struct ReplicateTests {
    static let model = "kwaivgi/kling-v2.1-master"

    static func adapter(_ rep: ReplicateFakeServer, key: String? = nil, options: [String: String] = [:],
                        requestTimeout: Double = 5, probe: Bool = false) throws -> ReplicateVideoProvider {
        let config = Hosted.config("replicate", baseURL: rep.baseURL, credentials: ["REPLICATE_API_TOKEN": key ?? rep.apiKey],
                                   options: options, model: model, perSecond: "0.002")
        return try ReplicateVideoProvider(config: config, support: try Hosted.support(requestTimeout: requestTimeout, probe: probe))
    }

    static func withReplicate(_ body: (ReplicateFakeServer, AdapterHarness) async throws -> Void) async throws {
        let rep = try await ReplicateFakeServer.start()
        try await Hosted.with(rep.core) { h in try await body(rep, h) }
    }

    @Test func theCreateIsWhatReplicateDocuments() async throws {
        try await Self.withReplicate { rep, h in
            let summary = try await h.run(try Self.adapter(rep, options: ["prefer_wait": "5"]),
                                          request: AdapterHarness.request(mode: .imageToVideo, model: Self.model),
                                          inputs: try Hosted.inputs(h, .imageToVideo))
            #expect(summary.succeeded)
            let create = try #require(rep.core.requests("POST", "/v1/models/kwaivgi/kling-v2.1-master/predictions").first)
            #expect(create.header("authorization") == "Bearer \(rep.apiKey)")
            #expect(create.header("cancel-after") == "30m")
            #expect(create.header("prefer") == "wait=5")
            let input = try #require(create.json?["input"])
            #expect(input["prompt"]?.stringValue == AdapterHarness.request().prompt)
            #expect(input["duration"] == .int(5))
            #expect(input["aspect_ratio"] == "9:16")
            #expect(input["start_image"]?.stringValue == "data:image/png;base64,\(try FixtureMedia.png(0).base64EncodedString())")
            let handle = try #require(await Hosted.handle(h))
            #expect(handle.jobID == "rep-1")
            #expect(handle.extra?["get"]?.stringValue?.hasSuffix("/v1/predictions/rep-1") == true)
            #expect(rep.core.requests("GET", "/v1/predictions/rep-1").count == 2)
        }
    }

    @Test func aVersionedModelIsCreatedThroughPredictions() async throws {
        try await Self.withReplicate { rep, h in
            let request = AdapterHarness.request(model: "someone/video-model:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa")
            let ran = try await h.run(try Self.adapter(rep), request: request)
            #expect(ran.succeeded)
            let body = try #require(rep.core.requests("POST", "/v1/predictions").first?.json)
            #expect(body["version"]?.stringValue?.hasPrefix("5c7d5dc6") == true)
            #expect(body["input"]?["seed"] == .int(7))
        }
    }

    @Test func aTakeIsStoredAndPaidForByItsRunTime() async throws {
        try await Self.withReplicate { rep, h in
            let summary = try await h.run(try Self.adapter(rep, probe: true))
            let output = try #require(summary.outputs[Hosted.node])
            #expect(output.asset.mediaType == "video/mp4")
            #expect(h.blobs.contains(output.asset))
            // 42.5 s of run time at 0.002 USD a second.
            #expect(output.cost == Money(micros: 85_000))
            #expect(output.details?["predict_time"] == .double(ReplicateFakeServer.predictTime))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test(arguments: [("NSFW content detected in the output", JobFailure.Reason.moderation), ("CUDA out of memory", .failed)])
    func aFailedPredictionFailsTheTake(message: String, reason: JobFailure.Reason) async throws {
        try await Self.withReplicate { rep, h in
            rep.core.scriptNextJob(.fails(code: "", message: message))
            let summary = try await h.run(try Self.adapter(rep))
            #expect(summary.failures[Hosted.node]?.reason == reason)
            #expect(rep.core.jobs.count == 1)
        }
    }

    @Test(arguments: [(401, JobFailure.Reason.auth), (422, .invalidRequest), (402, .budget)])
    func aRefusedCreateIsNotRetried(status: Int, reason: JobFailure.Reason) async throws {
        try await Self.withReplicate { rep, h in
            rep.core.script(.status(status, ["detail": "refused", "status": .int(Int64(status))]), on: .create)
            let summary = try await h.run(try Self.adapter(rep))
            #expect(summary.failures[Hosted.node]?.reason == reason)
            #expect(rep.core.requests("POST", "/v1/").count == 1)
        }
    }

    @Test func aThrottledCreateWaitsWhatTheHeaderOrTheBodySays() async throws {
        try await Self.withReplicate { rep, h in
            rep.core.script(.rateLimited(retryAfter: 6), on: .create)
            rep.core.script(.status(429, ["detail": "Request was throttled.", "status": 429, "retry_after": 2]), on: .create)
            let ran = try await h.run(try Self.adapter(rep))
            #expect(ran.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 2)
            #expect(waits[0] >= 6 && waits[0] <= 6.6)
            #expect(waits[1] >= 2 && waits[1] <= 2.2)
            #expect(rep.core.jobs.count == 1)
        }
    }

    @Test(arguments: [FakeTaskCore.Fault.status(500, ["detail": "oops"]), .malformedJSON, .hang(seconds: 30)])
    func aBadReportIsRetriedByPollingTheSamePrediction(fault: FakeTaskCore.Fault) async throws {
        try await Self.withReplicate { rep, h in
            rep.core.script(fault, on: .poll)
            let ran = try await h.run(try Self.adapter(rep, requestTimeout: 4))
            #expect(ran.succeeded)
            #expect(rep.core.jobs.count == 1)
        }
    }

    @Test func anExpiredOutputOrAnUnknownPredictionMakesTheTakeAgain() async throws {
        try await Self.withReplicate { rep, h in
            rep.core.script(.expiredLink(status: 404), on: .download)
            rep.core.forget("rep-2")
            let ran = try await h.run(try Self.adapter(rep))
            #expect(ran.succeeded)
            #expect(rep.core.jobs.count == 3)
        }
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws {
        try await Self.withReplicate { rep, h in
            rep.core.script(.truncated, on: .download)
            let ran = try await h.run(try Self.adapter(rep))
            #expect(ran.succeeded)
            #expect(rep.core.jobs.count == 1)
            #expect(rep.core.downloads == (2, 1))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withReplicate { rep, h in
            let support = try Hosted.support(probe: false)
            let good = Hosted.config("replicate", baseURL: rep.baseURL, credentials: ["REPLICATE_API_TOKEN": rep.apiKey], model: "m")
            #expect(try ReplicateVideoProvider.entry.video?(good, support).descriptor.id == "replicate")
            #expect(try await ReplicateVideoProvider.entry.check(good, support) == "key accepted for reel-tester")
            let bad = Hosted.config("replicate", baseURL: rep.baseURL, credentials: ["REPLICATE_API_TOKEN": "r8_wrong"], model: "m")
            let failure = await #expect(throws: JobFailure.self) { try await ReplicateVideoProvider.entry.check(bad, support) }
            #expect(failure?.reason == .auth)
        }
    }

    @Test func theKeyShowsNowhere() async throws {
        try await Self.withReplicate { rep, h in
            let adapter = try Self.adapter(rep, key: "r8_secret_token_55")
            let summary = try await h.run(adapter)
            #expect(summary.failures[Hosted.node]?.reason == .auth)
            try await Hosted.expectNoSecret("r8_secret_token_55", adapter: adapter, summary: summary, h: h)
        }
    }
}
