import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `FalVideoProvider` against fal's queue API on loopback.
@Suite struct FalTests {
    static let textModel = "fal-ai/kling-video/v2.1/master/text-to-video"

    static func adapter(_ fal: FalFakeServer, key: String? = nil, requestTimeout: Double = 5, probe: Bool = false)
        throws -> FalVideoProvider {
        let config = Hosted.config("fal", baseURL: fal.baseURL, credentials: ["FAL_KEY": key ?? fal.apiKey], model: textModel,
                                   perSecond: "0.28")
        return try FalVideoProvider(config: config, support: try Hosted.support(requestTimeout: requestTimeout, probe: probe))
    }

    static func withFal(_ body: (FalFakeServer, AdapterHarness) async throws -> Void) async throws {
        let fal = try await FalFakeServer.start()
        try await Hosted.with(fal.core) { h in try await body(fal, h) }
    }

    @Test func theSubmitAndPollsAreWhatFalDocuments() async throws {
        try await Self.withFal { fal, h in
            let summary = try await h.run(try Self.adapter(fal, probe: true))
            #expect(summary.succeeded)
            let submit = try #require(fal.core.requests("POST", "/").first)
            #expect(submit.path == "/" + Self.textModel)
            #expect(submit.header("authorization") == "Key \(fal.apiKey)")
            let body = try #require(submit.json)
            #expect(body["prompt"]?.stringValue == AdapterHarness.request().prompt)
            #expect(body["duration"] == "5")
            #expect(body["aspect_ratio"] == "9:16")
            #expect(body["seed"] == nil)
            let handle = try #require(await Hosted.handle(h))
            #expect(handle.jobID == "fal-req-1")
            #expect(handle.extra?["status_url"]?.stringValue?.hasSuffix("/fal-ai/kling-video/requests/fal-req-1/status") == true)
            #expect(handle.extra?["model"]?.stringValue == Self.textModel)
            #expect(fal.core.requests("GET", "/fal-ai/kling-video/requests/fal-req-1/status").count == 2)
            #expect(fal.core.requests("GET", "/fal-ai/kling-video/requests/fal-req-1").count == 3)
            let output = try #require(summary.outputs[Hosted.node])
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.cost == Money(micros: 1_400_000))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func imagesGoAsDataURIsInTheModelsOwnFields() async throws {
        try await Self.withFal { fal, h in
            let request = AdapterHarness.request(mode: .firstLastFrame, model: "fal-ai/kling-video/v2.1/pro/image-to-video")
            _ = try await h.run(try Self.adapter(fal), request: request, inputs: try Hosted.inputs(h, .firstLastFrame))
            let body = try #require(fal.core.jobs.first?.body)
            #expect(body["image_url"]?.stringValue == "data:image/png;base64,\(try FixtureMedia.png(0).base64EncodedString())")
            #expect(body["tail_image_url"]?.stringValue == "data:image/png;base64,\(try FixtureMedia.png(1).base64EncodedString())")
        }
    }

    @Test func otherModelsGetTheirShapeOrTheDefault() async throws {
        try await Self.withFal { fal, h in
            var request = AdapterHarness.request(model: "fal-ai/veo3/fast")
            request.options = ["extra": ["generate_audio": false]]
            _ = try await h.run(try Self.adapter(fal), request: request)
            _ = try await h.run(try Self.adapter(fal), request: AdapterHarness.request(model: "someone/new-model", seed: 9))
            let bodies = fal.core.jobs.map(\.body)
            #expect(bodies[0]["duration"] == "5s" && bodies[0]["resolution"] == "720p" && bodies[0]["generate_audio"] == .bool(false))
            #expect(bodies[1]["duration"] == "5" && bodies[1]["seed"] == .int(9))
            #expect(fal.core.requests("POST", "/someone/new-model").count == 1)
        }
    }

    @Test(arguments: [("content_policy_violation", JobFailure.Reason.moderation), ("value_error", .invalidRequest)])
    func aFailedRequestIsReadFromItsResult(code: String, reason: JobFailure.Reason) async throws {
        try await Self.withFal { fal, h in
            fal.core.scriptNextJob(.fails(code: code, message: "refused"))
            let summary = try await h.run(try Self.adapter(fal))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == reason)
            #expect(fal.core.jobs.count == 1)
        }
    }

    @Test(arguments: [(401, JobFailure.Reason.auth), (422, .invalidRequest), (403, .auth)])
    func aRefusedSubmitIsNotRetried(status: Int, reason: JobFailure.Reason) async throws {
        try await Self.withFal { fal, h in
            fal.core.script(.status(status, ["detail": "no"]), on: .create)
            let summary = try await h.run(try Self.adapter(fal))
            #expect(summary.failures[Hosted.node]?.reason == reason)
            #expect(fal.core.requests("POST", "/").count == 1)
        }
    }

    @Test func aRateLimitedSubmitWaitsWhatFalAsks() async throws {
        try await Self.withFal { fal, h in
            fal.core.script(.rateLimited(retryAfter: 3), on: .create)
            let ran = try await h.run(try Self.adapter(fal))
            #expect(ran.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1 && waits.allSatisfy { $0 >= 3 && $0 <= 3.3 })
        }
    }

    @Test(arguments: [FakeTaskCore.Fault.status(502, ["detail": "bad gateway"]), .malformedJSON, .hang(seconds: 30)])
    func aBadStatusIsRetriedByPollingTheSameRequest(fault: FakeTaskCore.Fault) async throws {
        try await Self.withFal { fal, h in
            fal.core.script(fault, on: .poll)
            let ran = try await h.run(try Self.adapter(fal, requestTimeout: 4))
            #expect(ran.succeeded)
            #expect(fal.core.jobs.count == 1)
        }
    }

    @Test func aBadResultAnswerIsRetriedByPollingTheSameRequest() async throws {
        try await Self.withFal { fal, h in
            fal.core.script(.status(503, ["detail": "busy"]), on: .result)
            let ran = try await h.run(try Self.adapter(fal))
            #expect(ran.succeeded)
            #expect(fal.core.jobs.count == 1)
        }
    }

    @Test func anUnknownRequestOrAnExpiredLinkMakesTheTakeAgain() async throws {
        try await Self.withFal { fal, h in
            fal.core.forget("fal-req-1")
            fal.core.script(.expiredLink(status: 404), on: .download)
            let ran = try await h.run(try Self.adapter(fal))
            #expect(ran.succeeded)
            #expect(fal.core.jobs.count == 3)
        }
    }

    @Test func aTruncatedDownloadIsNeverStored() async throws {
        try await Self.withFal { fal, h in
            fal.core.script(.truncated, on: .download)
            let ran = try await h.run(try Self.adapter(fal))
            #expect(ran.succeeded)
            #expect(fal.core.jobs.count == 1)
            #expect(fal.core.downloads == (2, 1))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheKey() async throws {
        try await Self.withFal { fal, h in
            let support = try Hosted.support(probe: false)
            let good = Hosted.config("fal", baseURL: fal.baseURL, credentials: ["FAL_KEY": fal.apiKey], model: "m")
            #expect(try FalVideoProvider.entry.video?(good, support).descriptor.id == "fal")
            #expect(try await FalVideoProvider.entry.check(good, support) == "key accepted")
            let bad = Hosted.config("fal", baseURL: fal.baseURL, credentials: ["FAL_KEY": "fal-wrong:1"], model: "m")
            let failure = await #expect(throws: JobFailure.self) { try await FalVideoProvider.entry.check(bad, support) }
            #expect(failure?.reason == .auth)
        }
    }

    @Test func theKeyShowsNowhere() async throws {
        try await Self.withFal { fal, h in
            let adapter = try Self.adapter(fal, key: "fal-secret:abc999")
            let summary = try await h.run(adapter)
            #expect(summary.failures[Hosted.node]?.reason == .auth)
            try await Hosted.expectNoSecret("fal-secret:abc999", adapter: adapter, summary: summary, h: h)
        }
    }
}
