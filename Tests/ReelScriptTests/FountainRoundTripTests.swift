import Foundation
import ReelModel
import ReelScript
import Testing

/// parse → write → parse gives the same screenplay; line endings never change a parse.
struct FountainRoundTripTests {
    typealias F = FountainTest

    static let fixtures = [
        ("everything", FountainFixtures.everything),
        ("night shift", FountainFixtures.nightShift),
        ("teahouse", FountainFixtures.teahouse),
    ]

    @Test(arguments: fixtures)
    func fixturesRoundTrip(_ name: String, _ text: String) {
        F.expectRoundTrip(text)
    }

    @Test(arguments: fixtures)
    func lineEndingsGiveIdenticalResults(_ name: String, _ text: String) {
        let lf = Fountain.parse(text)
        #expect(Fountain.parse(text.replacingOccurrences(of: "\n", with: "\r\n")) == lf, "CRLF \(name)")
        #expect(Fountain.parse(text.replacingOccurrences(of: "\n", with: "\r")) == lf, "CR \(name)")
    }

    /// Cases the random tests once found; each must read back the same after writing.
    @Test(arguments: [
        "Text.\n\n\u{FEFF}Starts with U+FEFF.",
        "\u{FEFF}\u{FEFF}Two marks.",
        "INT\u{3000}  ^\nNot a cue: INT is a heading word.",
        "[[note ending in a bracket]\n]]",
        "[[#\nnote]]",
        "[[~\n.note]]",
        "He //* one */* two */ ends.",
        "/=== //*(a*/*/\n\nb*/",
        "\u{3000}:key? no.",
        "Title: X\n\n/* bone */",
    ])
    func formerFailuresRoundTrip(_ text: String) {
        F.expectRoundTrip(text)
    }

    @Test func writingIsStable() {
        let once = Fountain.write(Fountain.parse(FountainFixtures.everything))
        #expect(Fountain.write(Fountain.parse(once)) == once)
    }

    /// The writer's text for a small screenplay, as a user would read it.
    @Test func writerOutput() {
        let screenplay = Screenplay(
            titlePage: [TitlePageField(key: "Title", values: ["Tide"]), TitlePageField(key: "Contact", values: ["A", "B"])],
            elements: [
                F.heading("EXT. BEACH - DAWN", "1"),
                F.action("Waves.\n\nMore waves."),
                F.speech("MAYA", .parenthetical("beat"), .line("Cold."), .line(""), .line("So cold."), extensions: ["V.O."]),
                F.speech("LEO", .line("Go in."), dual: true),
                F.transition("CUT TO:"),
                .centered(["END"]),
            ].map { ScriptElement($0) })
        #expect(Fountain.write(screenplay) == """
            Title: Tide
            Contact:
                A
                B

            EXT. BEACH - DAWN #1#

            Waves.
            \(FountainFixtures.two)
            More waves.

            MAYA (V.O.)
            (beat)
            Cold.
            \(FountainFixtures.two)
            So cold.

            LEO ^
            Go in.

            CUT TO:

            > END <

            """)
    }

    /// Elements built in code that would not read back plainly are written in forced form.
    @Test(arguments: [
        (F.heading("FLASHBACK"), ".FLASHBACK"),
        (F.heading("INT. HOUSE", forced: true), ".INT. HOUSE"),
        (F.transition("Fade to white."), "> Fade to white."),
        (F.speech("Maya", .line("Hi.")), "@Maya\nHi."),
        (F.action("INT. HOUSE - DAY", forced: true), "!INT. HOUSE - DAY"),
        (F.action("MAYA\nHi."), "!MAYA\nHi."),
    ] as [(ScriptElement.Content, String)])
    func forcedWhereNeeded(_ content: ScriptElement.Content, _ text: String) {
        #expect(Fountain.write(Screenplay(elements: [ScriptElement(content)])) == text + "\n")
    }
}
