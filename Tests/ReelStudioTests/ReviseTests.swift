import Foundation
import ReelAssistant
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel revise`: the script and the instruction go to the model as one cached job; the
/// answer is checked, the old script kept, the diff written, the storyboard re-planned —
/// and an answer that changes nothing, or a dry run, writes nothing.
@Suite(.serialized) struct ReviseTests {
    static func project(_ dir: TemporaryDirectory, _ studio: Studio) async throws -> (Production, String) {
        let made = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        let project = try Project.find(URL(fileURLWithPath: made.directory))
        let text = try String(contentsOf: project.scriptURL, encoding: .utf8)
        return (try Production.open(project, lockFor: "revise"), text)
    }

    static func answer(_ script: String, changes: [String]) throws -> String {
        let data = try JSONEncoder().encode(["script": JSONValue.string(script), "changes": .array(changes.map(JSONValue.string))])
        return "Done:\n```json\n" + String(decoding: data, as: UTF8.self) + "\n```"
    }

    @Test func aRevisionKeepsTheOldScriptWritesTheDiffAndReplansWithTheSameShotIDs() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let (production, original) = try await Self.project(dir, studio)
        defer { production.close() }
        let before = try #require(try await production.repository.loadStoryboard())
        let firstHeading = "EXT. SKYLINE - NIGHT"
        let revised = original.replacingOccurrences(of: firstHeading, with: "EXT. SKYLINE - DAWN")
        #expect(revised != original)
        fake.transcript([try Self.answer(revised, changes: ["the first scene is now at another hour"])])

        let dry = try await studio.revise(production, ReviseRequest(instruction: "move the first scene to another hour", dryRun: true))
        #expect(dry.backup == nil && dry.removedLines == 1 && dry.addedLines == 1 && dry.diff.contains("-\(firstHeading)"))
        #expect(!FileManager.default.fileExists(atPath: production.script.deletingLastPathComponent().appendingPathComponent("revisions").path))
        #expect(try String(contentsOf: production.script, encoding: .utf8) == original, "a dry run writes nothing")

        let report = try await studio.revise(production, ReviseRequest(instruction: "move the first scene to another hour"))
        #expect(report.writer.calls.allSatisfy { $0.cached }, "the dry run's answer is reused, not asked again")
        #expect(fake.requests("POST", "chat/completions").count == 1)
        let sent = try #require(fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(sent.hasPrefix("Instruction: move the first scene to another hour") && sent.contains(original))

        let folder = production.script.deletingLastPathComponent()
        #expect(report.backup == "revisions/001-script.fountain" && report.diffFile == "revisions/001.diff")
        #expect(try String(contentsOf: folder.appendingPathComponent("revisions/001-script.fountain"), encoding: .utf8) == original)
        let diff = try String(contentsOf: folder.appendingPathComponent("revisions/001.diff"), encoding: .utf8)
        #expect(diff.hasPrefix("# reel revise \"move the first scene to another hour\"\n--- a/script.fountain\n+++ b/script.fountain\n@@ "))
        #expect(try String(contentsOf: production.script, encoding: .utf8) == revised)
        let after = try #require(try await production.repository.loadStoryboard())
        #expect(after.shots.map(\.id) == before.shots.map(\.id), "the same shots, re-planned under their ids")
        #expect(report.shotsBefore == before.shots.count && report.shotsAfter == after.shots.count)
        try await fake.stop()
    }

    @Test func anAnswerThatChangesNothingOrLosesTheFormatIsRefusedAndNothingIsWritten() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let (production, original) = try await Self.project(dir, studio)
        defer { production.close() }
        fake.transcript([try Self.answer(original, changes: []), try Self.answer("Just some prose now.", changes: ["rewrote it"])])
        let error = await #expect(throws: ReelError.self) {
            try await studio.revise(production, ReviseRequest(instruction: "make it better"))
        }
        #expect(error?.message == "the writer's revision could not be used, even after sending its problems back: "
                + "the revised script has no scene headings: keep the screenplay's format")
        let retry = try #require(fake.requests("POST", "chat/completions").last?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(retry.contains("- the revised script is the same as the original"))
        #expect(try String(contentsOf: production.script, encoding: .utf8) == original)
        #expect(!FileManager.default.fileExists(atPath: production.script.deletingLastPathComponent().appendingPathComponent("revisions").path))
        try await fake.stop()
    }
}
