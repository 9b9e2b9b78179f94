import Foundation
import ReelModel

extension SubtitleLayout {
    /// What a line can break between: a Latin word, or one CJK character, with the
    /// punctuation that must stay with it (closing marks after, opening marks before).
    struct Piece: Hashable, Sendable {
        var text: String
        /// A space separates it from the piece before.
        var spaceBefore: Bool
    }

    /// Widths of runs of pieces, from prefix sums.
    struct Metrics {
        private var widths: [Int] = [0]
        private var cjks: [Int] = [0]
        private let spaced: [Bool]

        init(_ pieces: [Piece]) {
            spaced = pieces.map(\.spaceBefore)
            for p in pieces {
                widths.append(widths.last! + SubtitleLayout.width(p.text) + (p.spaceBefore ? 1 : 0))
                cjks.append(cjks.last! + p.text.filter(\.isCJK).count)
            }
        }

        /// Display width of pieces `r` on one line.
        func width(_ r: Range<Int>) -> Int {
            widths[r.upperBound] - widths[r.lowerBound] - (spaced[r.lowerBound] ? 1 : 0)
        }

        func cjk(_ r: Range<Int>) -> Int { cjks[r.upperBound] - cjks[r.lowerBound] }
    }

    /// Splits pieces into the fewest parts (at most `maxParts`) that each satisfy `fits`,
    /// the breaks chosen for even parts and good break points (`weight` trades one for
    /// the other). No part is a lone word (or fewer than three CJK characters) unless
    /// nothing else fits. Empty when no split fits.
    func partition(_ pieces: [Piece], maxParts: Int, weight: Double, fits: (Range<Int>) -> Bool) -> [Range<Int>] {
        let n = pieces.count
        guard n > 0 else { return [] }
        let metrics = Metrics(pieces)
        var known: [Int: Bool] = [:]
        func ok(_ i: Int, _ j: Int) -> Bool {
            if let v = known[i * (n + 1) + j] { return v }
            let v = fits(i..<j)
            known[i * (n + 1) + j] = v
            return v
        }
        let total = Double(metrics.width(0..<n))
        for allowOrphans in [false, true] {
            for k in 1...max(1, min(maxParts, n)) {
                let ideal = total / Double(k)
                // cost[p][j]: best p parts covering pieces 0..<j; from[p][j]: where the last starts.
                var cost = Array(repeating: Array(repeating: Double.infinity, count: n + 1), count: k + 1)
                var from = Array(repeating: Array(repeating: 0, count: n + 1), count: k + 1)
                cost[0][0] = 0
                for p in 1...k {
                    for j in p...n {
                        for i in (p - 1)..<j where cost[p - 1][i].isFinite {
                            if !allowOrphans, k > 1, isOrphan(pieces, metrics, i..<j) { continue }
                            guard ok(i, j) else { continue }
                            var c = cost[p - 1][i] + abs(Double(metrics.width(i..<j)) - ideal)
                            if j < n { c += weight * Double(SubtitleLayout.breakPenalty(after: pieces[j - 1], before: pieces[j])) }
                            if c < cost[p][j] { cost[p][j] = c; from[p][j] = i }
                        }
                    }
                }
                guard cost[k][n].isFinite else { continue }
                var parts: [Range<Int>] = []
                var j = n
                for p in stride(from: k, through: 1, by: -1) {
                    let i = from[p][j]
                    parts.insert(i..<j, at: 0)
                    j = i
                }
                return parts
            }
        }
        return []
    }

    /// A part that is one word alone, or only one or two CJK characters.
    func isOrphan(_ pieces: [Piece], _ metrics: Metrics, _ r: Range<Int>) -> Bool {
        if r.count == 1 { return true }
        let cjkOnly = metrics.cjk(r) > 0 && pieces[r].allSatisfy { $0.text.allSatisfy { $0.isCJK || SubtitleLayout.isPunctuation($0) } }
        return cjkOnly && metrics.cjk(r) - pieces[r].reduce(0) { $0 + $1.text.filter(SubtitleLayout.isPunctuation).count } < 3
    }

    /// How bad a break between two pieces is: 0 after a sentence, 1 after a clause mark,
    /// 3 between words, 4 inside a run of CJK characters.
    static func breakPenalty(after a: Piece, before b: Piece) -> Int {
        let last = a.text.last { !closingQuotes.contains($0) }
        if let last, ".?!。？！…".contains(last) { return 0 }
        if let last, ",;:，、；：—".contains(last) { return 1 }
        return b.spaceBefore ? 3 : 4
    }

    /// Words, single CJK characters, and the punctuation that must not be parted from them.
    static func pieces(_ text: String) -> [Piece] {
        var raw: [Piece] = []
        var word = ""
        var space = false
        func flush() {
            if !word.isEmpty { raw.append(Piece(text: word, spaceBefore: space)); word = ""; space = false }
        }
        for ch in text {
            if ch.isWhitespace {
                flush()
                space = !raw.isEmpty
            } else if ch.isCJK {
                flush()
                raw.append(Piece(text: String(ch), spaceBefore: space))
                space = false
            } else {
                word.append(ch)
            }
        }
        flush()
        var out: [Piece] = []
        var opening = ""
        var openingSpace = false
        for piece in raw {
            if piece.text.allSatisfy(closingMarks.contains), !out.isEmpty {
                out[out.count - 1].text += (piece.spaceBefore ? " " : "") + piece.text
            } else if piece.text.allSatisfy(openingMarks.contains) {
                if opening.isEmpty { openingSpace = piece.spaceBefore }
                opening += piece.text
            } else {
                out.append(Piece(text: opening + piece.text, spaceBefore: opening.isEmpty ? piece.spaceBefore : openingSpace))
                opening = ""
            }
        }
        if !opening.isEmpty { out.append(Piece(text: opening, spaceBefore: openingSpace)) }
        return out
    }

    /// Pieces back into text.
    static func join(_ pieces: ArraySlice<Piece>) -> String {
        var out = ""
        for (i, p) in pieces.enumerated() { out += (i > 0 && p.spaceBefore ? " " : "") + p.text }
        return out
    }

    /// Display width: CJK characters are twice as wide as Latin ones.
    static func width(_ s: String) -> Int { s.reduce(0) { $0 + ($1.isCJK ? 2 : 1) } }

    static let closingQuotes: Set<Character> = ["”", "’", "\"", "'", "）", ")", "》", "」", "』", "]"]
    /// Marks that must not start a line.
    static let closingMarks: Set<Character> = closingQuotes.union(
        ["，", "。", "！", "？", "、", "；", "：", "…", ",", ".", "!", "?", ";", ":", "%", "·", "—"])
    /// Marks that must not end a line.
    static let openingMarks: Set<Character> = ["“", "‘", "（", "(", "《", "「", "『", "["]

    static func isPunctuation(_ c: Character) -> Bool {
        closingMarks.contains(c) || openingMarks.contains(c) || c.isPunctuation
    }

    /// Chinese punctuation that must not start a line.
    static func isClosingPunctuation(_ token: String) -> Bool { token.allSatisfy(closingMarks.contains) }
}
