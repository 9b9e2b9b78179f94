import ReelModel
import ReelScript
import Testing

/// Scene headings, transitions, centered text, sections, synopses and page breaks.
struct FountainHeadingTests {
    typealias F = FountainTest

    @Test(arguments: [
        ("INT. KITCHEN - NIGHT", [F.heading("INT. KITCHEN - NIGHT")]),
        ("\n\nEXT. PARK - DAY\n\n", [F.heading("EXT. PARK - DAY")]),
        ("est. city skyline", [F.heading("est. city skyline")]),
        ("INT./EXT. CAR - MOVING", [F.heading("INT./EXT. CAR - MOVING")]),
        ("INT/EXT CAR", [F.heading("INT/EXT CAR")]),
        ("EXT./INT. CAR - DAY", [F.heading("EXT./INT. CAR - DAY")]),
        ("I/E VAN - DAWN", [F.heading("I/E VAN - DAWN")]),
        ("INT KITCHEN", [F.heading("INT KITCHEN")]),
        ("   INT. HALL - DAY   ", [F.heading("INT. HALL - DAY")]),
        ("INTERCOM BUZZES.", [F.action("INTERCOM BUZZES.")]),
        ("EXTRA! EXTRA!", [F.action("EXTRA! EXTRA!")]),
    ])
    func unforcedHeadings(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("INT. KITCHEN - NIGHT #1#", F.heading("INT. KITCHEN - NIGHT", "1")),
        ("INT. KITCHEN - NIGHT #1A#", F.heading("INT. KITCHEN - NIGHT", "1A")),
        ("EXT. ROAD - DAY    #I-1-A#", F.heading("EXT. ROAD - DAY", "I-1-A")),
        ("EXT. ROAD - DAY #110A.2#", F.heading("EXT. ROAD - DAY", "110A.2")),
        ("INT. HOUSE #not a number#", F.heading("INT. HOUSE #not a number#")),
        ("INT. HOUSE ##", F.heading("INT. HOUSE ##")),
        (".inside the dream #7#", F.heading("inside the dream", "7", forced: true)),
    ])
    func sceneNumbers(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    @Test(arguments: [
        (".FLASHBACK", [F.heading("FLASHBACK", forced: true)]),
        (".the void", [F.heading("the void", forced: true)]),
        ("...and then silence.", [F.action("...and then silence.")]),
        (". spaced out", [F.action(". spaced out")]),
        (".", [F.action(".")]),
        ("He looks up.\n.FLASHBACK\n\nShe runs.",
         [F.action("He looks up."), F.heading("FLASHBACK", forced: true), F.action("She runs.")]),
    ])
    func forcedHeadings(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("INT. HOUSE - DAY\nShe enters.", [F.action("INT. HOUSE - DAY\nShe enters.")]),
        ("He stops.\nINT. HOUSE - DAY\n\nShe enters.", [F.action("He stops.\nINT. HOUSE - DAY"), F.action("She enters.")]),
        ("INT. HOUSE - DAY\n  \nShe enters.", [F.heading("INT. HOUSE - DAY"), F.action("She enters.")]),
        ("# Act\nINT. HOUSE - DAY\n= They meet.",
         [.section(level: 1, text: "Act"), F.heading("INT. HOUSE - DAY"), .synopsis("They meet.")]),
    ])
    func headingsNeedBlankLinesAround(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("CUT TO:", [F.transition("CUT TO:")]),
        ("Text.\n\nSMASH CUT TO:\n\nINT. X - DAY", [F.action("Text."), F.transition("SMASH CUT TO:"), F.heading("INT. X - DAY")]),
        ("cut to:", [F.action("cut to:")]),
        ("FADE OUT.", [F.action("FADE OUT.")]),
        ("CUT TO:\nShe runs.", [F.action("CUT TO:\nShe runs.")]),
        ("She runs.\nCUT TO:", [F.action("She runs.\nCUT TO:")]),
        ("> FADE OUT.", [F.transition("FADE OUT.", forced: true)]),
        (">Burn to white.", [F.transition("Burn to white.", forced: true)]),
        (">", [F.action(">")]),
    ])
    func transitions(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("> THE END <", [ScriptElement.Content.centered(["THE END"])]),
        (">THE END<", [.centered(["THE END"])]),
        ("  > Intermission <  ", [.centered(["Intermission"])]),
        ("> ONE <\n> TWO <", [.centered(["ONE", "TWO"])]),
        ("> ONE <\n\n> TWO <", [.centered(["ONE"]), .centered(["TWO"])]),
        ("><", [.centered([""])]),
        ("Text.\n> MIDDLE <\nMore.", [F.action("Text."), .centered(["MIDDLE"]), F.action("More.")]),
    ])
    func centered(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("# Act One", [ScriptElement.Content.section(level: 1, text: "Act One")]),
        ("### The Heist", [.section(level: 3, text: "The Heist")]),
        ("#", [.section(level: 1, text: "")]),
        ("= The plan fails.", [.synopsis("The plan fails.")]),
        ("==", [.synopsis("=")]),
        ("===", [.pageBreak]),
        ("=====", [.pageBreak]),
        ("== =", [.synopsis("= =")]),
        ("He runs.\n===\nShe stops.", [F.action("He runs."), .pageBreak, F.action("She stops.")]),
        ("~Row, row\n~Down the stream", [.lyrics(["Row, row", "Down the stream"])]),
        ("~ spaced", [.lyrics(["spaced"])]),
        ("~La\n\n~La", [.lyrics(["La"]), .lyrics(["La"])]),
    ])
    func outlineAndLyrics(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }
}
