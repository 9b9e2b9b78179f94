@testable import ReelModel
import ReelScript
import Testing

/// Very long lines keep their content exactly through the parser and the planner, and
/// the markup scan stays linear in the line's length (issue 9: a line of 50,000 `[[` took
/// 54 s because each unclosed `[[` searched the rest of the line for `]]`).
struct LongLineTests {
    static let brackets = String(repeating: "[[", count: 50_000) // 100 KB, never closed

    @Test func aLineOfUnclosedNotesKeepsItsContent() throws {
        let script = "INT. ROOM - DAY\n\n" + Self.brackets + "\n"
        guard case .action(let action)? = Fountain.parse(script).elements.last?.content else {
            Issue.record("the line should be action")
            return
        }
        #expect(action.text == Self.brackets)
        #expect(ScriptText.plain(action.text) == Self.brackets)
        let board = try ShotPlanner.plan(Fountain.parse(script))
        #expect(board.shots.map(\.action).contains(Self.brackets))
    }

    /// Counts the bytes the note scan looks at: a quadratic scan of this line would look
    /// at about n²/8 = 1.25 billion; a linear one at most a few times n.
    @Test(arguments: [("[[", 50_000), ("/*", 50_000), ("[[ a ]", 20_000)])
    func theNoteScanIsLinear(_ piece: String, _ times: Int) {
        let line = String(repeating: piece, count: times)
        var text = line
        var probes = 0
        _ = text.withUTF8 { ScriptText.removingDelimited($0, open: (0x5B, 0x5B), close: (0x5D, 0x5D), probes: &probes) }
        #expect(probes <= 3 * line.utf8.count, "looked at \(probes) bytes for \(line.utf8.count)")
        probes = 0
        _ = text.withUTF8 { ScriptText.removingDelimited($0, open: (0x2F, 0x2A), close: (0x2A, 0x2F), probes: &probes) }
        #expect(probes <= 3 * line.utf8.count, "looked at \(probes) bytes for \(line.utf8.count)")
    }

    @Test func aOneMegabyteLineKeepsItsContent() throws {
        let words = "Maya *runs* past the _old_ station clock and [[check this]] the rain keeps falling, "
        var line = ""
        while line.utf8.count < 1 << 20 { line += words }
        line += "end"
        let script = "INT. STATION - NIGHT\n\n" + line + "\n\nMAYA\nHello.\n"
        let screenplay = Fountain.parse(script)
        guard case .action(let action)? = screenplay.elements.dropFirst().first?.content else {
            Issue.record("the line should be action")
            return
        }
        #expect(action.text == line)
        let plain = ScriptText.plain(line)
        #expect(plain.hasPrefix("Maya runs past the old station clock and the rain keeps falling, Maya runs"))
        #expect(!plain.contains("check this") && !plain.contains("*") && !plain.contains("_"))
        let board = try ShotPlanner.plan(screenplay)
        #expect(board.shots.map(\.action).contains(plain))
        #expect(board.shots.last?.dialogue.first?.text == "Hello.")
    }

    /// Markers count only as characters of their own, as when the text is read by Character.
    @Test(arguments: [
        ("a *b* _c_ [[note]] /* bone */ d", "a b c d"),
        ("\\*literal\\* \\_too\\_", "*literal* _too_"),
        ("  spaced \n\t out  ", "spaced out"),
        ("*\u{301}kept", "*\u{301}kept"),
        ("[[ never closed", "[[ never closed"),
        ("中文  *强调*　全角", "中文 强调 全角"),
    ])
    func plainText(_ text: String, _ expected: String) {
        #expect(ScriptText.plain(text) == expected)
    }
}
