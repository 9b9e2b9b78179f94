import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel music` as a user types it, on a project made by `reel init` from the Chinese example:
/// every scene listed, one asked for in words and a mood with takes made (offline, free),
/// a dry run that changes nothing, a pick, refusals with one clear message, a reset.
@Suite struct MusicCommandTests {
    @Test func aScenesMusicIsAskedMadePickedAndReset() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await ReelBinary.initialized(dir, example: "last-delivery.zh.fountain")
        func reel(_ arguments: String...) async throws -> ProcessResult { try await project.run(arguments) }
        let yamlURL = project.folder.appendingPathComponent("reel.yaml")
        let original = try String(contentsOf: yamlURL, encoding: .utf8)

        let listed = try await reel("music", "--json")
        #expect(listed.status == 0, "\(listed.stderrText)")
        let scenes = try #require(try JSONDecoder().decode(JSONValue.self, from: listed.stdout)["scenes"]?.arrayValue)
        try #require(scenes.count >= 2)
        #expect(scenes.allSatisfy { $0["provider"] == "procedural" && $0["takes"]?.arrayValue?.count == 1 })

        let dry = try await reel("music", "--scene", "S02", "紧张的弦乐", "--takes", "2", "--dry-run")
        #expect(dry.status == 0 && dry.stdoutText.contains("procedural music, on this machine: 2 to run"), "\(dry.stdoutText)")
        #expect(try String(contentsOf: yamlURL, encoding: .utf8) == original, "a dry run writes nothing")

        let made = try await reel("music", "--scene", "S02", "紧张的弦乐", "--mood", "tense", "--takes", "2")
        #expect(made.status == 0, "\(made.stderrText)")
        let lines = made.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("scene 2  ") == true && lines.first?.contains("tense (asked; the scene is") == true, "\(made.stdoutText)")
        #expect(lines.filter { $0.contains(" take ") && $0.contains("  made  /") }.count == 2, "\(made.stdoutText)")
        #expect(lines.contains { $0.hasPrefix("  * take 1") }, "the first take plays until another is picked")
        #expect(made.stdoutText.contains("reel music --scene 2 --pick N"))

        let picked = try await reel("music", "--scene", "2", "--pick", "2", "--json")
        #expect(picked.status == 0, "\(picked.stderrText)")
        let scene = try JSONDecoder().decode(JSONValue.self, from: picked.stdout)
        #expect(scene["pick"] == 2 && scene["prompt"] == "紧张的弦乐" && scene["mood"] == "tense")
        #expect(scene["takes"]?.arrayValue?.map { $0["picked"] } == [.bool(false), .bool(true)])
        let yaml = try String(contentsOf: yamlURL, encoding: .utf8)
        #expect(yaml.hasPrefix(original) && yaml.hasSuffix("  \"2\": { prompt: \"紧张的弦乐\", mood: tense, takes: 2, pick: 2 }\n"), "\(yaml)")

        for (arguments, status, says) in [
            (["music", "--takes", "2"], Int32(64), "say which scene's music: --scene N"),
            (["music", "--scene", "99", "--takes", "2"], 64, "the storyboard has no scene 99"),
            (["music", "--scene", "2", "--pick", "3"], 64, "there is no take 3 to pick"),
            (["music", "--scene", "2", "--mood", "angry"], 64, "angry is not a mood"),
            (["music", "--scene", "2", "--provider", "kling"], 78, "kling is not a music provider"),
        ] {
            let refused = try await project.run(arguments)
            #expect(refused.status == status && refused.stderrText.contains(says), "\(arguments): \(refused.status) \(refused.stderrText)")
        }
        #expect(try String(contentsOf: yamlURL, encoding: .utf8) == yaml, "refusals changed nothing")

        let reset = try await reel("music", "--scene", "2", "--reset")
        #expect(reset.status == 0, "\(reset.stderrText)")
        #expect(try String(contentsOf: yamlURL, encoding: .utf8) == original, "reel.yaml is as reel init wrote it")
    }
}
