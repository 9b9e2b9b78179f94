import ReelModel

/// Small text helpers for short-drama scripts: trimming, Chinese numerals, name lists,
/// speaker names and inline asides.
enum ShortDramaText {
    /// Without leading and trailing whitespace (full-width spaces included).
    static func trim(_ s: Substring) -> Substring {
        guard let start = s.firstIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        let end = s.lastIndex(where: { !$0.isWhitespace })!
        return s[start...end]
    }

    /// `12`, `十二`, `壹`, `二十三` as a number.
    static func integer(_ s: Substring) -> Int? {
        let s = trim(s)
        guard !s.isEmpty else { return nil }
        if let n = Int(s) { return n }
        let digits: [Character: Int] = [
            "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
            "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
        ]
        var total = 0
        var current = 0
        for c in s {
            if let d = digits[c] {
                current = d
            } else if c == "十" || c == "拾" {
                total += max(current, 1) * 10
                current = 0
            } else if c == "百" || c == "佰" {
                total += max(current, 1) * 100
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }

    /// `李少安、债主甲，小雨（女，24岁）` → each entry, parenthesised notes kept.
    static func names(in s: Substring, splitOnSpaces: Bool = true) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" { depth = max(0, depth - 1) }
            if depth == 0, "、，,;；/".contains(c) || (splitOnSpaces && c.isWhitespace) {
                if !current.isEmpty { names.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { names.append(current) }
        return names
    }

    /// Words that end a phrase like `他说` or `屏幕上写着`: a colon after them introduces a
    /// quotation in action, not a speech.
    static let sayingEndings = ["说", "道", "问", "喊", "叫", "答", "写着", "写道", "显示", "提示"]

    /// True for a speaker's name: 1–10 letters or digits (at least one letter), name dots
    /// and, between Latin words, spaces; not a phrase such as `他说`.
    static func isName(_ s: Substring) -> Bool {
        guard (1...10).contains(s.count), s.contains(where: \.isLetter), s.first?.isWhitespace == false else { return false }
        guard s.allSatisfy({ $0.isLetter || $0.isNumber || "·•・ ".contains($0) }) else { return false }
        if s.contains(" "), s.contains(where: \.isCJK) { return false }
        return !sayingEndings.contains { s.hasSuffix($0) }
    }

    /// `（小声）啰嗦。（叹气）` → the asides and the words between them, in order. Quotation
    /// marks around the words are dropped.
    static func speechParts(_ s: Substring) -> [(aside: Bool, text: String)] {
        var parts: [(aside: Bool, text: String)] = []
        var rest = trim(s)
        while !rest.isEmpty {
            if let open = rest.firstIndex(where: { $0 == "(" || $0 == "（" }),
               let close = rest[open...].firstIndex(where: { $0 == ")" || $0 == "）" }) {
                appendWords(rest[..<open], to: &parts)
                let aside = trim(rest[rest.index(after: open)..<close])
                if !aside.isEmpty { parts.append((true, String(aside))) }
                rest = rest[rest.index(after: close)...]
            } else {
                appendWords(rest, to: &parts)
                rest = rest[rest.endIndex...]
            }
        }
        return parts
    }

    private static func appendWords(_ s: Substring, to parts: inout [(aside: Bool, text: String)]) {
        var words = trim(s)
        let quotes: [(Character, Character)] = [("“", "”"), ("「", "」"), ("\"", "\""), ("『", "』")]
        for (open, close) in quotes where words.count >= 2 && words.first == open && words.last == close {
            words = trim(words.dropFirst().dropLast())
        }
        if !words.isEmpty { parts.append((false, String(words))) }
    }
}
