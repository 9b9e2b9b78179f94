/// A half-open range of byte offsets into a ``FountainSource``.
struct ByteSpan: Hashable, Sendable {
    var start: Int
    var end: Int

    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    var isEmpty: Bool { start >= end }
    var count: Int { end - start }
}

/// The UTF-8 bytes of a Fountain document and the byte-level questions the parser asks.
///
/// The parser never iterates `Character`s: it scans bytes with index arithmetic and makes
/// `String`s only for the text an element keeps. The bytes must be valid UTF-8 (a Swift
/// `String`'s storage, or `Data` checked by ``Fountain/parse(data:path:)``).
struct FountainSource {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { bytes[i] }

    /// The text of `span`, line endings and all.
    func string(_ span: ByteSpan) -> String {
        guard !span.isEmpty else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), as: UTF8.self)
    }

    // MARK: Whitespace

    /// The length of the whitespace character at `i` (space, tab, VT, FF, NBSP, U+3000), or 0.
    @inline(__always)
    func whitespaceLength(at i: Int, end: Int) -> Int {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { return 1 }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return 2 }
        if b == 0xE3, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// The length of the whitespace character that ends just before `end`, or 0.
    @inline(__always)
    func whitespaceLength(before end: Int, start: Int) -> Int {
        let b = bytes[end - 1]
        if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { return 1 }
        if b == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { return 2 }
        if b == 0x80, end - 3 >= start, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE3 { return 3 }
        return 0
    }

    func trimmingStart(_ span: ByteSpan) -> ByteSpan {
        var s = span.start
        while s < span.end {
            let n = whitespaceLength(at: s, end: span.end)
            if n == 0 { break }
            s += n
        }
        return ByteSpan(s, span.end)
    }

    func trimmingEnd(_ span: ByteSpan) -> ByteSpan {
        var e = span.end
        while e > span.start {
            let n = whitespaceLength(before: e, start: span.start)
            if n == 0 { break }
            e -= n
        }
        return ByteSpan(span.start, e)
    }

    func trimmed(_ span: ByteSpan) -> ByteSpan { trimmingEnd(trimmingStart(span)) }

    /// A line of exactly two spaces: Fountain's way to keep an empty line inside an element.
    func isSoftBlank(_ span: ByteSpan) -> Bool {
        span.count == 2 && bytes[span.start] == 0x20 && bytes[span.start + 1] == 0x20
    }

    // MARK: Searching

    /// The offset of the first `a b` byte pair in `span`, or nil.
    func find(_ a: UInt8, _ b: UInt8, in span: ByteSpan) -> Int? {
        var i = span.start
        let last = span.end - 1
        while i < last {
            if bytes[i] == a, bytes[i + 1] == b { return i }
            i += 1
        }
        return nil
    }

    /// True when `span` starts with the ASCII `prefix`, letters compared case-insensitively.
    func hasPrefixIgnoringCase(_ prefix: [UInt8], in span: ByteSpan) -> Bool {
        guard span.count >= prefix.count else { return false }
        for (k, p) in prefix.enumerated() {
            var b = bytes[span.start + k]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            if b != p { return false }
        }
        return true
    }

    /// True when the bytes at `i` (before `end`) are exactly `prefix`.
    func startsWith(_ prefix: [UInt8], at i: Int, end: Int) -> Bool {
        guard end - i >= prefix.count else { return false }
        for (k, p) in prefix.enumerated() where bytes[i + k] != p { return false }
        return true
    }

    func hasSuffix(_ suffix: [UInt8], in span: ByteSpan) -> Bool {
        guard span.count >= suffix.count else { return false }
        let base = span.end - suffix.count
        for (k, p) in suffix.enumerated() where bytes[base + k] != p { return false }
        return true
    }

    // MARK: Characters

    /// The Unicode scalar starting at `i` and its length in bytes (the bytes are valid UTF-8).
    @inline(__always)
    func scalar(at i: Int, end: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < end {
            return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0, i + 2 < end {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if i + 3 < end {
            return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// True for Han ideographs (CJK Unified Ideographs, extensions and compatibility forms).
    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v)
    }

    /// Scans `span` for `[[` and `]]` and tells whether a note is still open at its end.
    func noteIsOpen(after span: ByteSpan, openAtStart: Bool) -> Bool {
        var open = openAtStart
        var i = span.start
        while i + 1 < span.end {
            let b = bytes[i]
            if b == 0x5B, bytes[i + 1] == 0x5B {
                open = true
                i += 2
            } else if b == 0x5D, bytes[i + 1] == 0x5D {
                open = false
                i += 2
            } else {
                i += 1
            }
        }
        return open
    }
}
