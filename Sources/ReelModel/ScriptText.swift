import Foundation

/// Helpers for screenplay text that carries Fountain markup.
///
/// ``plain(_:)`` works on UTF-8 bytes in a fixed number of linear passes, so a paragraph of
/// any length (a 1 MB line, a line of 50,000 unclosed `[[`) costs time in proportion to its
/// length. A marker (`[[`, `]]`, `/*`, `*/`, `*`, `_`, `\`) counts only when it stands as a
/// character of its own: a combining mark right after it makes it a different character.
public enum ScriptText {
    /// The words alone: emphasis markers, notes and boneyard removed, escapes resolved,
    /// whitespace collapsed.
    public static func plain(_ text: String) -> String {
        var text = text
        return text.withUTF8 { source in
            var probes = 0
            let noNotes = removingDelimited(source, open: (0x5B, 0x5B), close: (0x5D, 0x5D), probes: &probes)
            let noBoneyard = noNotes.withUnsafeBufferPointer {
                removingDelimited($0, open: (0x2F, 0x2A), close: (0x2A, 0x2F), probes: &probes)
            }
            let words = noBoneyard.withUnsafeBufferPointer(resolvingMarkers)
            return words.withUnsafeBufferPointer { String(decoding: collapsingWhitespace($0), as: UTF8.self) }
        }
    }

    /// Joins lines with a space between Latin words and nothing between CJK characters.
    public static func joinLines(_ lines: [String]) -> String {
        var result = ""
        for line in lines where !line.isEmpty {
            if let last = result.last, let first = line.first, !(last.isCJK && first.isCJK) {
                result.append(" ")
            }
            result += line
        }
        return result
    }

    static func collapseWhitespace(_ s: String) -> String {
        var s = s
        return s.withUTF8 { String(decoding: collapsingWhitespace($0), as: UTF8.self) }
    }

    // MARK: Passes

    /// `bytes` without each `open … close` pair (the first `close` after the `open`); an
    /// `open` never closed stays as text. Once one `open` finds no `close`, no later one can,
    /// so the rest is copied: every byte is looked at a bounded number of times. `probes`
    /// counts the bytes examined (tests use it to tell a linear scan from a quadratic one).
    static func removingDelimited(_ bytes: UnsafeBufferPointer<UInt8>, open: (UInt8, UInt8), close: (UInt8, UInt8),
                                  probes: inout Int) -> [UInt8] {
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        var closable = true
        while i < n {
            probes += 1
            if closable, i + 1 < n, bytes[i] == open.0, bytes[i + 1] == open.1, !extendsGrapheme(bytes, at: i + 2) {
                var j = i + 2
                var closed = false
                while j + 1 < n {
                    probes += 1
                    if bytes[j] == close.0, bytes[j + 1] == close.1, !extendsGrapheme(bytes, at: j + 2) {
                        closed = true
                        break
                    }
                    j += 1
                }
                if closed {
                    i = j + 2
                    continue
                }
                closable = false
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// Drops the emphasis markers `*` and `_`; `\` keeps the character after it as written.
    private static func resolvingMarkers(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        while i < n {
            let b = bytes[i]
            let bare = (b == 0x5C || b == 0x2A || b == 0x5F) && !extendsGrapheme(bytes, at: i + 1)
            if bare, b == 0x5C, i + 1 < n {
                // The escaped character, with any marks that combine with it.
                var j = i + 1 + scalarLength(bytes[i + 1])
                while extendsGrapheme(bytes, at: j) { j += scalarLength(bytes[j]) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(j, n)]))
                i = j
                continue
            }
            if bare, b != 0x5C {
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// Words separated by single spaces: runs of whitespace characters (with any marks
    /// combined with them) become one space, and none is left at either end.
    private static func collapsingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var pendingSpace = false
        var i = 0
        while i < n {
            let b = bytes[i]
            let (scalar, length) = b < 0x80 ? (Unicode.Scalar(b), 1) : decode(bytes, at: i)
            let white = b < 0x80 ? b == 0x20 || (b >= 0x09 && b <= 0x0D) : isWhitespace(scalar)
            guard white else {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                i += length
                continue
            }
            pendingSpace = true
            i += length
            while extendsGrapheme(bytes, at: i) { i += scalarLength(bytes[i]) }
        }
        return out
    }

    // MARK: UTF-8

    /// Unicode's White_Space beyond ASCII: NEL, NBSP, ogham space, U+2000–U+200A, line and
    /// paragraph separators, narrow NBSP, medium math space, ideographic space.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// True when the scalar at `i` joins the character before it (a combining mark, a
    /// spacing mark or a zero-width joiner), so the byte before `i` is not a character alone.
    @inline(__always)
    static func extendsGrapheme(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < bytes.count, bytes[i] >= 0x80 else { return false }
        let scalar = decode(bytes, at: i).scalar
        if (0x3400...0x9FFF).contains(scalar.value) || (0xFF01...0xFF5E).contains(scalar.value) { return false } // Han, full-width forms
        let p = scalar.properties
        return p.isGraphemeExtend || p.generalCategory == .spacingMark || scalar.value == 0x200D
    }

    @inline(__always)
    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar at `i` of valid UTF-8 (a `String`'s storage) and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[i])
        let length = scalarLength(bytes[i])
        guard length > 1, i + length <= bytes.count else { return (Unicode.Scalar(UInt8(b0)), 1) }
        var value = b0 & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
