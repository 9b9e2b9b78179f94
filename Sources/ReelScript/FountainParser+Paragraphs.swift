import ReelModel

/// The elements that span several lines: action, dialogue and standalone notes.
extension FountainParser {
    /// Action from line `i` until a boundary. `first` is the first line's text (after a
    /// forcing `!`); later lines keep their leading whitespace, lose trailing whitespace, and
    /// a two-space line is kept as an empty line.
    mutating func action(at i: Int, forced: Bool, first: ByteSpan) -> Int {
        scratch.removeAll(keepingCapacity: true)
        append(first)
        var j = i + 1
        while j < lines.count, !lines[j].isBoneyard {
            let span = lines[j].span
            if src.isSoftBlank(span) {
                scratch.append(0x0A)
                j += 1
                continue
            }
            let t = src.trimmed(span)
            guard !t.isEmpty, src.lineElement(t) == nil else { break }
            scratch.append(0x0A)
            append(ByteSpan(span.start, t.end))
            j += 1
        }
        emit(.action(Action(text: String(decoding: scratch, as: UTF8.self), forced: forced)), i)
        return j
    }

    /// The speech after the cue on line `i`: parentheticals, `~` lyrics and lines until a
    /// blank line. A two-space line is an empty line of speech. A line that leaves a
    /// `[[note` open is joined with the following lines (by LF) until the note closes.
    mutating func dialogue(_ cue: CueLine, forced: Bool, at i: Int) -> Int {
        var parts: [DialoguePart] = []
        parts.reserveCapacity(4)
        var j = i + 1
        var noteOpen = false
        while j < lines.count, !lines[j].isBoneyard {
            let span = lines[j].span
            let t = src.trimmed(span)
            let soft = src.isSoftBlank(span)
            if t.isEmpty && !soft { break }
            j += 1
            if noteOpen, let last = parts.popLast() {
                let more = "\n" + src.string(t)
                switch last {
                case .line(let text): parts.append(.line(text + more))
                case .lyric(let text): parts.append(.lyric(text + more))
                case .parenthetical(let text): parts.append(.parenthetical(text + more))
                }
                noteOpen = src.noteIsOpen(after: t, openAtStart: true)
            } else if soft {
                parts.append(.line(""))
            } else if let inner = src.parentheticalContent(t) {
                parts.append(.parenthetical(src.string(inner)))
            } else if src[t.start] == 0x7E {
                let text = src.trimmed(ByteSpan(t.start + 1, t.end))
                parts.append(.lyric(src.string(text)))
                noteOpen = src.noteIsOpen(after: text, openAtStart: false)
            } else {
                parts.append(.line(src.string(t)))
                noteOpen = src.noteIsOpen(after: t, openAtStart: false)
            }
        }
        let dialogue = Dialogue(
            character: src.string(cue.name),
            extensions: cue.extensions.map(src.string),
            forced: forced,
            dual: cue.dual,
            parts: parts)
        emit(.dialogue(dialogue), i)
        return j
    }

    /// A paragraph that is only `[[ … ]]` (possibly over several lines, two-space lines
    /// allowed inside) followed by a boundary; nil when line `i` does not start one.
    mutating func note(at i: Int, _ t: ByteSpan) -> Int? {
        guard t.count >= 2, src[t.start + 1] == 0x5B else { return nil }
        var pieces: [ByteSpan] = []
        var j = i
        var lt = ByteSpan(t.start + 2, t.end)
        while true {
            if let close = src.find(0x5D, 0x5D, in: lt) {
                guard close + 2 == lt.end else { return nil }
                pieces.append(src.trimmed(ByteSpan(lt.start, close)))
                break
            }
            pieces.append(src.trimmed(lt))
            j += 1
            guard j < lines.count, !lines[j].isBoneyard else { return nil }
            lt = src.trimmed(lines[j].span)
            if lt.isEmpty && !src.isSoftBlank(lines[j].span) { return nil }
        }
        guard isBoundary(j + 1) else { return nil }
        while pieces.first?.isEmpty == true { pieces.removeFirst() }
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        scratch.removeAll(keepingCapacity: true)
        for (k, piece) in pieces.enumerated() {
            if k > 0 { scratch.append(0x0A) }
            append(piece)
        }
        emit(.note(String(decoding: scratch, as: UTF8.self)), i)
        return j + 1
    }

    private mutating func append(_ span: ByteSpan) {
        guard !span.isEmpty else { return }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: src.bytes[span.start..<span.end]))
    }
}
