import Foundation
import ReelModel

/// A text prepared for whole-word look-ups, so the planner's word lists cost one pass over
/// the text plus a short scan per word, whatever the text's length.
///
/// The text is read once as UTF-8: its words (runs of letters and digits, with any marks
/// that combine with them) are recorded with ASCII letters lowercased, and sorted by first
/// byte, so a look-up reads only the words that start with the right letter. Matching:
/// - a Latin entry matches a whole word, case-insensitively; `laugh*` matches any word
///   starting with `laugh`; an entry of several words (`looks up`, `Dr. Kim`) matches those
///   words with exactly the same characters between them;
/// - a CJK entry (`抬头`) matches anywhere in the text.
struct WordText {
    /// The text's UTF-8 with ASCII letters lowercased.
    private let bytes: [UInt8]
    private let starts: [Int]
    private let ends: [Int]
    /// Word indices ordered by first byte (in text order within a byte) and where each
    /// byte's run begins: `byFirst[bucket[b]..<bucket[b + 1]]`.
    private let byFirst: [Int]
    private let bucket: [Int]
    private let hasNonASCII: Bool

    init(_ text: String) {
        var bytes = Array(text.utf8)
        var starts: [Int] = []
        var ends: [Int] = []
        var nonASCII = false
        var i = 0
        var start = -1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var length = 1
            var isWord: Bool
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { bytes[i] = b | 0x20 }
                isWord = (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
            } else {
                nonASCII = true
                let (scalar, len) = WordText.decode(bytes, at: i)
                length = len
                let p = scalar.properties
                if (0x3400...0x9FFF).contains(scalar.value) {
                    isWord = true // Han ideographs are letters
                } else if (0x3000...0x303F).contains(scalar.value) || (0xFF01...0xFF0F).contains(scalar.value) {
                    isWord = false // CJK and full-width punctuation
                } else if p.isGraphemeExtend || p.generalCategory == .spacingMark || scalar.value == 0x200D {
                    isWord = start >= 0 // a combining mark stays with what it combines with
                } else {
                    isWord = p.isAlphabetic || p.numericType != nil
                }
            }
            if isWord, start < 0 { start = i }
            if !isWord, start >= 0 {
                starts.append(start)
                ends.append(i)
                start = -1
            }
            i += length
        }
        if start >= 0 {
            starts.append(start)
            ends.append(n)
        }
        var bucket = [Int](repeating: 0, count: 257)
        for s in starts { bucket[Int(bytes[s]) + 1] += 1 }
        for k in 1...256 { bucket[k] += bucket[k - 1] }
        var fill = bucket
        var byFirst = [Int](repeating: 0, count: starts.count)
        for (w, s) in starts.enumerated() {
            byFirst[fill[Int(bytes[s])]] = w
            fill[Int(bytes[s])] += 1
        }
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        self.byFirst = byFirst
        self.bucket = bucket
        self.hasNonASCII = nonASCII
    }

    /// A word-list entry read once: `laugh*`, `looks up`, `抬头`.
    struct Entry: Sendable, ExpressibleByStringLiteral {
        fileprivate let cjk: [UInt8]?
        fileprivate let prefix: Bool
        fileprivate let bytes: [UInt8]
        fileprivate let starts: [Int]
        fileprivate let ends: [Int]

        init(_ entry: String) {
            prefix = entry.hasSuffix("*")
            if let lead = entry.unicodeScalars.first, Language.isCJK(lead) {
                cjk = Array(entry.utf8)
                (bytes, starts, ends) = ([], [], [])
                return
            }
            cjk = nil
            let stem = WordText(prefix ? String(entry.dropLast()) : entry)
            // An entry that does not start and end with a letter or digit matches nothing.
            let whole = !stem.starts.isEmpty && stem.starts[0] == 0 && stem.ends[stem.ends.count - 1] == stem.bytes.count
            (bytes, starts, ends) = whole ? (stem.bytes, stem.starts, stem.ends) : ([], [], [])
        }

        init(stringLiteral value: String) { self.init(value) }

        static func list(_ words: [String]) -> [Entry] { words.map { Entry($0) } }
    }

    func contains(_ entry: String) -> Bool { contains(Entry(entry)) }

    func contains(_ entry: Entry) -> Bool { matches(entry, limit: 1).count > 0 }

    func containsAny(_ entries: [Entry]) -> Bool { entries.contains { contains($0) } }

    /// How many times `entry` occurs (non-overlapping).
    func count(_ entry: Entry) -> Int { matches(entry, limit: .max).count }

    /// The byte offset of the first occurrence of `entry`, or nil.
    func firstMatch(_ entry: Entry) -> Int? { matches(entry, limit: 1).first?.lowerBound }

    /// The bytes of the first occurrence of `entry`, or nil.
    func firstRange(_ entry: Entry) -> Range<Int>? { matches(entry, limit: 1).first }

    /// How many non-overlapping occurrences (up to `limit`), and the first one's bytes.
    private func matches(_ stem: Entry, limit: Int) -> (count: Int, first: Range<Int>?) {
        if let cjk = stem.cjk { return substrings(cjk, limit: limit) }
        guard !stem.starts.isEmpty else { return (0, nil) }
        let prefix = stem.prefix
        let parts = stem.starts.count
        var found = 0
        var first: Range<Int>?
        var firstWord = Int.max
        var lastEnd = -1
        let head = Int(stem.bytes[0])
        for k in bucket[head]..<bucket[head + 1] {
            let w = byFirst[k]
            guard starts[w] >= lastEnd, w + parts <= starts.count else { continue }
            var ok = true
            for p in 0..<parts where ok {
                let exact = !(prefix && p == parts - 1)
                ok = equal(word: w + p, to: stem, part: p, exact: exact)
                if ok, p + 1 < parts {
                    ok = sameBytes(ends[w + p], starts[w + p + 1], stem.bytes, stem.ends[p], stem.starts[p + 1])
                }
            }
            guard ok else { continue }
            found += 1
            if w < firstWord {
                firstWord = w
                first = starts[w]..<ends[w + parts - 1]
            }
            lastEnd = ends[w + parts - 1]
            if found >= limit { break }
        }
        return (found, first)
    }

    private func equal(word w: Int, to stem: Entry, part p: Int, exact: Bool) -> Bool {
        let length = ends[w] - starts[w]
        let stemLength = stem.ends[p] - stem.starts[p]
        guard exact ? length == stemLength : length >= stemLength else { return false }
        return sameBytes(starts[w], starts[w] + stemLength, stem.bytes, stem.starts[p], stem.ends[p])
    }

    private func sameBytes(_ a: Int, _ aEnd: Int, _ other: [UInt8], _ b: Int, _ bEnd: Int) -> Bool {
        guard aEnd - a == bEnd - b else { return false }
        var i = a
        var j = b
        while i < aEnd {
            if bytes[i] != other[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// Non-overlapping occurrences of `needle` anywhere in the text.
    private func substrings(_ needle: [UInt8], limit: Int) -> (count: Int, first: Range<Int>?) {
        guard hasNonASCII, !needle.isEmpty, needle.count <= bytes.count else { return (0, nil) }
        var found = 0
        var first: Range<Int>?
        bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let base = hay.baseAddress!
                let last = hay.count - pin.count
                var from = 0
                while found < limit, from <= last, let hit = memchr(base + from, Int32(pin[0]), last - from + 1) {
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + at, pin.baseAddress!, pin.count) == 0 {
                        if first == nil { first = at..<(at + pin.count) }
                        found += 1
                        from = at + pin.count
                    } else {
                        from = at + 1
                    }
                }
            }
        }
        return (found, first)
    }

    private static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        let length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard i + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = b0 & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
