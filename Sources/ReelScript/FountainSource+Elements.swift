import ReelModel

/// A line that is an element by its own syntax, whatever surrounds it.
///
/// These lines are "boundaries": like a blank line, they end an action paragraph and
/// satisfy "preceded/followed by a blank line" for the elements around them.
enum LineElement: Equatable {
    case forcedHeading      // .HEADING (not ..)
    case forcedTransition   // > CUT TO BLACK
    case centered           // > THE END <
    case section            // # Act One
    case synopsis           // = what happens
    case pageBreak          // ===
    case lyric              // ~ sung words
    case forcedCue          // @Name
}

/// A character cue split into its parts; spans index the source.
struct CueLine {
    var name: ByteSpan
    var extensions: [ByteSpan]
    var dual: Bool
}

extension FountainSource {
    /// What `t` (a trimmed, non-empty line) is by its own syntax, if anything.
    func lineElement(_ t: ByteSpan) -> LineElement? {
        switch bytes[t.start] {
        case 0x2E: // .
            guard t.count >= 2, bytes[t.start + 1] != 0x2E, whitespaceLength(at: t.start + 1, end: t.end) == 0
            else { return nil }
            return .forcedHeading
        case 0x3E: // >
            guard t.count >= 2 else { return nil }
            return bytes[t.end - 1] == 0x3C ? .centered : .forcedTransition
        case 0x23: // #
            return .section
        case 0x3D: // =
            if t.count >= 3, !(t.start..<t.end).contains(where: { bytes[$0] != 0x3D }) { return .pageBreak }
            return .synopsis
        case 0x7E: // ~
            return .lyric
        case 0x40: // @
            return cue(ByteSpan(t.start + 1, t.end)) == nil ? nil : .forcedCue
        default:
            return nil
        }
    }

    // MARK: Scene headings

    private static let englishSettings: [[UInt8]] = [
        "INT./EXT", "INT/EXT", "EXT./INT", "EXT/INT", "I./E", "I/E", "E/I", "INT", "EXT", "EST",
    ].map { Array($0.utf8) }

    private static let chineseSettings: [[UInt8]] = [
        "内外景", "外内景", "内/外", "外/内", "内景", "外景", "内", "外",
    ].map { Array($0.utf8) }

    /// Separators that may follow a Chinese setting: space, tab, U+3000, 。, ·, ・, ．
    private static let chineseSeparators: [[UInt8]] = [
        " ", "\t", "\u{3000}", "。", "·", "・", "．",
    ].map { Array($0.utf8) }

    /// True when `t` starts like a scene heading: `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT`,
    /// `EXT/INT`, `I/E`, `E/I` (any case) followed by `.` or a space; or (a Reel extension) a
    /// Chinese setting `内景`/`外景`/`内外景`/`内/外`/`内`/`外` followed by a space, `。` or `·`.
    ///
    /// With `endSeparates`, the end of `t` also counts as a separator (to test a cue's name).
    func isHeadingKeyword(_ t: ByteSpan, endSeparates: Bool = false) -> Bool {
        let first = bytes[t.start] | 0x20
        if first == 0x69 || first == 0x65 { // i, e
            for setting in Self.englishSettings where hasPrefixIgnoringCase(setting, in: t) {
                let next = t.start + setting.count
                if next == t.end { return endSeparates }
                if bytes[next] == 0x2E || whitespaceLength(at: next, end: t.end) > 0 { return true }
            }
            return false
        }
        guard bytes[t.start] == 0xE5 else { return false } // 内 and 外 start with E5
        for setting in Self.chineseSettings where startsWith(setting, at: t.start, end: t.end) {
            let next = t.start + setting.count
            if next == t.end { return endSeparates }
            if Self.chineseSeparators.contains(where: { startsWith($0, at: next, end: t.end) }) { return true }
            if whitespaceLength(at: next, end: t.end) > 0 { return true }
        }
        return false
    }

    /// The heading in `span` (without any forcing `.`), with a trailing `#number#` split off.
    func sceneHeading(_ span: ByteSpan, forced: Bool) -> SceneHeading {
        let t = trimmed(span)
        if t.count >= 3, bytes[t.end - 1] == 0x23 {
            var k = t.end - 2
            while k > t.start, isSceneNumberByte(bytes[k]) { k -= 1 }
            if bytes[k] == 0x23, k < t.end - 2 {
                let text = trimmingEnd(ByteSpan(t.start, k))
                if !text.isEmpty {
                    return SceneHeading(text: string(text), sceneNumber: string(ByteSpan(k + 1, t.end - 1)), forced: forced)
                }
            }
        }
        return SceneHeading(text: string(t), forced: forced)
    }

    private func isSceneNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E
    }

    // MARK: Transitions

    private static let toColon: [UInt8] = Array("TO:".utf8)

    /// An unforced transition: no lowercase letters, ends in `TO:`.
    func isUnforcedTransition(_ t: ByteSpan) -> Bool {
        hasSuffix(Self.toColon, in: t) && !hasLowercase(t)
    }

    // MARK: Character cues

    /// Splits `NAME (EXT) (EXT) ^` into name, extensions (ASCII or full-width parentheses)
    /// and the dual-dialogue mark; nil when no name is left.
    func cue(_ span: ByteSpan) -> CueLine? {
        var end = trimmingEnd(span).end
        var dual = false
        if end > span.start, bytes[end - 1] == 0x5E {
            dual = true
            end = trimmingEnd(ByteSpan(span.start, end - 1)).end
        }
        var extensions: [ByteSpan] = []
        while end > span.start {
            let closeLength = closingParenthesisLength(before: end, start: span.start)
            guard closeLength > 0 else { break }
            var k = end - closeLength - 1
            var opener: (at: Int, length: Int)?
            while k >= span.start {
                let length = openingParenthesisLength(at: k, end: end - closeLength)
                if length > 0 {
                    opener = (k, length)
                    break
                }
                k -= 1
            }
            guard let (at, length) = opener else { break }
            extensions.insert(trimmed(ByteSpan(at + length, end - closeLength)), at: 0)
            end = trimmingEnd(ByteSpan(span.start, at)).end
        }
        let name = trimmed(ByteSpan(span.start, end))
        guard !name.isEmpty else { return nil }
        return CueLine(name: name, extensions: extensions, dual: dual)
    }

    /// A cue without `@`: see ``isUnforcedCueName(_:)``; never a name that starts like a
    /// scene heading (or is just `INT`, `内景`…), a line ending in `TO:`, or one starting
    /// with a backslash.
    func unforcedCue(_ t: ByteSpan) -> CueLine? {
        guard bytes[t.start] != 0x5C, !hasSuffix(Self.toColon, in: t), let cue = cue(t),
              !isHeadingKeyword(cue.name, endSeparates: true), isUnforcedCueName(cue.name)
        else { return nil }
        return cue
    }

    /// Fountain's rule — no lowercase letter and at least one uppercase letter — or Reel's
    /// Chinese rule: 1–8 characters, all Han ideographs (or the name dots `·` `・`).
    func isUnforcedCueName(_ name: ByteSpan) -> Bool {
        var hasUpper = false
        var allHan = true
        var hanCount = 0
        var scalars = 0
        var i = name.start
        while i < name.end {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x61 && b <= 0x7A { return false }
                if b >= 0x41 && b <= 0x5A { hasUpper = true }
                allHan = false
                scalars += 1
                i += 1
                continue
            }
            let (value, length) = scalar(at: i, end: name.end)
            scalars += 1
            i += length
            if Self.isHan(value) {
                hanCount += 1
                continue
            }
            if value != 0xB7 && value != 0x30FB { allHan = false }
            if let s = Unicode.Scalar(value) {
                if s.properties.isLowercase { return false }
                if s.properties.isUppercase { hasUpper = true }
            }
        }
        if allHan && hanCount > 0 && scalars <= 8 { return true }
        return hasUpper
    }

    /// True when `span` holds a lowercase letter (ASCII or not).
    func hasLowercase(_ span: ByteSpan) -> Bool {
        var i = span.start
        while i < span.end {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x61 && b <= 0x7A { return true }
                i += 1
                continue
            }
            let (value, length) = scalar(at: i, end: span.end)
            i += length
            if value >= 0x3000 && value < 0xA000 { continue } // CJK and kana have no case
            if let s = Unicode.Scalar(value), s.properties.isLowercase { return true }
        }
        return false
    }

    // MARK: Parentheses

    /// 1 for `(`, 3 for `（` at `i`, else 0.
    func openingParenthesisLength(at i: Int, end: Int) -> Int {
        if bytes[i] == 0x28 { return 1 }
        if bytes[i] == 0xEF, i + 2 < end, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x88 { return 3 }
        return 0
    }

    /// 1 for `)`, 3 for `）` ending just before `end`, else 0.
    func closingParenthesisLength(before end: Int, start: Int) -> Int {
        if bytes[end - 1] == 0x29 { return 1 }
        if end - 3 >= start, bytes[end - 3] == 0xEF, bytes[end - 2] == 0xBC, bytes[end - 1] == 0x89 { return 3 }
        return 0
    }

    /// The inside of `(…)` or `（…）` when `t` is exactly one parenthetical, else nil.
    func parentheticalContent(_ t: ByteSpan) -> ByteSpan? {
        let open = openingParenthesisLength(at: t.start, end: t.end)
        guard open > 0 else { return nil }
        let close = closingParenthesisLength(before: t.end, start: t.start)
        guard close > 0, t.count >= open + close else { return nil }
        return trimmed(ByteSpan(t.start + open, t.end - close))
    }
}
