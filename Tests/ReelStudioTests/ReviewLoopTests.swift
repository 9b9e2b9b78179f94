import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelSimulator
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// The review loop on the simulated provider over loopback: every take is checked as it
/// arrives, broken ones (black, frozen, cut, short — the simulator's broken-clip faults) are
/// flagged and never picked automatically, a note on a frame changes the next take's request
/// (as the provider receives it), and yield is told from picks and attempts.
@Suite(.serialized) struct ReviewLoopTests {
    let remote = RemoteProductionTests()

    @Test func brokenTakesAreFlaggedAndNeverPickedAutomatically() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let broken: [ClipDefect] = [.black, .frozen, .cut, .short]
        let faults = FaultPlan(scripted: broken.enumerated().map { ScriptedFault(.brokenClip($1), on: .create, request: $0 + 1) })
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 4, faults: faults, render: .cheap))
        let production = try remote.production(dir, yaml: "provider: sim\n")
        defer { production.close() }
        let studio = remote.studio(sim, dir)

        let made = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 6))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        #expect(made.graph.nodes.filter { $0.spec.kind == .check }.count == 6, "one check per take")
        let takes = try await studio.takes(production, shot: "S01-02")
        #expect(takes.count == 6 && takes.allSatisfy { $0.state == "succeeded" })
        let found = takes.compactMap(\.verdict).flatMap { $0.problems.map(\.kind.rawValue) }.sorted()
        #expect(found == ["black", "cut", "duration", "frozen"], "each broken clip flagged once, for what is wrong with it")
        #expect(takes.filter { $0.verdict?.passed == true }.count == 2, "no good take flagged")
        #expect(takes.allSatisfy { $0.verdict != nil }, "every take checked on arrival")

        // The cut's own choice and pick --auto both pass over failed takes.
        let passing = takes.filter { $0.verdict?.passed == true }.map(\.take)
        let auto = try await studio.autoPick(production, shots: ["S01-*"])
        let picked = try #require(auto.first { $0.shot == "S01-02" }?.picked)
        #expect(passing.first == picked, "the newest take that passed")
        #expect(auto.first { $0.shot == "S01-01" }?.picked == nil, "a shot with no take gets no pick")
        #expect(try await studio.takes(production, shot: "S01-02").first { $0.take == picked }?.autoPicked == true)

        // A person's pick is never replaced by --auto, even of a failed take; the cut warns.
        let failed = try #require(takes.first { $0.verdict?.passed == false })
        _ = try await studio.pick(production, shot: "S01-02", number: failed.number)
        let again = try await studio.autoPick(production, shots: ["S01-02"])
        #expect(again.first?.picked == nil && again.first?.reason.contains("picked by a person") == true)
        let cut = try await studio.timeline(production)
        #expect(cut.warnings.contains { $0.contains("\(failed.take) failed its quality check") }, "\(cut.warnings)")

        let yield = try #require(try await studio.stats(production).yield)
        #expect(yield.project.attempts == 6 && yield.project.failedCheck == 4)
        #expect(yield.project.accepted == 1 && yield.project.attemptsPerAccepted == 6)
        #expect(yield.models.map(\.group) == ["sim/sim-1"])
        #expect(yield.unused == [Money.totals(takes.filter { $0.take != failed.take }.compactMap(\.cost))].flatMap { $0 })
        try await sim.stop()
    }

    @Test func aNoteOnAFrameBecomesTheNextTakesInstructionUntilAPickCarriesIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 5, render: .cheap))
        let production = try remote.production(dir, yaml: "provider: sim\n")
        defer { production.close() }
        let studio = remote.studio(sim, dir)
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        let before = try #require(sim.requests.last { $0.method == "POST" && $0.path == "/v1/generations" }?.json?["prompt"]?.stringValue)
        #expect(!before.contains("Director's notes"))

        let note = try await studio.note(production, NoteRequest(shot: "S01-02", take: 1, at: 0.5,
                                                                 box: NoteBox(x: 0.05, y: 0.05, width: 0.2, height: 0.2),
                                                                 text: "her scarf should be red"))
        #expect(note.status == "open" && note.take == "S01-02#1" && note.answeredBy.isEmpty)
        // `reel shot` says what the next takes add, word for word what the provider gets below.
        let shown = try await studio.shot(production, id: "S01-02")
        #expect(shown.nextNotes == " Director's notes: at 0.5 s, upper left of the frame: her scarf should be red.")

        // Asking for one take again makes a new one: the first does not carry the note.
        let next = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(next.added.map(\.id) == ["S01-02#2"] && next.added.first?.notes == [note.id])
        let sent = try #require(sim.requests.last { $0.method == "POST" && $0.path == "/v1/generations" }?.json?["prompt"]?.stringValue)
        #expect(sent == before + " Director's notes: at 0.5 s, upper left of the frame: her scarf should be red.", "what the provider received")
        #expect(try await studio.takes(production, shot: "S01-02").first?.notes == [note.id])
        #expect(try await studio.notes(production, shot: "S01-02").first?.answeredBy == ["S01-02#2"])
        #expect(try await studio.notes(production, shot: "S01-02").first?.status == "open", "open until a pick carries it")

        _ = try await studio.pick(production, shot: "S01-02", number: 2)
        #expect(try await studio.notes(production, shot: "S01-02").first?.status == "resolved")
        #expect(try await studio.shot(production, id: "S01-02").nextNotes == nil, "a resolved note is no longer added")
        let settled = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(settled.added.isEmpty, "a resolved note asks for nothing more")
        try await sim.stop()
    }

    @Test(arguments: [
        (NoteRequest(shot: "S09-09", text: "x"), "there is no shot S09-09"),
        (NoteRequest(shot: "S01-02", take: 7, text: "x"), "shot S01-02 has no take 7"),
        (NoteRequest(shot: "S01-02", take: 1, at: 99, text: "x"), "99 s is outside take S01-02#1"),
        (NoteRequest(shot: "S01-02", at: 1, text: "x"), "--at needs a take"),
        (NoteRequest(shot: "S01-02", take: 1, text: "  "), "the note says nothing"),
    ])
    func aBadNoteIsRefusedWithWhatIsWrong(request: NoteRequest, message: String) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try Production.open(try ProjectWorkflowTests().project(dir), lockFor: "test")
        defer { production.close() }
        let studio = Studio()
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        let error = await #expect(throws: ReelError.self) { try await studio.note(production, request) }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error?.message))")
        #expect(try await production.repository.notes(of: nil).isEmpty, "nothing recorded")
    }

    @Test func aBoxMustLieInsideTheFrame() {
        #expect(NoteBox(parsing: "0.1,0.2,0.3,0.4") != nil)
        #expect(NoteBox(parsing: "0.8,0,0.5,1") == nil)
        #expect(NoteBox(parsing: "0.1,0.2,0.3") == nil)
        #expect(NoteBox(parsing: "-0.1,0.2,0.3,0.4") == nil)
        #expect(NoteBox(parsing: "0.1,0.2,0,0.4") == nil)
        #expect(NoteBox(x: 0.7, y: 0.7, width: 0.3, height: 0.3)?.region == "lower right of the frame")
        #expect(NoteBox(x: 0.4, y: 0.4, width: 0.2, height: 0.2)?.region == "centre of the frame")
    }
}
