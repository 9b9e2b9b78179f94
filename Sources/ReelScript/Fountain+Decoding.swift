import Foundation
import ReelModel

/// Checks that a file's bytes are UTF-8 screenplay text before they are parsed.
extension Fountain {
    /// Throws ``ReelError`` (`.invalidInput`) when `bytes` cannot be a UTF-8 screenplay.
    static func checkText(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
        let n = bytes.count
        if n >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw utf16Error(path)
        }
        let bom = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        if !(bom..<n).contains(where: { !isASCIIWhitespace(bytes[$0]) }) {
            throw ReelError(.invalidInput, bom == n ? "the screenplay file is empty" : "the screenplay file has only blank lines",
                            at: path, hint: "write the script in Fountain, starting with a scene heading such as INT. KITCHEN - NIGHT")
        }
        if looksLikeUTF16(bytes) { throw utf16Error(path) }
        var controls = 0
        var i = bom
        while i < n {
            if i + 8 <= n, !hasControlByte(bytes, at: i) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b == 0 {
                throw binaryError(path, "a NUL byte at offset \(i)")
            }
            if (b < 0x20 && !isASCIIWhitespace(b) && b != 0x1B) || b == 0x7F { controls += 1 }
            i += 1
        }
        if controls * 20 > n - bom {
            throw binaryError(path, "\(controls * 100 / (n - bom))% control characters")
        }
        if let bad = firstInvalidUTF8(bytes, from: bom) {
            let line = lineNumber(of: bad, in: bytes)
            throw ReelError(
                .invalidInput,
                "the file is not valid UTF-8: byte 0x\(hex(bytes[bad])) at offset \(bad) (line \(line)) cannot be decoded",
                at: "\(path):\(line)",
                hint: "re-save the file as UTF-8; older Windows or Chinese editors often save Latin-1, Windows-1252 or GBK")
        }
    }

    private static func utf16Error(_ path: String) -> ReelError {
        ReelError(.invalidInput, "the file is UTF-16 text; Reel reads screenplays as UTF-8", at: path,
                  hint: "save it as UTF-8 (in your editor: Save As, Encoding: UTF-8) and try again")
    }

    private static func binaryError(_ path: String, _ evidence: String) -> ReelError {
        ReelError(.invalidInput, "the file is binary data, not screenplay text (\(evidence))", at: path,
                  hint: "export the script from your writing app as Fountain (.fountain, plain UTF-8 text) and open that")
    }

    /// True when one of the 8 bytes at `i` is below 0x20 or is 0x7F (the SWAR "has less
    /// than" and "has zero byte" tricks on one 64-bit word).
    @inline(__always)
    private static func hasControlByte(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- ones &* 0x20) & ~w & highs
        let del = w ^ (ones &* 0x7F)
        let is7F = (del &- ones) & ~del & highs
        return (below20 | is7F) != 0
    }

    private static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    /// UTF-16 without a byte-order mark: most bytes of one parity are NUL, few of the other.
    private static func looksLikeUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(bytes.count, 4096)
        guard n >= 4 else { return false }
        var zeros = [0, 0]
        for i in 0..<n where bytes[i] == 0 { zeros[i & 1] += 1 }
        let half = n / 2
        return (zeros[0] * 10 > half * 4 && zeros[1] * 20 < half) || (zeros[1] * 10 > half * 4 && zeros[0] * 20 < half)
    }

    /// 1-based line of byte `offset`, counting LF, CRLF and lone CR as line ends.
    private static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// The offset of the first byte that does not start or continue a well-formed UTF-8
    /// sequence (Unicode Table 3-7), or nil when all are well formed.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = bytes.count
        var i = start
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + 1 < n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<length {
                guard i + k < n, bytes[i + k] >= 0x80, bytes[i + k] <= 0xBF else { return i }
            }
            i += length
        }
        return nil
    }
}
