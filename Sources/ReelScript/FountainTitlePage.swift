import ReelModel

/// The title page: `Key: value` lines at the very start of a document.
///
/// Rules: the first line of the document must be a key line with a value, or a key line
/// followed by an indented value line, else there is no title page (so a script opening
/// with `FADE IN:` has none).
/// A key starts with a letter and holds letters, digits, spaces, `-`, `_` or `'` (any
/// non-ASCII letter counts, so `标题: 夜行` works) before an ASCII colon. A value is the text
/// after the colon, and/or the following indented lines (any leading space or tab; Fountain
/// asks for three spaces or a tab). The page ends at the first blank line; a line that is
/// neither a key nor indented also ends it, and the body starts on that line.
enum FountainTitlePage {
    /// The fields and the index of the first body line.
    static func parse(_ src: FountainSource, _ lines: [FountainLine]) -> (fields: [TitlePageField], bodyStart: Int) {
        guard let first = lines.first, !first.isBoneyard, let firstColon = colon(in: src, first.span) else { return ([], 0) }
        let hasValue = !src.trimmed(ByteSpan(firstColon + 1, first.span.end)).isEmpty
        let continues = lines.count > 1 && !lines[1].isBoneyard && src.trimmingStart(lines[1].span).start > lines[1].span.start
            && !src.trimmed(lines[1].span).isEmpty
        guard hasValue || continues else { return ([], 0) }
        var fields: [TitlePageField] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.isBoneyard { break }
            let t = src.trimmed(line.span)
            if t.isEmpty {
                i += 1
                break
            }
            if t.start > line.span.start, !fields.isEmpty {
                fields[fields.count - 1].values.append(src.string(t))
            } else if let colon = colon(in: src, line.span) {
                let key = src.trimmingEnd(ByteSpan(line.span.start, colon))
                let value = src.trimmed(ByteSpan(colon + 1, line.span.end))
                fields.append(TitlePageField(key: src.string(key), values: value.isEmpty ? [] : [src.string(value)]))
            } else {
                break
            }
            i += 1
        }
        return (fields, i)
    }

    /// The offset of the colon when `span` is a `Key: value` line.
    static func colon(in src: FountainSource, _ span: ByteSpan) -> Int? {
        guard !span.isEmpty else { return nil }
        let first = src.scalar(at: span.start, end: span.end).value
        guard Unicode.Scalar(first)?.properties.isAlphabetic == true else { return nil }
        var i = span.start
        let limit = min(span.end, span.start + 64)
        while i < limit {
            let b = src[i]
            if b == 0x3A { return i }
            guard isKeyByte(b) else { return nil }
            i += 1
        }
        return nil
    }

    /// True when `text` starts with lines that would open a title page.
    static func startsWithKey(_ text: String) -> Bool {
        let firstLines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
        return !FountainParser.parse(firstLines.joined(separator: "\n")).titlePage.isEmpty
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
            || (b >= 0x30 && b <= 0x39) || b == 0x20 || b == 0x2D || b == 0x5F || b == 0x27
    }
}
