import Foundation
import ReelModel

/// Prints a storyboard as JSON a piece at a time: the same bytes as encoding it whole with
/// ``Terminal/jsonEncoder()``, without holding the whole document (several times the
/// script's size for a long script) in memory.
///
/// The storyboard is encoded once with empty `scenes`, `shots` and `subjects`; each of
/// those arrays is then filled in from chunks of elements, encoded as arrays and indented
/// one level deeper, and written through a buffer as it goes.
enum StoryboardJSON {
    /// Elements encoded together: large enough to amortize the encoder, small enough to stay
    /// a few hundred kilobytes.
    static let chunk = 512

    static func write(_ board: Storyboard, encoder: JSONEncoder = Terminal.jsonEncoder(),
                      to sink: (Data) -> Void) throws {
        var skeleton = board
        skeleton.scenes = []
        skeleton.shots = []
        skeleton.subjects = []
        let text = try encoder.encode(skeleton)
        var buffer = Data()
        buffer.reserveCapacity(1 << 20)
        func emit(_ data: Data) {
            buffer.append(data)
            if buffer.count >= 1 << 20 {
                sink(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let arrays: [(key: String, count: Int, encode: (Range<Int>) throws -> Data)] = [
            ("scenes", board.scenes.count, { try encoder.encode(Array(board.scenes[$0])) }),
            ("shots", board.shots.count, { try encoder.encode(Array(board.shots[$0])) }),
            ("subjects", board.subjects.count, { try encoder.encode(Array(board.subjects[$0])) }),
        ]
        var cursor = text.startIndex
        for array in arrays where array.count > 0 {
            let empty = Data("\n  \"\(array.key)\" : [\n\n  ]".utf8)
            guard let slot = text.range(of: empty, in: cursor..<text.endIndex) else {
                // Not the shape expected (another encoder's layout): write it whole.
                sink(buffer + (try encoder.encode(board)) + Data("\n".utf8))
                return
            }
            emit(text[cursor..<slot.lowerBound])
            emit(Data("\n  \"\(array.key)\" : [\n".utf8))
            for start in stride(from: 0, to: array.count, by: chunk) {
                if start > 0 { emit(Data(",\n".utf8)) }
                emit(nested(try array.encode(start..<min(array.count, start + chunk))))
            }
            emit(Data("\n  ]".utf8))
            cursor = slot.upperBound
        }
        emit(text[cursor...])
        emit(Data("\n".utf8))
        sink(buffer)
    }

    /// `[\n  a,\n  b\n]` → `    a,\n    b`: the elements of an encoded array, one level deeper
    /// (blank lines, which the encoder writes inside empty containers, stay empty).
    static func nested(_ array: Data) -> Data {
        array.withUnsafeBytes { raw -> Data in
            let bytes = raw.bindMemory(to: UInt8.self)
            let start = 2 // "[\n"
            let end = bytes.count - 2 // "\n]"
            var out = [UInt8](repeating: 0x20, count: 2)
            out.reserveCapacity(bytes.count + bytes.count / 8)
            var lineStart = start
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if lineStart > start, lineEnd > lineStart { out.append(contentsOf: [0x20, 0x20]) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                if lineEnd < end { out.append(0x0A) }
                lineStart = lineEnd + 1
            }
            return Data(out)
        }
    }
}
