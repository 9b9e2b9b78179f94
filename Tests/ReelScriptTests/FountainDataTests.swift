import Foundation
import ReelModel
import ReelScript
import Testing

/// Reading screenplay files: encodings, line endings and the errors users see.
struct FountainDataTests {
    static let emptyHint = "write the script in Fountain, starting with a scene heading such as INT. KITCHEN - NIGHT"
    static let binaryHint = "export the script from your writing app as Fountain (.fountain, plain UTF-8 text) and open that"
    static let utf16 = "film.fountain: the file is UTF-16 text; Reel reads screenplays as UTF-8\n"
        + "  → save it as UTF-8 (in your editor: Save As, Encoding: UTF-8) and try again"
    static let utf8Hint = "re-save the file as UTF-8; older Windows or Chinese editors often save Latin-1, Windows-1252 or GBK"

    static func bytes(_ parts: Any...) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            if let text = part as? String { return Array(text.utf8) }
            return part as? [UInt8] ?? []
        }
    }

    /// The exact text a user reads for each kind of unreadable file.
    @Test(arguments: [
        ("empty", [], "film.fountain: the screenplay file is empty\n  → \(emptyHint)"),
        ("only a BOM", [0xEF, 0xBB, 0xBF], "film.fountain: the screenplay file is empty\n  → \(emptyHint)"),
        ("whitespace", bytes(" \n\t\r\n  "), "film.fountain: the screenplay file has only blank lines\n  → \(emptyHint)"),
        ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
         "film.fountain: the file is binary data, not screenplay text (a NUL byte at offset 8)\n  → \(binaryHint)"),
        ("control bytes", bytes([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8], "INT. X"),
         "film.fountain: the file is binary data, not screenplay text (57% control characters)\n  → \(binaryHint)"),
        ("UTF-16 LE", [0xFF, 0xFE, 0x49, 0x00, 0x4E, 0x00], utf16),
        ("UTF-16 BE", [0xFE, 0xFF, 0x00, 0x49, 0x00, 0x4E], utf16),
        ("UTF-16 without BOM", Array("INT. HOUSE - DAY\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), utf16),
        ("Latin-1", bytes("INT. CAFE - DAY\n\nThe menu says Caf", [0xE9] as [UInt8], " au lait.\n"),
         "film.fountain:3: the file is not valid UTF-8: byte 0xE9 at offset 34 (line 3) cannot be decoded\n  → \(utf8Hint)"),
        ("GBK after CRLF", bytes("Title: X\r\n\r\n", [0xC4, 0xDA, 0xBE, 0xB0] as [UInt8]),
         "film.fountain:3: the file is not valid UTF-8: byte 0xC4 at offset 12 (line 3) cannot be decoded\n  → \(utf8Hint)"),
        ("truncated", bytes("abc", [0xE4, 0xB8] as [UInt8]),
         "film.fountain:1: the file is not valid UTF-8: byte 0xE4 at offset 3 (line 1) cannot be decoded\n  → \(utf8Hint)"),
        ("overlong", bytes("x\n", [0xC0, 0xAF] as [UInt8]),
         "film.fountain:2: the file is not valid UTF-8: byte 0xC0 at offset 2 (line 2) cannot be decoded\n  → \(utf8Hint)"),
        ("surrogate", bytes("ok ", [0xED, 0xA0, 0x80] as [UInt8]),
         "film.fountain:1: the file is not valid UTF-8: byte 0xED at offset 3 (line 1) cannot be decoded\n  → \(utf8Hint)"),
        ("CR lines, BOM", bytes([0xEF, 0xBB, 0xBF] as [UInt8], "a\rb\rc", [0xFF] as [UInt8]),
         "film.fountain:3: the file is not valid UTF-8: byte 0xFF at offset 8 (line 3) cannot be decoded\n  → \(utf8Hint)"),
    ] as [(String, [UInt8], String)])
    func unreadableFiles(_ name: String, _ bytes: [UInt8], _ message: String) {
        do {
            let screenplay = try Fountain.parse(data: Data(bytes), path: "film.fountain")
            Issue.record("\(name): parsed as \(screenplay)")
        } catch let error as ReelError {
            #expect(error.code == .invalidInput, "\(name)")
            #expect(error.description == message, "\(name)")
        } catch {
            Issue.record("\(name): unexpected \(error)")
        }
    }

    @Test func byteOrderMarkAndLineEndingsDoNotMatter() throws {
        let lf = "Title: T\n\nINT. A - DAY\n\nMAYA\nHi.\n  \nBye.\n"
        let crlf = [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let fromData = try Fountain.parse(data: Data(crlf), path: "a.fountain")
        #expect(fromData == Fountain.parse(lf))
        #expect(Fountain.parse("\u{FEFF}" + lf) == Fountain.parse(lf))
    }

    @Test(arguments: [FountainFixtures.everything, FountainFixtures.nightShift, FountainFixtures.teahouse])
    func dataAndStringGiveTheSameScreenplay(_ text: String) throws {
        #expect(try Fountain.parse(data: Data(text.utf8), path: "f.fountain") == Fountain.parse(text))
    }

    @Test func strayControlCharactersAreStillText() throws {
        let text = "INT. A - DAY\n\nA form feed\u{0C} and an escape \u{1B} are fine.\n"
        #expect(try Fountain.parse(data: Data(text.utf8), path: "f.fountain") == Fountain.parse(text))
    }
}
