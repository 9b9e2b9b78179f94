import Foundation
import ReelAssistant
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel plan --planner llm`: the model directs the rule planner's shots; its choices are
/// kept as the planner's shot edits, the user's edits win, the same storyboard is asked
/// once, and an answer that cannot be used leaves the rule plan standing.
@Suite(.serialized) struct ModelPlanTests {
    static func answer(_ board: Storyboard, skip: Set<ShotID> = []) throws -> String {
        let shots: [JSONValue] = board.shots.filter { !skip.contains($0.id) }.map { shot in
            ["id": .string(shot.id.rawValue), "size": "close up", "move": "dolly in", "mode": "references",
             "in_frame": .array(board.subjects.prefix(1).map { .string($0.name) }), "empty": false,
             "prompt": .string("\(shot.id): a lighthouse keeper in rain, slow push in, cold blue light")]
        }
        return "```json\n" + String(decoding: try JSONEncoder().encode(JSONValue.object(["shots": .array(shots)])), as: UTF8.self) + "\n```"
    }

    @Test func theModelDirectsTheShotsAndTheUsersEditsWin() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let made = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        let production = try Production.open(try Project.find(URL(fileURLWithPath: made.directory)), lockFor: "plan")
        defer { production.close() }
        let rules = try await studio.plan(production, save: true)
        let first = try #require(rules.shots.first).id
        _ = try await studio.editShot(production, id: first, change: ShotChange(size: "EWS"))
        fake.transcript([try Self.answer(rules)])

        let (board, report) = try await studio.planWithModel(production)
        #expect(report.fellBack == nil && report.userEdited == [first])
        #expect(report.directed.count == rules.shots.count)
        #expect(board.shots.first?.size == .extremeWide, "the user's size wins")
        #expect(board.shots.dropFirst().allSatisfy { $0.size == .closeUp && $0.move == .pushIn && $0.mode == .references })
        let sent = try #require(fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(sent.contains(#""locked":["size"]"#), "the model is told which fields are the user's")

        let shot = try await studio.shot(production, id: first)
        #expect(shot.edited == ["size"] && shot.planned == ["move", "mode", "subjects", "prompt"])
        #expect(shot.prompt.hasPrefix("\(first): a lighthouse keeper") && !shot.promptIsEdited)

        // A second run on the same script asks the same question: answered from the journal.
        let (_, again) = try await studio.planWithModel(production)
        #expect(again.writer.calls.allSatisfy { $0.cached } && fake.requests("POST", "chat/completions").count == 1)
        // Every later plan keeps the choices.
        #expect(try await studio.plan(production, save: false).shots.dropFirst().allSatisfy { $0.size == .closeUp })

        // A field the user sets afterwards is theirs.
        let second = rules.shots[1].id
        let edited = try await studio.editShot(production, id: second, change: ShotChange(move: "static"))
        #expect(edited.edited == ["move"] && !edited.planned.contains("move") && edited.planned.contains("size"))
        try await fake.stop()
    }

    /// The model casts who is in frame; a prop in the shot stays there (its images still go).
    @Test func theModelsCastingKeepsThePropsInFrame() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let made = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        let production = try Production.open(try Project.find(URL(fileURLWithPath: made.directory)), lockFor: "plan")
        defer { production.close() }
        let rules = try await studio.plan(production, save: true)
        // A word of an action line as a prop the user adds: in frame where the line names it.
        let shot = try #require(rules.shots.first { $0.purpose == .action && !$0.subjects.isEmpty })
        let words: [String] = shot.action.split(whereSeparator: { !$0.isLetter }).map(String.init)
        let word = try #require(words.first { $0.count >= 5 && $0 == $0.lowercased() })
        let prop = try await studio.addToCast(production, CastAddition(name: word, kind: .prop))
        #expect(prop.shots.contains(shot.id))
        fake.transcript([try Self.answer(rules)])

        let (board, _) = try await studio.planWithModel(production)
        let directed = try #require(board.shot(shot.id))
        #expect(directed.subjects.contains(SubjectID(prop.id)), "\(directed.subjects)")
        let sent = try #require(fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(!sent.contains("\"\(word)\""), "the model is asked about people, not props")
        try await fake.stop()
    }

    @Test func aClearedChoiceStaysClearedAndAScriptChangeDropsThePlannersChoices() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let made = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        let production = try Production.open(try Project.find(URL(fileURLWithPath: made.directory)), lockFor: "plan")
        defer { production.close() }
        let rules = try await studio.plan(production, save: true)
        fake.transcript([try Self.answer(rules)])
        _ = try await studio.planWithModel(production)
        let second = rules.shots[1].id
        // The user puts the prompt back to the rules: the next run must not set it again.
        let cleared = try await studio.editShot(production, id: second, change: ShotChange(prompt: ""))
        #expect(!cleared.planned.contains("prompt") && cleared.edited.isEmpty)
        fake.transcript([try Self.answer(rules)])
        _ = try await studio.planWithModel(production, seed: 2)
        let asked = try #require(fake.requests("POST", "chat/completions").last?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(asked.contains(#""id":"\#(second.rawValue)","in_frame""#) && asked.contains(#""locked":["prompt"]"#))
        #expect(try await studio.shot(production, id: second).prompt.hasPrefix("\(second): a lighthouse") == false)
        // An answer that leaves shots out is sent back.
        fake.transcript([try Self.answer(rules, skip: [rules.shots[2].id]), try Self.answer(rules)])
        let (_, partial) = try await studio.planWithModel(production, seed: 3)
        #expect(partial.writer.calls.count == 2 && partial.writer.calls[0].problems == ["shots \(rules.shots[2].id) are missing: direct every shot"])
        // The script changes under a directed shot: the planner's choices for it go.
        let script = try String(contentsOf: production.script, encoding: .utf8)
        let action = try #require(rules.shots.first { !$0.action.isEmpty && $0.dialogue.isEmpty })
        try Data(script.replacingOccurrences(of: action.action, with: action.action + " Thunder.").utf8).write(to: production.script)
        let replanned = try await studio.plan(production, save: true)
        let changed = try #require(replanned.shot(action.id))
        #expect(changed.size == action.size && changed.mode == action.mode, "back to the rules: \(changed.size) \(changed.mode)")
        try await fake.stop()
    }

    @Test func anAnswerThatCannotBeUsedLeavesTheRulePlanAndSaysWhy() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: DraftProjectTests.environment(dir, fake))
        let made = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        let production = try Production.open(try Project.find(URL(fileURLWithPath: made.directory)), lockFor: "plan")
        defer { production.close() }
        let rules = try await studio.plan(production, save: true)
        let bad = #"{"shots": [{"id": "S99-01", "size": "huge"}, {"id": "\#(rules.shots[0].id)", "size": "gigantic", "in_frame": ["NOBODY"]}]}"#
        fake.transcript([bad, bad])
        let (board, report) = try await studio.planWithModel(production)
        #expect(report.fellBack?.hasPrefix("the writer's shot plan could not be used, even after sending its problems back: shots[0].id 'S99-01' is not a shot of the storyboard") == true)
        #expect(report.fellBack?.hasSuffix("the rule plan stands") == true)
        #expect(board.shots.map(\.size) == rules.shots.map(\.size) && report.directed.isEmpty)
        let retry = try #require(fake.requests("POST", "chat/completions").last?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(retry.contains("- shots[1].size 'gigantic' is not one of EWS, WS, FS, MS, MCU, CU, ECU"))
        #expect(retry.contains("- shots[1].in_frame 'NOBODY' is not in the cast"))
        #expect(try await production.repository.shotEdits().isEmpty, "nothing kept")
        try await fake.stop()
    }
}
