import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel plan` on a Chinese short-drama script: detected, planned with speech, and a note
/// when it is forced through the Fountain reader.
@Suite struct ShortDramaCLITests {
    func storyboard(_ json: Data) throws -> Storyboard {
        try JSONDecoder().decode(Storyboard.self, from: json)
    }

    @Test func planJSONOfTheChineseExampleHasScenesWithDialogue() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["plan", ReelBinary.example("rain-delivery.zh.txt").path, "--json"],
                                              home: dir.file("home"))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty)
        let board = try storyboard(result.stdout)
        #expect(board.title == "雨夜外卖")
        #expect(board.scenes.map(\.id.rawValue) == ["1-1", "1-2", "1-3"])
        #expect(board.scenes.map(\.timeOfDay) == [.night, .night, .night])
        #expect(board.scenes.map(\.setting) == [.interior, .exterior, .interior])
        let speakers = board.shots.flatMap(\.dialogue).compactMap { board.subject($0.speaker)?.name }
        #expect(speakers.count >= 6)
        #expect(Set(speakers) == ["小雨", "阿杰"])
        for scene in board.scenes {
            #expect(board.shots.contains { $0.scene == scene.id && !$0.dialogue.isEmpty }, "scene \(scene.id) has speech")
        }
    }

    @Test func forcedThroughFountainTheSpeechIsNotedNotSilentlyDropped() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let example = ReelBinary.example("rain-delivery.zh.txt")
        let script = try dir.write("s.fountain", ".内景 出租屋 夜\n\n" + String(contentsOf: example, encoding: .utf8))
        let forced = try await ReelBinary.run(["plan", script.path, "--json", "--format", "fountain"], home: dir.file("home"))
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(try storyboard(forced.stdout).shots.allSatisfy(\.dialogue.isEmpty))
        #expect(forced.stderrText.hasPrefix("note: \(script.path):"))
        #expect(forced.stderrText.contains("look like speech (`小雨：他又没回消息。`)"))
        #expect(forced.stderrText.contains("--format zh"))

        let zh = try await ReelBinary.run(["plan", script.path, "--json", "--format", "zh"], home: dir.file("home"))
        #expect(zh.status == 0, "\(zh.stderrText)")
        #expect(zh.stderrText.isEmpty)
        #expect(try storyboard(zh.stdout).shots.contains { !$0.dialogue.isEmpty })
    }

    @Test func aProjectKeepsTheFormatItWasCreatedWith() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = dir.file("film")
        let created = try await ReelBinary.run(["init", project.path, "--script", ReelBinary.example("rain-delivery.zh.txt").path,
                                                "--format", "zh"], home: dir.file("home"))
        #expect(created.status == 0, "\(created.stderrText)")
        let yaml = try String(contentsOf: project.appendingPathComponent("reel.yaml"), encoding: .utf8)
        #expect(yaml.contains("script: \"rain-delivery.zh.txt\""))
        #expect(yaml.contains("script_format: zh"))
        let planned = try await ReelBinary.run(["plan", "--json", "--project", project.path], home: dir.file("home"))
        #expect(planned.status == 0, "\(planned.stderrText)")
        #expect(try storyboard(planned.stdout).shots.contains { !$0.dialogue.isEmpty })
    }

    @Test func anUnknownFormatIsAUsageError() async throws {
        let result = try await ReelBinary.run(["plan", "x.txt", "--format", "docx"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--format must be fountain, zh or auto (got 'docx')"))
    }
}
