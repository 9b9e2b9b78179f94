import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel shot`: a user's edit wins over the planner, survives re-plans, makes a new version
/// of the shot, and bad input changes nothing.
@Suite struct ShotEditTests {
    typealias Fixture = TakeDecisionTests.Fixture

    @Test func anEditWinsOverThePlannerAndSurvivesAReplan() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.last)
        let before = try await Studio().shot(f.production, id: shot.id)
        #expect(before.edited.isEmpty && !before.promptIsEdited)

        let report = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(
            prompt: "  Close on Maya, rain on the glass  ", size: "cu", move: "PUSH-IN", duration: 3.3, mode: "text"))
        #expect(report.edited == ["prompt", "size", "move", "duration", "mode"])
        #expect(report.shot.size == .closeUp && report.shot.move == .pushIn && report.shot.mode == .text)
        #expect(report.shot.duration == RationalTime(value: 79, timescale: 24), "3.3 s is 79 frames at 24 fps")
        #expect(report.prompt == "Close on Maya, rain on the glass" && report.promptIsEdited)
        #expect(report.version != before.version, "an edit is a new version of the shot")

        // Planned again (as every command does): the edit is still there, the id the same.
        let again = try await Studio().plan(f.production, save: true)
        #expect(again.shot(shot.id)?.size == .closeUp && again.shot(shot.id)?.prompt == "Close on Maya, rain on the glass")
        #expect(try await Studio().shot(f.production, id: shot.id).version == report.version)

        // A second edit adds to the first; an empty prompt goes back to the written one.
        let second = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(prompt: ""))
        #expect(second.edited == ["size", "move", "duration", "mode"] && !second.promptIsEdited)
        #expect(second.prompt.hasPrefix("Close-Up, "), "\(second.prompt)")
        let reset = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(reset: true))
        #expect(reset.edited.isEmpty && reset.version == before.version, "reset gives back the planner's shot, same version")
        #expect(try await f.project.shotEdits().isEmpty)
    }

    @Test func anEmptyShotHasNoOneInFrameAndSaysSoInItsPrompt() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first { !$0.subjects.isEmpty })
        let empty = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(empty: true))
        #expect(empty.shot.empty == true && empty.shot.subjects.isEmpty && empty.subjects.isEmpty)
        #expect(empty.prompt.contains("Empty shot: no people in frame.") && !empty.prompt.contains("In frame:"))
        let cast = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(subjects: ["maya"]))
        #expect(cast.shot.empty == nil && cast.subjects == ["MAYA"], "naming someone in frame ends the empty shot")
    }

    @Test func theScriptChangingUnderAnEditIsTold() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first { $0.action.contains("waits") })
        _ = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(size: "ECU"))
        #expect(try await Studio().editWarnings(f.production).isEmpty)
        let script = try String(contentsOf: f.production.script, encoding: .utf8)
        try script.replacingOccurrences(of: "waits by the window", with: "waits by the door")
            .write(to: f.production.script, atomically: true, encoding: .utf8)
        let warnings = try await Studio().editWarnings(f.production)
        #expect(warnings == ["\(shot.id): the script changed under your edit of size; check it with `reel shot \(shot.id)` "
            + "(edit again to keep it, or `--reset` to drop it)"])
        let report = try await Studio().shot(f.production, id: shot.id)
        #expect(report.shot.size == .extremeCloseUp && report.warnings == warnings, "the edit still holds until the user says")
        _ = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(size: "ECU"))
        #expect(try await Studio().editWarnings(f.production).isEmpty, "editing again acknowledges the new words")
    }

    static let refusals: [(ShotChange, String)] = [
        (ShotChange(size: "XL"), "\"XL\" is not a shot size (--size)"),
        (ShotChange(move: "zoom"), "\"zoom\" is not a camera move (--move)"),
        (ShotChange(mode: "video"), "\"video\" is not a generation mode (--mode)"),
        (ShotChange(duration: 0.1), "a shot of 0.1 s cannot be made"),
        (ShotChange(duration: .nan), "a shot of nan s cannot be made"),
        (ShotChange(subjects: ["BOB"]), "there is no subject \"BOB\" in the storyboard"),
        (ShotChange(subjects: ["MAYA"], empty: true), "an empty shot has no one in frame, so it cannot have --subjects MAYA"),
        (ShotChange(prompt: String(repeating: "雨", count: 4001)), "the prompt for S01-01 is 4001 characters; 4000 at most"),
        (ShotChange(size: "CU", move: "sideways"), "\"sideways\" is not a camera move (--move)"),
    ]

    @Test(arguments: 0..<refusals.count)
    func badInputIsRefusedAndChangesNothing(_ index: Int) async throws {
        let (change, message) = Self.refusals[index]
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shot("S01-01"))
        let error = await #expect(throws: ReelError.self) {
            try await Studio().editShot(f.production, id: shot.id, change: change)
        }
        #expect(error?.message == message)
        // A subject that is not there is not found; every other refusal is a usage error.
        #expect(error?.code == (message.hasPrefix("there is no subject") ? .notFound : .usage) && error?.hint != nil)
        #expect(try await f.project.shotEdits().isEmpty)
        #expect(try await f.project.loadStoryboard()?.shot(shot.id) == shot)
    }

    @Test func aShotCannotBeShorterThanItsLines() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first { !$0.dialogue.isEmpty })
        let error = await #expect(throws: ReelError.self) {
            try await Studio().editShot(f.production, id: shot.id, change: ShotChange(duration: 0.5))
        }
        #expect(error?.message.hasPrefix("\(shot.id)'s lines need ") == true, "\(String(describing: error?.message))")
        #expect(try await f.project.shotEdits().isEmpty)
    }

    /// A shot that continues one the script no longer has starts from nothing of it: no
    /// frame of a retired shot's take goes anywhere, and the shot says why.
    @Test func continuingARetiredShotSendsNothingOfIt() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let first = try #require(f.board.shots.first { $0.action.contains("waits") })
        let second = try #require(f.board.shots.first { !$0.dialogue.isEmpty })
        let take = f.take(first, 1, fingerprint: "x")
        try await f.project.addTakes([take])
        await f.record(.succeeded(TakeDecisionTests.output), of: take)
        _ = try await Studio().pick(f.production, shot: first.id, number: 1)
        let edited = try await Studio().editShot(f.production, id: second.id, change: ShotChange(continuesFrom: first.id.rawValue))
        #expect(edited.remoteInput.hasPrefix("image-to-video: starts on the last frame of \(first.id)"))

        // The script loses the first shot's action: that shot is retired.
        let script = try String(contentsOf: f.production.script, encoding: .utf8)
        try script.replacingOccurrences(of: "Maya waits by the window.\n", with: "")
            .write(to: f.production.script, atomically: true, encoding: .utf8)
        let board = try await Studio().plan(f.production, save: true)
        #expect(board.shot(first.id) == nil)
        let now = try #require(board.shot(second.id))
        #expect(now.continuesFrom == first.id)
        let builder = try await Studio().filmBuilder(f.production, board: board)
        #expect(builder.firstFrame(for: now) == nil && builder.likeness(for: now).isEmpty)
        #expect(try await Studio().shot(f.production, id: second.id).remoteInput
            == "text-to-video: continues \(first.id), which is no longer in the script (`reel shot \(second.id) --continue-from \"\"`)")
    }

    @Test func anUnknownShotNamesTheRange() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let error = await #expect(throws: ReelError.self) {
            try await Studio().editShot(f.production, id: "S09-09", change: ShotChange(size: "CU"))
        }
        #expect(error?.message == "there is no shot S09-09")
        #expect(error?.hint?.contains("\(f.board.shots.first!.id) … \(f.board.shots.last!.id)") == true)
    }
}
