import Foundation
@testable import ReelCLI
import ReelModel
import ReelScript
import Testing

/// `reel plan --json` is written a piece at a time; the bytes must be those of encoding
/// the storyboard whole.
struct StoryboardJSONTests {
    static func board(repeating times: Int) throws -> Storyboard {
        var script = "Title: Pieces\n\n"
        for i in 0..<times {
            script += "INT. KITCHEN \(i) - NIGHT (1973)\n\nMAYA waits by the door with a cup/plate.\n\n"
            script += "MAYA\n(quietly)\nWho's there? \"Ben\"?\n\nBEN (O.S.)\nIt's me.\n\n"
        }
        return try ShotPlanner.plan(Fountain.parse(script))
    }

    @Test(arguments: [1, 3, 200]) // 200 scenes: more than one chunk of scenes and of shots
    func piecesMakeTheSameBytesAsTheWhole(_ scenes: Int) throws {
        let board = try Self.board(repeating: scenes)
        var streamed = Data()
        try StoryboardJSON.write(board) { streamed.append($0) }
        let whole = try Terminal.jsonEncoder().encode(board) + Data("\n".utf8)
        #expect(streamed == whole)
        #expect(board.shots.count > (scenes >= 200 ? StoryboardJSON.chunk : 0))
    }

    @Test func emptyArraysStayAsTheEncoderWritesThem() throws {
        var board = try Self.board(repeating: 1)
        board.subjects = []
        var streamed = Data()
        try StoryboardJSON.write(board) { streamed.append($0) }
        let whole = try Terminal.jsonEncoder().encode(board) + Data("\n".utf8)
        #expect(streamed == whole)
    }
}
