import ReelModel
import ReelScript
import Testing

/// Character cues, extensions, dual dialogue, parentheticals, lyrics and speech lines.
struct FountainDialogueTests {
    typealias F = FountainTest

    @Test(arguments: [
        ("MAYA\nHello.", [F.speech("MAYA", .line("Hello."))]),
        ("Text.\n\nMAYA\nHello.", [F.action("Text."), F.speech("MAYA", .line("Hello."))]),
        ("He waits.\nMAYA\nHello.", [F.action("He waits.\nMAYA\nHello.")]),
        ("MAYA\n\nHello.", [F.action("MAYA"), F.action("Hello.")]),
        ("MAYA\n  \nHello.", [F.action("MAYA\n\nHello.")]),
        ("Maya\nHello.", [F.action("Maya\nHello.")]),
        ("  MAYA\nHello.", [F.speech("MAYA", .line("Hello."))]),
        ("R2D2\nBeep.", [F.speech("R2D2", .line("Beep."))]),
        ("MAN #2\nMe?", [F.speech("MAN #2", .line("Me?"))]),
        ("1984\nA year.", [F.action("1984\nA year.")]),
        ("ÉLODIE\nBonjour.", [F.speech("ÉLODIE", .line("Bonjour."))]),
        ("Élodie\nBonjour.", [F.action("Élodie\nBonjour.")]),
        ("INT. HOUSE\nShe enters.", [F.action("INT. HOUSE\nShe enters.")]),
        ("(V.O.)\nHello.", [F.action("(V.O.)\nHello.")]),
        ("# Act\nMAYA\nHello.", [.section(level: 1, text: "Act"), F.speech("MAYA", .line("Hello."))]),
        ("THE END\n===", [F.action("THE END"), .pageBreak]),
        ("FADE OUT\n> THE END <", [F.action("FADE OUT"), .centered(["THE END"])]),
        ("MAYA\n~La la.", [F.speech("MAYA", .lyric("La la."))]),
    ])
    func unforcedCues(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("MAYA (V.O.)\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["V.O."])),
        ("MAYA (O.S.) (CONT'D)\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["O.S.", "CONT'D"])),
        ("MAYA (cont'd)\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["cont'd"])),
        ("MAYA(V.O.)\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["V.O."])),
        ("MAYA （画外音）\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["画外音"])),
        ("MAYA ( O.S. )\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["O.S."])),
        ("@McCLANE\nYippee.", F.speech("McCLANE", .line("Yippee."), forced: true)),
        ("@maya (whispering)\nHi.", F.speech("maya", .line("Hi."), extensions: ["whispering"], forced: true)),
        ("@ Maya\nHi.", F.speech("Maya", .line("Hi."), forced: true)),
        ("MAYA ^\nHi.", F.speech("MAYA", .line("Hi."), dual: true)),
        ("MAYA (V.O.) ^\nHi.", F.speech("MAYA", .line("Hi."), extensions: ["V.O."], dual: true)),
        ("@Maya^\nHi.", F.speech("Maya", .line("Hi."), forced: true, dual: true)),
    ])
    func cueParts(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    @Test(arguments: [
        ("@MAYA", [F.speech("MAYA", forced: true)]),
        ("@\nHi.", [F.action("@\nHi.")]),
        ("@(V.O.)\nHi.", [F.action("@(V.O.)\nHi.")]),
        ("He says:\n@MAYA\nHi.", [F.action("He says:"), F.speech("MAYA", .line("Hi."), forced: true)]),
    ])
    func forcedCueEdges(_ text: String, _ expected: [ScriptElement.Content]) {
        #expect(F.body(text) == expected)
    }

    @Test(arguments: [
        ("MAYA\n(beat)\nHello.\n(softly)\nBye.",
         F.speech("MAYA", .parenthetical("beat"), .line("Hello."), .parenthetical("softly"), .line("Bye."))),
        ("MAYA\n（轻声）\nHi.", F.speech("MAYA", .parenthetical("轻声"), .line("Hi."))),
        ("MAYA\n(beat) Then no.", F.speech("MAYA", .line("(beat) Then no."))),
        ("MAYA\n~La la la\nHi.", F.speech("MAYA", .lyric("La la la"), .line("Hi."))),
        ("MAYA\nHi.\n  \nStill me.", F.speech("MAYA", .line("Hi."), .line(""), .line("Still me."))),
        ("MAYA\n   Indented speech.   ", F.speech("MAYA", .line("Indented speech."))),
        ("MAYA\nHello [[fix\nthis]] there.\nBye.", F.speech("MAYA", .line("Hello [[fix\nthis]] there."), .line("Bye."))),
        ("MAYA\nHi.\nINT. NOT A HEADING\n# not a section",
         F.speech("MAYA", .line("Hi."), .line("INT. NOT A HEADING"), .line("# not a section"))),
    ])
    func speechParts(_ text: String, _ expected: ScriptElement.Content) {
        #expect(F.body(text) == [expected])
    }

    @Test func speechEndsAtABlankLine() {
        #expect(F.body("MAYA\nHi.\n\nShe leaves.") == [F.speech("MAYA", .line("Hi.")), F.action("She leaves.")])
    }

    @Test func dualDialogueMarksTheSecondSpeech() {
        let text = "JACK\nI love you!\n\nJILL ^\nI hate you!\n\nThey stare."
        #expect(F.body(text) == [
            F.speech("JACK", .line("I love you!")),
            F.speech("JILL", .line("I hate you!"), dual: true),
            F.action("They stare."),
        ])
    }

    @Test func spokenTextAndOffScreen() throws {
        guard case .dialogue(let speech)? = F.body("MAYA (V.O.)\n(quietly)\nI *know*.\nI always did.").first else {
            Issue.record("expected a speech")
            return
        }
        #expect(speech.spokenText == "I know. I always did.")
        #expect(speech.isOffScreen)
        #expect(speech.parentheticals == ["quietly"])
    }
}
