import Foundation
@testable import ReelCLI
import ReelModel
import ReelScript
import Testing

/// `reel plan --json` is written field by field; the bytes must be those of encoding the
/// storyboard whole with the CLI's `JSONEncoder`.
struct StoryboardJSONTests {
    static func board(repeating times: Int) throws -> Storyboard {
        var script = "Title: Pieces\n\n"
        for i in 0..<times {
            script += "INT. KITCHEN \(i) - NIGHT (1973)\n\nMAYA waits by the door with a cup/plate.\n\n"
            script += "MAYA\n(quietly)\nWho's there? \"Ben\"?\n\nBEN (O.S.)\nIt's me.\n\n"
        }
        return try ShotPlanner.plan(Fountain.parse(script))
    }

    static func streamed(_ board: Storyboard) throws -> Data {
        var streamed = Data()
        try StoryboardJSON.write(board) { streamed.append($0) }
        return streamed
    }

    static func whole(_ board: Storyboard) throws -> Data {
        try Terminal.encoded(board) + Data("\n".utf8)
    }

    @Test(arguments: [1, 3, 200]) // 200 scenes: several hundred shots
    func piecesMakeTheSameBytesAsTheWhole(_ scenes: Int) throws {
        let board = try Self.board(repeating: scenes)
        #expect(try Self.streamed(board) == Self.whole(board))
        #expect(board.shots.count > (scenes >= 200 ? 512 : 0))
    }

    @Test func emptyArraysAreWrittenAsTwoBrackets() throws {
        var board = try Self.board(repeating: 1)
        board.subjects = []
        board.scenes = []
        board.shots[0].notes = []
        board.shots[0].subjects = []
        board.shots[0].dialogue = []
        #expect(try Self.streamed(board) == Self.whole(board))
        let text = String(decoding: try Self.streamed(board), as: UTF8.self)
        #expect(text.contains(#""scenes" : [],"#) && !text.contains("[\n\n"))
    }

    @Test(arguments: ["examples/the-last-train.fountain", "examples/last-delivery.zh.fountain",
                      "examples/rain-delivery.zh.txt"])
    func theExamplesMakeTheEncodersBytes(_ path: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let board = try ShotPlanner.plan(path.hasSuffix(".txt") ? ShortDrama.parse(script) : Fountain.parse(script))
        #expect(!board.shots.isEmpty)
        #expect(try Self.streamed(board) == Self.whole(board))
    }

    /// Every control character, quotes, backslashes, slashes, non-ASCII and emoji.
    static let awkward: String = {
        var text = ""
        for byte in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        return text + "é 林晓 \u{2028}\u{2029}\u{FEFF}😀\u{85} a/b \\\" \"quoted\""
    }()

    @Test func everyOptionalFieldAndEscapeMakesTheEncodersBytes() throws {
        var board = try Self.board(repeating: 2)
        let digest = try #require(Digest(rawValue: String(repeating: "ab", count: 32)))
        board.title = Self.awkward
        board.format = VideoFormat(aspect: .landscape, size: .p1080, frameRate: .fps29_97)
        board.scenes[0].qualifiers = ["FLASHBACK", Self.awkward]
        board.scenes[0].locationID = nil
        board.scenes[1].heading = Self.awkward
        board.shots[0].prompt = Self.awkward
        board.shots[0].notes = ["one", Self.awkward]
        board.shots[0].action = Self.awkward
        board.shots[0].line = -3
        board.shots[0].empty = true
        board.shots[1].continuesFrom = "S01-01"
        board.shots[1].empty = false
        board.shots[0].duration = RationalTime(value: -7, timescale: 1_000_000_007)
        board.shots[1].dialogue.append(DialogueCue(
            speaker: "char:林晓", text: Self.awkward, parenthetical: "(to \"Ben\")", language: .chinese,
            offScreenKind: .offScreen, start: .milliseconds(1234), duration: .seconds(Int64.max / 4)))
        board.subjects.append(Subject(
            id: "char:ben", kind: .character, name: Self.awkward, description: "a\tb",
            references: [digest, digest],
            voice: Voice(gender: .male, variant: 2, pitch: -10, pace: 7,
                         providerVoice: ["openai": "alloy", "Zeta": "z", "elevenlabs": Self.awkward, "林": "x", "a1": "1", "a10": "10"])))
        board.subjects.append(Subject(id: "char:ana", kind: .character, name: "ANA", voice: Voice(gender: .female), realPerson: true))
        board.subjects.append(Subject(
            id: "char:real", kind: .character, name: "REAL",
            consent: Consent(grantedBy: "Real Person", scope: "likeness", grantedAt: Date(timeIntervalSince1970: 1_700_000_000),
                             expiresAt: Date(timeIntervalSince1970: 1_900_000_000), evidence: digest,
                             providers: ["kling", "vidu"]), realPerson: true))
        board.subjects.append(Subject(id: "prop:cup", kind: .prop, name: "cup/plate"))
        let streamed = try Self.streamed(board)
        #expect(streamed == (try Self.whole(board)))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Storyboard.self, from: streamed) == board)
    }

    @Test func aLargeBoardIsHandedOverInPieces() throws {
        let board = try Self.board(repeating: 3000)
        var pieces = 0
        var streamed = Data()
        try StoryboardJSON.write(board) { pieces += 1; streamed.append($0) }
        #expect(pieces > 1)
        #expect(streamed == (try Self.whole(board)))
    }
}
