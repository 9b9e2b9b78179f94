import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel shot` as a user runs it, on a project made by `reel init` from the Chinese
/// short-drama example: show, edit, refuse, re-plan.
@Suite struct ShotCommandTests {
    struct Report: Decodable {
        var shot: Shot
        var edited: [String]
        var prompt: String
        var promptIsEdited: Bool
        var version: String
        var takes: [JSONValue]
        var warnings: [String]
    }

    @Test func showEditRefuseAndReplan() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let home = dir.file("home")
        let initialized = try await ReelBinary.run(["init", dir.file("film").path, "--script",
                                                    ReelBinary.example("rain-delivery.zh.txt").path], home: home)
        #expect(initialized.status == 0, "\(initialized.stderrText)")
        let project = dir.file("film")
        func reel(_ arguments: String...) async throws -> ProcessResult {
            try await ReelBinary.run(arguments, home: home, directory: project)
        }

        let board = try JSONDecoder().decode(Storyboard.self, from: try await reel("plan", "--json").stdout)
        let shot = try #require(board.shots.first { !$0.dialogue.isEmpty })
        let shown = try await reel("shot", shot.id.rawValue)
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(shown.stdoutText.hasPrefix("\(shot.id)  scene \(shot.scene): "))
        #expect(shown.stdoutText.contains("a remote model gets: "))
        #expect(shown.stdoutText.contains(shot.dialogue[0].text))
        #expect(!shown.stdoutText.contains("(edited)"))

        let edited = try await reel("shot", shot.id.rawValue, "--size", "ECU", "--move", "push-in", "--duration", "2.5",
                                    "--prompt", "特写：小雨握着手机，屏幕的光照亮她的脸", "--json")
        #expect(edited.status == 0, "\(edited.stderrText)")
        let report = try JSONDecoder().decode(Report.self, from: edited.stdout)
        #expect(report.edited == ["prompt", "size", "move", "duration"])
        #expect(report.shot.size == .extremeCloseUp && report.shot.move == .pushIn)
        #expect(report.shot.duration.seconds == 2.5)
        #expect(report.prompt == "特写：小雨握着手机，屏幕的光照亮她的脸" && report.promptIsEdited)

        let text = try await reel("shot", shot.id.rawValue)
        #expect(text.stdoutText.contains("ECU (extreme close-up)  (edited), push in  (edited), 2.50 s  (edited)"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("prompt (edited): 特写："))

        // A re-plan keeps the edit and the id.
        let replanned = try JSONDecoder().decode(Storyboard.self, from: try await reel("plan", "--json").stdout)
        #expect(replanned.shot(shot.id)?.size == .extremeCloseUp)
        #expect(replanned.shots.map(\.id) == board.shots.map(\.id))

        // Bad input: one message, usage exit status, nothing changed.
        let refused = try await reel("shot", shot.id.rawValue, "--size", "huge", "--move", "pan-left")
        #expect(refused.status == 64)
        #expect(refused.stderrText == "reel: error: \"huge\" is not a shot size (--size)\n  → use one of EWS, WS, FS, MS, MCU, CU, ECU\n")
        let after = try JSONDecoder().decode(Report.self, from: try await reel("shot", shot.id.rawValue, "--json").stdout)
        #expect(after.shot.move == .pushIn && after.version == report.version)
        let unknown = try await reel("shot", "S99-01")
        #expect(unknown.status == 66 && unknown.stderrText.hasPrefix("reel: error: there is no shot S99-01\n"))

        let reset = try JSONDecoder().decode(Report.self, from: try await reel("shot", shot.id.rawValue, "--reset", "--json").stdout)
        #expect(reset.edited.isEmpty && reset.shot.size == shot.size && reset.shot.duration == shot.duration)
    }
}
