import ReelModel
import ReelScript
import Testing

/// Action, escapes, emphasis, notes and the boneyard.
struct FountainActionTests {
    typealias F = FountainTest

    @Test(arguments: [
        ("She runs.", [F.action("She runs.")]),
        ("She runs.\nHe follows.", [F.action("She runs.\nHe follows.")]),
        ("A.\n\nB.", [F.action("A."), F.action("B.")]),
        ("A.\n\n\n\nB.", [F.action("A."), F.action("B.")]),
        ("A.\n  \nB.", [F.action("A.\n\nB.")]),
        ("A.\n   \nB.", [F.action("A."), F.action("B.")]),
        ("\tA tab.\n    Four spaces.", [F.action("\tA tab.\n    Four spaces.")]),
        ("Trailing spaces   \t", [F.action("Trailing spaces")]),
        ("!BANG", [F.action("BANG", forced: true)]),
        ("!", [F.action("", forced: true)]),
        ("!  Kept spaces.", [F.action("  Kept spaces.", forced: true)]),
        ("He says:\n!not a marker here", [F.action("He says:\n!not a marker here")]),
        ("THE END.", [F.action("THE END.")]),
    ])
    func action(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("\\INT. NOT A HEADING", [F.action("\\INT. NOT A HEADING")]),
        ("\\MAYA\nis not a cue.", [F.action("\\MAYA\nis not a cue.")]),
        ("A \\*literal\\* star.", [F.action("A \\*literal\\* star.")]),
        ("Emphasis *i* **b** ***bi*** _u_ stays.", [F.action("Emphasis *i* **b** ***bi*** _u_ stays.")]),
    ])
    func escapesAndEmphasisStayInText(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test func escapesResolveInPlainText() {
        guard case .action(let action)? = F.body("A \\*literal\\* _star_.").first else {
            Issue.record("expected action")
            return
        }
        #expect(ScriptText.plain(action.text) == "A *literal* star.")
    }

    @Test(arguments: [
        ("[[A note.]]", [ScriptElement.Content.note("A note.")]),
        ("[[ spaced ]]", [.note("spaced")]),
        ("[[Line one\nline two]]", [.note("Line one\nline two")]),
        ("[[Line one\n  \nline two]]", [.note("Line one\n\nline two")]),
        ("[[Broken\n\nnote]]", [F.action("[[Broken"), F.action("note]]")]),
        ("[[a]] and [[b]]", [F.action("[[a]] and [[b]]")]),
        ("Text [[inline]] more.", [F.action("Text [[inline]] more.")]),
        ("[[note]]\nHe runs.", [F.action("[[note]]\nHe runs.")]),
        ("He [[spans\ntwo]] lines.", [F.action("He [[spans\ntwo]] lines.")]),
        ("[[note]]\n# Act", [.note("note"), .section(level: 1, text: "Act")]),
    ])
    func notes(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("/* hidden */", [ScriptElement.Content.boneyard(" hidden ")]),
        ("Before.\n\n/* a\n\nb */\n\nAfter.", [F.action("Before."), .boneyard(" a\n\nb "), F.action("After.")]),
        ("He runs /* fast */ away.", [F.action("He runs  away.")]),
        ("He runs.\n/* cut\nthis */\nShe stops.", [F.action("He runs.\nShe stops.")]),
        ("He runs /* cut\n\nthis */ and stops.", [F.action("He runs  and stops.")]),
        ("MAYA\nHello.\n/* old line */\nGoodbye.", [F.speech("MAYA", .line("Hello."), .line("Goodbye."))]),
        ("MAYA\nHello.\n/* gap\n\nlines */\nGoodbye.", [F.speech("MAYA", .line("Hello."), .line("Goodbye."))]),
        ("Unclosed /* comment\n\nMore.", [F.action("Unclosed /* comment"), F.action("More.")]),
        ("/*x*/\nINT. HOUSE - DAY\n\n", [F.heading("INT. HOUSE - DAY")]),
        ("/* one */ /* two */", []),
    ])
    func boneyard(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test func lineNumbersPointAtTheFirstLineOfEachElement() {
        let screenplay = Fountain.parse("Title: T\n\nINT. A - DAY\n\n/* gone\nstill gone */\nAction.\nMore.\n\nMAYA\nHi.\n")
        #expect(screenplay.elements.map(\.line) == [3, 7, 10])
    }
}
