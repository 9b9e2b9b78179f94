import Foundation

/// One line of a Fountain document: its bytes without the line ending, and where it came from.
struct FountainLine {
    var span: ByteSpan
    /// 1-based line in the source file.
    var number: Int
    /// True for a standalone `/* … */` block; `span` is then its inner text, lines joined by LF.
    var isBoneyard: Bool = false
}

/// Splits a document into lines and takes the boneyard (`/* … */`) out of them.
///
/// Boneyard rules (Reel's reading of Fountain 1.1, where the boneyard is "ignored"):
/// - A block that stands alone — `/*` first on its line, `*/` last on its line, a blank line
///   (or the document's edge) before and after — becomes one `.boneyard` element holding
///   the text between the markers, so the writer can put it back.
/// - Any other boneyard is removed before parsing, like a comment: the text before `/*` and
///   after `*/` join into one line, and lines left empty by the removal disappear rather
///   than becoming blank lines (so a boneyard inside a speech does not end the speech).
/// - A `/*` with no `*/` anywhere after it is ordinary text.
enum FountainLines {
    /// Splits at CRLF, LF and lone CR. Also tells whether `/*` occurs anywhere.
    static func split(_ src: FountainSource, from start: Int) -> (lines: [FountainLine], hasBoneyard: Bool) {
        var lines: [FountainLine] = []
        let n = src.count
        guard start < n, let base = src.bytes.baseAddress else { return (lines, false) }
        lines.reserveCapacity(n / 16 + 1)
        let hasCR = memchr(base + start, 0x0D, n - start) != nil
        let hasBoneyard = firstOpening(src, from: start) != nil
        var lineStart = start
        var number = 1
        if !hasCR {
            while lineStart < n, let hit = memchr(base + lineStart, 0x0A, n - lineStart) {
                let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                lines.append(FountainLine(span: ByteSpan(lineStart, end), number: number))
                number += 1
                lineStart = end + 1
            }
        } else {
            var i = start
            while i < n {
                let b = src[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(FountainLine(span: ByteSpan(lineStart, i), number: number))
                    number += 1
                    i += (b == 0x0D && i + 1 < n && src[i + 1] == 0x0A) ? 2 : 1
                    lineStart = i
                } else {
                    i += 1
                }
            }
        }
        if lineStart < n {
            lines.append(FountainLine(span: ByteSpan(lineStart, n), number: number))
        }
        return (lines, hasBoneyard)
    }

    /// Rewrites the lines without boneyard. Afterwards the lines index the returned storage:
    /// a copy of the source followed by the lines the boneyard changed.
    static func strippingBoneyard(_ src: FountainSource, _ lines: inout [FountainLine]) -> [UInt8] {
        var storage = Array(src.bytes)
        var written = 0 // lines are compacted in place: never more out than in
        var closable = true
        let n = lines.count

        func isBlank(_ k: Int) -> Bool { src.trimmed(lines[k].span).isEmpty } // only for k > i
        func keep(_ line: FountainLine) {
            lines[written] = line
            written += 1
        }
        func append(_ bytes: some Collection<UInt8>, number: Int, isBoneyard: Bool = false) {
            let start = storage.count
            storage.append(contentsOf: bytes)
            keep(FountainLine(span: ByteSpan(start, storage.count), number: number, isBoneyard: isBoneyard))
        }
        func raw(_ s: ByteSpan) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: src.bytes[s.start..<s.end])
        }

        var opening = firstOpening(src, from: 0)
        // The source line before line `i`: its slot in `lines` may hold an output line by now.
        var previous = ByteSpan(0, 0)
        var i = 0
        while i < n {
            let line = lines[i]
            guard closable, let at = opening, at < line.span.end else {
                keep(line)
                previous = line.span
                i += 1
                continue
            }
            let blankBefore = i == 0 || src.trimmed(previous).isEmpty
            var cur = Array(raw(line.span))
            var from = 0
            var next = i + 1
            var removed = false
            var standalone = false
            while closable, let p = firstPair(0x2F, 0x2A, in: cur, from: from) {
                let isFirst = !removed && trimmedBounds(cur).start == p
                if let q = firstPair(0x2A, 0x2F, in: cur, from: p + 2) {
                    if isFirst, blankBefore, trimmedBounds(cur).end == q + 2, next == n || isBlank(next) {
                        append(cur[(p + 2)..<q], number: line.number, isBoneyard: true)
                        standalone = true
                        break
                    }
                    cur.removeSubrange(p..<(q + 2))
                } else {
                    var found: (line: Int, at: Int)?
                    for j in next..<n {
                        if let q = src.find(0x2A, 0x2F, in: lines[j].span) {
                            found = (j, q)
                            break
                        }
                    }
                    guard let (j, q) = found else {
                        closable = false
                        break
                    }
                    let last = lines[j].span
                    if isFirst, blankBefore, src.trimmingEnd(last).end == q + 2, j + 1 == n || isBlank(j + 1) {
                        var inner = Array(cur[(p + 2)...])
                        for k in next..<j {
                            inner.append(0x0A)
                            inner.append(contentsOf: raw(lines[k].span))
                        }
                        inner.append(0x0A)
                        inner.append(contentsOf: raw(ByteSpan(last.start, q)))
                        append(inner, number: line.number, isBoneyard: true)
                        next = j + 1
                        standalone = true
                        break
                    }
                    cur.removeSubrange(p...)
                    cur.append(contentsOf: raw(ByteSpan(q + 2, last.end)))
                    next = j + 1
                }
                from = max(0, p - 1) // the join may make a new `/*`
                removed = true
            }
            if !standalone {
                let bounds = trimmedBounds(cur)
                if !(removed && bounds.start >= bounds.end) {
                    append(cur, number: line.number)
                }
            }
            // lines[next - 1] is still the source line unless it is lines[i], overwritten above.
            previous = next == i + 1 ? line.span : lines[next - 1].span
            i = next
            opening = i < n ? firstOpening(src, from: lines[i].span.start) : nil
        }
        lines.removeLast(n - written)
        return storage
    }

    /// The offset of the first `/*` at or after `start` (memchr finds the slashes).
    static func firstOpening(_ src: FountainSource, from start: Int) -> Int? {
        let n = src.count
        guard let base = src.bytes.baseAddress else { return nil }
        var from = start
        while from < n - 1, let hit = memchr(base + from, 0x2F, n - 1 - from) {
            let slash = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if src[slash + 1] == 0x2A { return slash }
            from = slash + 1
        }
        return nil
    }

    private static func firstPair(_ a: UInt8, _ b: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 1 < bytes.count {
            if bytes[i] == a, bytes[i + 1] == b { return i }
            i += 1
        }
        return nil
    }

    private static func trimmedBounds(_ bytes: [UInt8]) -> ByteSpan {
        bytes.withUnsafeBufferPointer { buffer in
            FountainSource(bytes: buffer).trimmed(ByteSpan(0, buffer.count))
        }
    }
}
