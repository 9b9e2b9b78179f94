import ReelModel

/// Turns the lines of a Fountain document into screenplay elements.
///
/// One pass over a line table, one line of look-ahead. A "boundary" is a blank line, the
/// document's edge, or a line that is an element by its own syntax (``LineElement``):
/// unforced scene headings and transitions need a boundary before and after, a character
/// cue needs a boundary before and a speech line after (text, a parenthetical or a lyric). Action runs until a boundary;
/// dialogue runs until a blank line. See ``Fountain`` for the full list of rules.
struct FountainParser {
    let src: FountainSource
    let lines: [FountainLine]
    var elements: [ScriptElement] = []
    var scratch: [UInt8] = []

    init(src: FountainSource, lines: [FountainLine]) {
        self.src = src
        self.lines = lines
    }

    /// Parses a document from UTF-8 bytes. `titlePage: false` parses a piece of a body (the
    /// writer's check): no title page, and a leading U+FEFF is text, not a byte-order mark.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, titlePage: Bool = true) -> Screenplay {
        let src = FountainSource(bytes: bytes)
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let bom = titlePage && hasBOM ? 3 : 0
        var (lines, hasBoneyard) = FountainLines.split(src, from: bom)
        guard hasBoneyard else {
            var parser = FountainParser(src: src, lines: lines)
            return parser.run(titlePage: titlePage)
        }
        let storage = FountainLines.strippingBoneyard(src, &lines)
        return storage.withUnsafeBufferPointer { buffer in
            var parser = FountainParser(src: FountainSource(bytes: buffer), lines: lines)
            return parser.run(titlePage: titlePage)
        }
    }

    static func parse(_ text: String, titlePage: Bool = true) -> Screenplay {
        var text = text
        return text.withUTF8 { parse($0, titlePage: titlePage) }
    }

    mutating func run(titlePage: Bool) -> Screenplay {
        var fields: [TitlePageField] = []
        var i = 0
        if titlePage { (fields, i) = FountainTitlePage.parse(src, lines) }
        elements.reserveCapacity(lines.count / 3)
        while i < lines.count { i = element(at: i) }
        return Screenplay(titlePage: fields, elements: elements)
    }

    // MARK: Dispatch

    /// Reads the element that starts at line `i` (outside any paragraph); returns the next line.
    mutating func element(at i: Int) -> Int {
        let line = lines[i]
        if line.isBoneyard {
            emit(.boneyard(src.string(line.span)), i)
            return i + 1
        }
        let t = src.trimmed(line.span)
        if t.isEmpty { return i + 1 }
        if let kind = src.lineElement(t) { return lineElement(kind, t, at: i) }
        switch src[t.start] {
        case 0x21: // ! forced action
            return action(at: i, forced: true, first: ByteSpan(t.start + 1, t.end))
        case 0x5C: // \ escaped line: always action
            return action(at: i, forced: false, first: ByteSpan(line.span.start, t.end))
        case 0x5B: // [[ a note standing alone
            if let next = note(at: i, t) { return next }
        default:
            break
        }
        if isBoundary(i + 1) {
            if src.isHeadingKeyword(t) {
                emit(.sceneHeading(src.sceneHeading(t, forced: false)), i)
                return i + 1
            }
            if src.isUnforcedTransition(t) {
                emit(.transition(Transition(text: src.string(t))), i)
                return i + 1
            }
        }
        if canStartSpeech(i + 1), let cue = src.unforcedCue(t) {
            return dialogue(cue, forced: false, at: i)
        }
        return action(at: i, forced: false, first: ByteSpan(line.span.start, t.end))
    }

    private mutating func lineElement(_ kind: LineElement, _ t: ByteSpan, at i: Int) -> Int {
        let rest = ByteSpan(t.start + 1, t.end)
        switch kind {
        case .forcedHeading:
            emit(.sceneHeading(src.sceneHeading(rest, forced: true)), i)
        case .forcedTransition:
            emit(.transition(Transition(text: src.string(src.trimmed(rest)), forced: true)), i)
        case .section:
            var level = 1
            while t.start + level < t.end, src[t.start + level] == 0x23 { level += 1 }
            emit(.section(level: level, text: src.string(src.trimmed(ByteSpan(t.start + level, t.end)))), i)
        case .synopsis:
            emit(.synopsis(src.string(src.trimmed(rest))), i)
        case .pageBreak:
            emit(.pageBreak, i)
        case .centered, .lyric:
            var texts: [String] = []
            var j = i
            while j < lines.count, !lines[j].isBoneyard {
                let lt = src.trimmed(lines[j].span)
                guard !lt.isEmpty, src.lineElement(lt) == kind else { break }
                let inner = kind == .centered ? ByteSpan(lt.start + 1, lt.end - 1) : ByteSpan(lt.start + 1, lt.end)
                texts.append(src.string(src.trimmed(inner)))
                j += 1
            }
            emit(kind == .centered ? .centered(texts) : .lyrics(texts), i)
            return j
        case .forcedCue:
            if let cue = src.cue(rest) { return dialogue(cue, forced: true, at: i) }
            return action(at: i, forced: false, first: ByteSpan(lines[i].span.start, t.end))
        }
        return i + 1
    }

    // MARK: Look-ahead

    /// A blank line, the end, a boneyard block, or a line that is an element by itself.
    func isBoundary(_ j: Int) -> Bool {
        guard j < lines.count, !lines[j].isBoneyard else { return true }
        let t = src.trimmed(lines[j].span)
        return t.isEmpty || src.lineElement(t) != nil
    }

    /// A line that can follow an unforced cue: something on it (a two-space line does not
    /// count), and not an element by its own syntax unless it is a `~` lyric.
    func canStartSpeech(_ j: Int) -> Bool {
        guard j < lines.count, !lines[j].isBoneyard else { return false }
        let t = src.trimmed(lines[j].span)
        guard !t.isEmpty else { return false }
        let kind = src.lineElement(t)
        return kind == nil || kind == .lyric
    }

    mutating func emit(_ content: ScriptElement.Content, _ i: Int) {
        elements.append(ScriptElement(content, line: lines[i].number))
    }
}
