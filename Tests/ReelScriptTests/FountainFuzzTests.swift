import Foundation
import ReelModel
import ReelScript
import Testing

/// Seeded random documents: whatever the parser reads, the writer must write back.
struct FountainFuzzTests {
    typealias F = FountainTest

    /// Random documents made of tricky lines: every one must round-trip and ignore line endings.
    @Test func randomDocumentsRoundTrip() {
        var rng = SeededRandom(seed: 0x5EE1)
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

    /// Character soup from Fountain's special characters: round trip and no crash in
    /// `parse(data:path:)` (debug builds check every byte index).
    @Test func characterSoupRoundTrips() {
        var rng = SeededRandom(seed: 0xF00D)
        var failures = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 60) { text += Self.soup[Int(rng.next() % UInt64(Self.soup.count))] }
            let first = Fountain.parse(text)
            let written = Fountain.write(first)
            if F.zeroingLines(Fountain.parse(written)) != F.zeroingLines(first) {
                failures += 1
                if failures <= 3 { Issue.record("round trip failed for \(text.debugDescription)\nwritten \(written.debugDescription)") }
            }
            _ = try? Fountain.parse(data: Data(text.utf8), path: "soup.fountain")
        }
        #expect(failures == 0)
    }

    static let soup = [
        "\n", "\n", "\n", "\r", "\r\n", " ", "  ", "\t", ".", "!", "@", "#", "=", "~", ">", "<", "[", "]", "/", "*",
        "\\", "^", "(", ")", "（", "）", ":", "A", "B", "a", "INT", "TO:", "内景", "林", "。", "·", "\u{3000}", "\u{FEFF}",
        "é", "É", "1", "[[", "]]", "/*", "*/", "===", "CUT TO:", "MAYA", "\n\n", "(V.O.)", "  \n", "Title:", "    ",
        "\n  \n", "@林晓", "外景。", "#1#",
    ]
}
