import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// A run stopped while its take is on the provider resumes by polling, never by paying again.
@Suite struct SimulatedResumeTests {
    @Test func aJobJournaledBeforeTheRunStoppedIsPolledNotCreatedAgain() async throws {
        let clock = ManualClock()
        let config = SimulationConfig(latency: 30...30, render: .cheap)
        try await withSim(config, clock: clock) { sim, dir in
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let provider = try h.provider(probe: false)
            let graph = try h.graph(provider)

            // First run: stopped as soon as the provider's job id is in the journal.
            let (events, sink) = AsyncStream.makeStream(of: RunEvent.self)
            var handle: ProviderHandle?
            await withTaskGroup(of: Void.self) { group in
                // Cancelled below once the job id is journaled; a run that ends before that
                // ends the stream, so the test fails at the #require instead of waiting.
                group.addTask {
                    defer { sink.finish() }
                    _ = try? await h.executor(provider).run(graph, events: sink)
                }
                for await event in events {
                    if case .submitted(_, let submitted) = event {
                        handle = submitted
                        break
                    }
                }
                group.cancelAll()
            }
            let journaled = try #require(handle, "the first run ended before the provider accepted the job")
            let entry = try #require(await h.journal.entries.values.first)
            #expect(entry.state == .submitted(journaled))
            #expect(sim.counters.createdJobs == 1)

            // The provider finishes meanwhile; a second run picks the job up.
            clock.advance(by: 31)
            let (resumedEvents, resumedSink) = AsyncStream.makeStream(of: RunEvent.self)
            let summary = try await h.executor(provider).run(graph, events: resumedSink)
            resumedSink.finish()
            #expect(summary.succeeded)
            var resumed: [ProviderHandle] = []
            for await event in resumedEvents { if case .resumed(_, let r) = event { resumed.append(r) } }
            #expect(resumed == [journaled])
            #expect(sim.counters.createRequests == 1)
            #expect(sim.counters.createdJobs == 1)
            #expect(h.requests("GET", "/v1/generations/\(journaled.jobID)").count >= 1)
        }
    }

    @Test func aJobTheProviderForgotIsMadeAgainUnderANewKey() async throws {
        try await withSim { sim, dir in
            let h = try SimAdapterHarness(sim: sim, dir: dir)
            let provider = try h.provider(probe: false)
            let graph = try h.graph(provider)
            // A handle from another server (a restarted provider that lost its jobs).
            let stale = ProviderHandle(provider: "sim", jobID: "gen_from_another_life")
            let node = try #require(graph.nodes.first)
            await h.journal.record(.submitted(stale), for: CacheKey(spec: node.spec, inputs: []), node: node)
            let summary = try await h.executor(provider).run(graph)
            #expect(summary.succeeded)
            #expect(sim.counters.createdJobs == 1)
            let sentKey = try #require(h.requests("POST", "/v1/generations").first?.header("idempotency-key"))
            #expect(sentKey.hasSuffix("-r1"))
        }
    }
}
