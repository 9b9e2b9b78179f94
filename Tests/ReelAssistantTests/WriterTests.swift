import Foundation
@testable import ReelAssistant
import ReelModel
import ReelScript
import Testing

/// The writer's side that needs no model: reading what models answer into a draft, naming
/// every problem it cannot mend, and writing a screenplay the parsers read back whole.
struct WriterTests {
    static let messy = """
        Sure! Here it is:
        ```json
        {"title": "Rain", "characters": ["MAYA", {"name": "BEN", "description": "40s, tired"}],
         "scenes": [{"location": "Kitchen", "int_ext": "INT", "time": "night",
                     "beats": ["MAYA pours tea.", "MAYA: You came back.", {"speaker": "BEN", "dialogue": "I never left."},],},],}
        ```
        """

    @Test func aMessyAnswerIsReadWithItsRepairsNamed() throws {
        let result = DraftReader.read(Self.messy, beats: true)
        let draft = try #require(result.draft, "problems: \(result.problems)")
        #expect(result.repairs.contains(.fence) && result.repairs.contains(.trailingComma))
        #expect(draft.characters.map(\.name) == ["MAYA", "BEN"] && draft.characters[1].description == "40s, tired")
        let scene = try #require(draft.scenes.first)
        #expect(scene.place == "Kitchen" && scene.interior && scene.time == "night")
        #expect(scene.beats == [.action("MAYA pours tea."), .line(character: "MAYA", text: "You came back.", parenthetical: nil),
                                .line(character: "BEN", text: "I never left.", parenthetical: nil)])
    }

    @Test(arguments: [
        (#"{"title": "X", "scenes": [{"summary": "a"}]}"#, ["scenes[0].place is missing", "scenes[0].beats is missing or empty"]),
        (#"{"scenes": [{"place": "A", "beats": [{"mood": "sad"}]}]}"#, ["title is missing", "scenes[0].beats[0] needs an action, or a character and a line", "scenes[0].beats is missing or empty"]),
        (#"{"title": "X", "scenes": []}"#, ["scenes is missing or empty"]),
        ("I'd rather not write that.", ["the answer is not JSON: reply with one JSON object only"]),
        (#"{"title": "X", "scenes": [{"place": "A", "beats": [{"action": "she wa"#, ["the answer was cut off before its end: reply with the whole document, shorter"]),
    ])
    func everyProblemIsNamedByItsPlace(text: String, problems: [String]) {
        let result = DraftReader.read(text, beats: true)
        #expect(result.draft == nil)
        #expect(result.problems == problems)
    }

    @Test func anOutlineNeedsNoBeatsAndSpeakersJoinTheCast() throws {
        let outline = try #require(DraftReader.read(#"{"title": "X", "scenes": [{"place": "Roof", "interior": false}]}"#, beats: false).draft)
        #expect(outline.scenes.first?.interior == false)
        let draft = try #require(DraftReader.read(#"{"title": "X", "scenes": [{"place": "Roof", "beats": ["ANA: Hi."]}]}"#, beats: true).draft)
        #expect(draft.characters.map(\.name) == ["ANA"], "a speaker nobody listed is still cast")
    }

    static let draft = DraftScreenplay(
        title: "Rain", characters: [.init(name: "Maya", description: "30s, courier"), .init(name: "林晚", description: "女、28岁")],
        scenes: [.init(place: "Street", interior: false, time: "NIGHT", beats: [
            .action("Rain hammers the street.\nMAYA rides through it."), .action("BANG"),
            .line(character: "Maya", text: "One more.", parenthetical: "to herself"),
            .line(character: "林晚", text: "走吧。", parenthetical: nil),
        ]), .init(place: "Doorway", interior: true, time: "", beats: [.line(character: "Maya", text: "Mum?", parenthetical: nil)])])

    @Test func theFountainDraftParsesBackWhole() throws {
        let text = Self.draft.script(language: .english, credit: "Reel's writer with fake/model")
        let play = Fountain.parse(text)
        #expect(play.title == "Rain")
        #expect(play.listedCast == ["MAYA (30s, courier)", "林晚 (女，28岁)"], "the cast as the title page lists it, no cue marks")
        let headings = play.elements.compactMap { if case .sceneHeading(let h) = $0.content { h.text } else { nil } }
        #expect(headings == ["EXT. STREET - NIGHT", "INT. DOORWAY - DAY"])
        let lines = play.elements.compactMap { if case .dialogue(let d) = $0.content { "\(d.character): \(d.spokenText)" } else { nil } }
        #expect(lines == ["MAYA: One more.", "林晚: 走吧。", "MAYA: Mum?"])
        let actions = play.elements.compactMap { if case .action(let a) = $0.content { a.text } else { nil } }
        #expect(actions.contains("BANG"), "a line in capitals stays action, not a cue")
    }

    @Test func theChineseDraftParsesBackWhole() throws {
        let text = Self.draft.script(language: .chinese, credit: "Reel 写作助手")
        #expect(text.contains("人物：Maya（30s, courier）、林晚（女，28岁）"), "a list mark inside a description would split the cast")
        let play = ShortDrama.parse(text)
        #expect(play.title == "Rain")
        let headings = play.elements.compactMap { if case .sceneHeading(let h) = $0.content { h.text } else { nil } }
        #expect(headings.count == 2 && headings[0].contains("夜") && headings[0].contains("外景"))
        let lines = play.elements.compactMap { if case .dialogue(let d) = $0.content { "\(d.character): \(d.spokenText)" } else { nil } }
        #expect(lines == ["Maya: One more.", "林晚: 走吧。", "Maya: Mum?"])
    }
}

/// The diff `reel revise` writes beside the script.
struct LineDiffTests {
    @Test func aChangedLineIsOneHunkWithContext() {
        let old = "a\nb\nc\nd\ne\nf\ng\n"
        let new = "a\nb\nc\nD\ne\nf\ng\n"
        #expect(LineDiff.unified(from: old, to: new, oldName: "a/s", newName: "b/s") == """
            --- a/s
            +++ b/s
            @@ -2,5 +2,5 @@
             b
             c
            -d
            +D
             e
             f

            """)
        #expect(LineDiff.counts(from: old, to: new) == (1, 1))
        #expect(LineDiff.unified(from: old, to: old, oldName: "a", newName: "b").isEmpty)
    }

    @Test func lineEndingsAndEmptyRangesAreWrittenAsDiffWritesThem() {
        #expect(LineDiff.counts(from: "a\r\nb\r\nc\r\n", to: "a\r\nB\r\nc\r\n") == (1, 1), "CRLF lines are lines")
        #expect(LineDiff.unified(from: "", to: "x\ny\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(LineDiff.unified(from: "x\ny\n", to: "", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n")
    }

    @Test func distantChangesAreSeparateHunksAndInsertionsCount() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\n2\n2b\n").replacingOccurrences(of: "\n18\n", with: "\n")
        let diff = LineDiff.unified(from: old, to: new, oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3, "\(diff)")
        #expect(diff.contains("+2b\n") && diff.contains("-18\n"))
        #expect(LineDiff.counts(from: old, to: new) == (1, 1))
    }
}

/// What models write that would not read back as written: escaped, sanitised, or coerced
/// only when it is safe, so no scene or line is lost between the draft and the script.
struct WriterReadBackTests {
    @Test func actionThatLooksLikeSomethingElseStaysAction() throws {
        let draft = DraftScreenplay(title: "X", characters: [.init(name: "LIN", description: "40s (ex-cop)")], scenes: [
            .init(place: "INT. Garage", interior: true, time: "late night", beats: [
                .action("Int. car - Lin checks the mirror."), .action("> a whisper from the back seat"), .action("#1 fan mug on the dash"),
                .action("CUT TO BLACK"), .line(character: "LIN", text: "Who's there?", parenthetical: nil),
            ]),
        ])
        #expect(draft.readBackProblems(language: .english).isEmpty)
        let text = draft.script(language: .english, credit: "Reel")
        #expect(text.contains("INT. GARAGE - LATE NIGHT") && !text.contains("INT. INT."))
        #expect(text.contains("    LIN (40s, ex-cop)"), "brackets inside a description would end it early")
        let play = Fountain.parse(text)
        let actions = play.elements.compactMap { if case .action(let a) = $0.content { a.text } else { nil } }
        #expect(actions == ["Int. car - Lin checks the mirror.", "> a whisper from the back seat", "#1 fan mug on the dash", "CUT TO BLACK"])
    }

    @Test func chinesePlacesAndTimesBecomeHeadingsTheParserReads() throws {
        let draft = DraftScreenplay(title: "X", characters: [.init(name: "林晚", description: "女（28岁）")], scenes: [
            .init(place: "城中村 出租屋 二楼 走廊", interior: true, time: "LATE NIGHT", beats: [.line(character: "林晚", text: "谁？", parenthetical: nil)]),
            .init(place: "“老地方”烧烤摊！", interior: false, time: "黄昏", beats: [.action("烟雾升起。")]),
        ])
        #expect(draft.readBackProblems(language: .chinese).isEmpty, "\(draft.readBackProblems(language: .chinese))")
        let text = draft.script(language: .chinese, credit: "Reel")
        #expect(text.contains("1-1 夜 内 城中村出租屋二楼走廊") && text.contains("1-2 黄昏 外 老地方烧烤摊"))
        #expect(text.contains("人物：林晚（女，28岁）"))
    }

    @Test func aLineThatWouldNotReadAsDialogueIsAProblemTheModelCanFix() {
        let draft = DraftScreenplay(title: "X", characters: [.init(name: "王道", description: "")], scenes: [
            .init(place: "客厅", interior: true, time: "日", beats: [.line(character: "王道", text: "嗯。", parenthetical: nil)]),
        ])
        let problems = draft.readBackProblems(language: .chinese)
        #expect(problems == ["the lines of 王道 do not read as dialogue: give the character a plain name (no titles or punctuation)"],
                "the parser reads `王道：` as someone who says (道), so the model is told which name to change")
    }

    @Test(arguments: [
        ("Time: 3 a.m.", DraftScreenplay.Beat.action("Time: 3 a.m.")),
        ("Note: it rains", .action("Note: it rains")),
        ("SUPER: Three years later", .action("SUPER: Three years later")),
        ("3:00 AM, the phone rings", .action("3:00 AM, the phone rings")),
        ("手机屏幕显示：妈妈来电", .action("手机屏幕显示：妈妈来电")),
        ("林晚（OS）：我到了。", .line(character: "林晚", text: "我到了。", parenthetical: "OS")),
        ("MAYA: Hi.", .line(character: "MAYA", text: "Hi.", parenthetical: nil)),
        ("COP: Freeze!", .line(character: "COP", text: "Freeze!", parenthetical: nil)),
        ("老板：加班！", .line(character: "老板", text: "加班！", parenthetical: nil)),
        ("他说：走吧", .action("他说：走吧")),
    ])
    func aColonMakesALineOnlyForACastMember(line: String, beat: DraftScreenplay.Beat) {
        #expect(DraftReader.beat(fromLine: line, cast: ["林晚", "MAYA"]) == beat)
    }
}

/// The interview's questions: what the idea already says is not asked again.
struct InterviewTests {
    @Test func whatTheIdeaSaysIsNotAskedAgain() {
        #expect(Interview.questions(for: "a courier's last delivery", language: .english).map(\.id)
                == ["genre", "audience", "characters", "ending", "tone", "length"])
        #expect(Interview.questions(for: "一个温暖的悬疑故事，2分钟，抖音", language: .chinese).map(\.id) == ["characters", "ending"])
        #expect(Interview.questions(for: "x", language: .chinese).first?.ask == "什么类型的故事？（逆袭、甜宠、悬疑、喜剧、产品广告……）")
        // Words inside other words, or common words that name nothing, answer nothing.
        #expect(Interview.questions(for: "On the road instead, sending her last parcel through an intense storm after dark", language: .english)
                .map(\.id) == ["genre", "audience", "characters", "ending", "tone", "length"])
        #expect(Interview.questions(for: "暴雨肆虐的夜晚，燃气灶上的面，最后一单", language: .chinese).map(\.id)
                == ["genre", "audience", "characters", "ending", "tone", "length"])
    }

    @Test(arguments: [("90s trailer", 90), ("a 2 minutes drama", 120), ("九十秒 90秒", 90), ("2分钟", 120), ("5 s", nil), ("no length", nil),
                      ("a love story in the 80s", nil), ("set in the 1990s, a 60s short", 60), ("1.5 min", nil)])
    func aLengthInTheIdeaIsRead(text: String, seconds: Int?) {
        #expect(Interview.seconds(in: text) == seconds)
    }

    @Test func theAnswersGoUnderTheIdea() {
        #expect(Interview.brief(idea: " An idea ", answers: ["tone": "warm", "genre": "suspense", "audience": " "])
                == "An idea\nGenre: suspense\nTone: warm")
    }
}
