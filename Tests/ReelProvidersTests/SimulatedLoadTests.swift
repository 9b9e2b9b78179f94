import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// Many takes at once through a provider that often says no: every take is made, and
/// no idempotency key ever makes a second job.
@Suite struct SimulatedLoadTests {
    @Test func aFaultyProviderStillMakesEveryTakeExactlyOnce() async throws {
        let faults = FaultPlan(rateLimit: 0.3, retryAfter: 2, serverErrorOnCreate: 0.1, serverErrorOnPoll: 0.2,
                               truncatedDownload: 0.2, malformedJSON: 0.1)
        let config = SimulationConfig(latency: 0...0, concurrency: 2, seed: 11, faults: faults, render: .cheap)
        try await withSim(config) { sim, dir in
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let provider = try h.provider(probe: false)
            var nodes: [GraphNode] = []
            for take in 1...12 {
                var request = SimAdapterHarness.request
                request.seed = UInt64(take)
                let normalized = provider.normalize(request)
                let spec = JobSpec(kind: .video, provider: "sim", model: normalized.model,
                                   params: try JSONValue(encoding: normalized), seed: normalized.seed, deterministic: false)
                nodes.append(GraphNode(id: NodeID("video:S01-02#\(take)"), spec: spec, shot: "S01-02"))
            }
            var runners = RunnerRegistry()
            runners.register(GenerationRunner(provider, sleeper: RecordingSleeper()), kind: .video, provider: "sim")
            let options = ExecutorOptions(limits: ["sim": 4], retry: RetryPolicy(maxAttempts: 10))
            let summary = try await Executor(runners: runners, journal: h.journal, blobs: h.blobs, options: options,
                                             sleeper: h.sleeper).run(JobGraph(nodes))
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(summary.outputs.count == 12)
            let counters = sim.counters
            #expect(counters.createdJobs == 12)
            #expect(counters.duplicatedKeys.isEmpty)
            #expect(counters.faults["rate-limited", default: 0] > 0)
            #expect(counters.faults["truncated-download", default: 0] > 0)
            #expect(counters.completedDownloads == 12)
            #expect(summary.spent == [Money(micros: 12 * 50_000)])
            #expect(try h.scratchFiles.isEmpty)
        }
    }
}
