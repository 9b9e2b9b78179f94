import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `SimulatedVideoProvider` against the simulated server over real HTTP, through the
/// executor, the way a film's takes run.
@Suite struct SimulatedProviderTests {
    static let node: NodeID = "video:S01-02#1"

    @Test func aTakeIsMadeDownloadedMeasuredAndPaidFor() async throws {
        try await withSim { sim, dir in
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider())
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[Self.node])
            #expect(h.blobs.contains(output.asset))
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.asset.media?.width == 480 && output.asset.media?.height == 854)
            #expect(output.asset.media?.frameCount == 24)
            #expect(output.cost == Money(micros: 50_000))
            #expect(summary.spent == [Money(micros: 50_000)])
            #expect(sim.counters.createdJobs == 1)
            #expect(sim.counters.completedDownloads == 1)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theRequestsAreWhatTheProtocolSays() async throws {
        try await withSim { sim, dir in
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            _ = try await h.run(try h.provider(probe: false))
            let create = try #require(h.requests("POST", "/v1/generations").first)
            #expect(create.path == "/v1/generations")
            #expect(create.header("authorization") == "Bearer \(sim.apiKey)")
            #expect(create.header("content-type") == "application/json")
            let key = try #require(create.header("idempotency-key"))
            let entry = try #require(await h.journal.entries.values.first)
            #expect(key == entry.idempotencyKey)
            let body = try #require(create.json)
            #expect(body["model"] == "sim-1")
            #expect(body["prompt"]?.stringValue == SimAdapterHarness.request.prompt)
            #expect(body["duration_ms"] == .int(1000))
            #expect(body["width"] == .int(480))
            #expect(body["height"] == .int(854))
            #expect(body["fps"] == .string("24"))
            #expect(body["seed"] == .string("7"))
            #expect(body["label"] == .string("S01-02"))
            #expect(create.text.contains(#""duration_ms":1000"#))

            guard case .submitted(let handle)? = await h.journal.log.map(\.state).first(where: {
                if case .submitted = $0 { true } else { false }
            }) else { Issue.record("no handle was journaled"); return }
            #expect(handle.provider == "sim")
            #expect(handle.extra == nil)
            let poll = try #require(h.requests("GET", "/v1/generations/").first)
            #expect(poll.path == "/v1/generations/\(handle.jobID)")
            #expect(poll.header("authorization") == "Bearer \(sim.apiKey)")
            let download = try #require(h.requests("GET", "/v1/files/").first)
            #expect(download.header("authorization") == nil)
        }
    }

    @Test func aRateLimitedCreateWaitsWhatTheServerAsksThenSucceeds() async throws {
        try await withSim { sim, dir in
            sim.script(.rateLimited(retryAfter: 7), on: .create, request: 1)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(probe: false))
            #expect(summary.succeeded)
            let waits = await h.sleeper.waits
            #expect(waits.count == 1)
            #expect(waits.allSatisfy { $0 >= 7 && $0 <= 7.7 })
            #expect(sim.counters.createRequests == 2)
            #expect(sim.counters.createdJobs == 1)
            let keys = h.requests("POST", "/v1/generations").compactMap { $0.header("idempotency-key") }
            #expect(keys.count == 2 && Set(keys).count == 1)
        }
    }

    @Test(arguments: [ScriptedFault.Endpoint.create, .poll])
    func serverErrorsAreRetried(endpoint: ScriptedFault.Endpoint) async throws {
        try await withSim { sim, dir in
            sim.script(.serverError(status: 502), on: endpoint, request: 1)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(probe: false))
            #expect(summary.succeeded)
            #expect(await h.sleeper.waits.count == 1)
            #expect(sim.counters.createdJobs == 1)
        }
    }

    @Test func aMalformedReportIsRetriedByPollingTheSameJob() async throws {
        try await withSim { sim, dir in
            sim.script(.malformedJSON, on: .poll, request: 1)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(probe: false))
            #expect(summary.succeeded)
            #expect(sim.counters.createRequests == 1)
        }
    }

    @Test(arguments: [("moderation", JobFailure.Reason.moderation), ("internal", .failed)])
    func aFailedJobFailsTheTakeWithoutRetrying(code: String, reason: JobFailure.Reason) async throws {
        try await withSim { sim, dir in
            sim.scriptNext(.jobFails(code: code), on: .create)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(probe: false))
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == reason)
            #expect(failure.providerCode == code)
            #expect(sim.counters.createRequests == 1)
            #expect(summary.spent.isEmpty)
        }
    }

    @Test func anExpiredLinkMakesTheTakeAgainUnderANewKey() async throws {
        try await withSim { sim, dir in
            sim.scriptNext(.expiredLink, on: .download)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(probe: false))
            #expect(summary.succeeded)
            #expect(sim.counters.createdJobs == 2)
            let keys = h.requests("POST", "/v1/generations").compactMap { $0.header("idempotency-key") }
            #expect(keys.count == 2)
            #expect(keys[1] == keys[0] + "-r1")
            #expect(sim.counters.duplicatedKeys.isEmpty)
        }
    }

    @Test func aTruncatedDownloadIsRetriedFromTheSameJobAndNeverStored() async throws {
        var config = SimulationConfig.instant
        config.render = .cheap
        try await withSim(config) { sim, dir in
            sim.scriptNext(.truncatedDownload, on: .download)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let (events, sink) = AsyncStream.makeStream(of: RunEvent.self)
            let summary = try await h.executor(try h.provider(probe: false)).run(try h.graph(try h.provider()), events: sink)
            sink.finish()
            #expect(summary.succeeded)
            #expect(sim.counters.createdJobs == 1)
            #expect(sim.counters.downloads == 2)
            var resumed = 0
            for await event in events { if case .resumed = event { resumed += 1 } }
            #expect(resumed == 1)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func aHungCreateTimesOutAndTheRetryFindsTheSameJob() async throws {
        try await withSim { sim, dir in
            sim.scriptNext(.hang(seconds: 30), on: .create)
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let summary = try await h.run(try h.provider(requestTimeout: 4, probe: false))
            #expect(summary.succeeded)
            #expect(sim.counters.createRequests == 2)
            #expect(sim.counters.createdJobs == 1)
            #expect(sim.counters.idempotentReplays == 1)
        }
    }
}
