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

    /// Random documents made of tricky lines: every one must round-trip and ignore line endings.
    @Test func randomDocumentsRoundTrip() {
        var rng = SplitMix64(seed: 0x5EE1)
        var failures = 0
        for _ in 0..<3000 {
            let count = Int(rng.next() % 14) + 1
            var lines: [String] = []
            if rng.next() % 5 == 0 { lines.append(["Title: X", "Title:\n    A\n    B", "Key: v\nOther: w"][Int(rng.next() % 3)]) }
            for _ in 0..<count { lines.append(Self.pool[Int(rng.next() % UInt64(Self.pool.count))]) }
            var text = ""
            for line in lines { text += line + ["\n", "\n", "\n\n", "\n\n\n"][Int(rng.next() % 4)] }
            let first = Fountain.parse(text)
            let written = Fountain.write(first)
            let second = Fountain.parse(written)
            let crlf = Fountain.parse(text.replacingOccurrences(of: "\n", with: "\r\n"))
            let cr = Fountain.parse(text.replacingOccurrences(of: "\n", with: "\r"))
            if F.zeroingLines(second) != F.zeroingLines(first) || crlf != first || cr != first {
                failures += 1
                if failures <= 3 { Issue.record("round trip failed for:\n\(text)\n--- written:\n\(written)") }
            }
        }
        #expect(failures == 0)
    }

    static let pool = [
        "INT. HOUSE - DAY", "int. car", "EXT. PARK #3#", "I/E VAN", ".FLASHBACK", "..and then", ". spaced", ".",
        ". .x", "MAYA", "MAYA (V.O.)", "MAYA ^", "@maya", "@", "@(V.O.)", "林晓", "林晓（画外音）", "雨停了", "门开了。",
        "内景 厨房 夜", "外", "(beat)", "（轻声）", "()", "(", "~la la", "~", "> CUT <", "><", ">", "> SMASH CUT",
        ">x<<", "CUT TO:", "cut to:", "# Act", "## Scene", "#", "= synopsis", "=", "==", "===", "====",
        "[[note]]", "[[multi", "line note]]", "[[", "]]", "[[a]] [[b]]", "/* bone */", "/* open", "close */", "*/",
        "/*", "  ", "   ", "\t", "He runs.", "    indented", "\tTabbed", "!forced", "!", "!!double", "\\escaped",
        "Title: X", "Key:", "    value", "^", "WHAT?!", "R2D2", "1984", "Hello *world* _u_ **b**", "A \\* star",
        "THE END.", "EXT. DAY CARE", "\u{3000}\u{3000}全角缩进的动作。", "ÉLODIE", "Élodie", "MAYA (cont'd) ^",
        "[[note /* x */]]", "/* a [[b */ c]]", "\t@MAYA", "  > A <  ", "~[[open", "Say [[open", "INT. X #1# #2#",
    ]
}

/// A small seeded generator so the random documents are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
