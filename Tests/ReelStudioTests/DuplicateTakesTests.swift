import Foundation
import ReelEngine
import ReelModel
import ReelSimulator
import ReelTesting
import Testing

@testable import ReelStudio

/// A take that nearly repeats an earlier one of its shot, on the simulated provider over
/// loopback: the simulator's `repeated` defect answers with the same picture whatever the
/// seed (a provider serving its cache), drawn in full so two honest takes differ.
@Suite(.serialized) struct DuplicateTakesTests {
    let remote = RemoteProductionTests()

    @Test func aTakeThatRepeatsAnEarlierOneFailsAndIsNeverPickedAutomatically() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let faults = FaultPlan(scripted: [ScriptedFault(.brokenClip(.repeated), on: .create, request: 2),
                                          ScriptedFault(.brokenClip(.repeated), on: .create, request: 3)])
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 8, faults: faults, render: .full))
        let production = try remote.production(dir, yaml: "provider: sim\n")
        defer { production.close() }
        let studio = remote.studio(sim, dir)

        // One take at a time, so take n is the simulator's n-th request.
        for n in 1...3 {
            let made = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: n))
            #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        }
        let takes = try await studio.takes(production, shot: "S01-02").sorted { $0.number < $1.number }
        #expect(takes.map(\.state) == ["succeeded", "succeeded", "succeeded"])
        // Takes 1 and 2 are two draws (other seeds, other colours); 3 is 2 again.
        #expect(takes[0].verdict?.passed == true && takes[1].verdict?.passed == true,
                "\(takes.map { $0.verdict?.summary ?? "unchecked" })")
        let problems = try #require(takes[2].verdict?.problems)
        #expect(problems.map(\.kind) == [.duplicate])
        #expect(problems.first?.summary.hasPrefix("it nearly repeats take 2 (their frames differ by ") == true, "\(problems)")
        #expect(problems.first?.unit == .difference && (problems.first?.measure ?? 99) <= VideoSignature.repeatMean)

        // Only the later take fails: pick --auto takes the newest that passed.
        let auto = try await studio.autoPick(production, shots: ["S01-02"])
        #expect(auto.first?.picked == takes[1].take)
        let yield = try #require(try await studio.stats(production).yield)
        #expect(yield.project.attempts == 3 && yield.project.failedCheck == 1)
        try await sim.stop()
    }
}
