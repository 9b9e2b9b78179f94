import Foundation
import ReelModel

extension Cast {
    /// Guesses each character's gender from how the action lines speak of them:
    /// - an introduction that says so: `陈默（男，28岁）`, `MAYA (30s, woman)`;
    /// - a title: Mr., Mrs., Ms., Miss;
    /// - a sentence that starts with the name followed by one that starts with He or She
    ///   (他/她);
    /// - in a sentence that starts with the name, `his`, `himself`, `herself`, or `her`
    ///   before a thing one has (`her hands`, `her coat`) — never `her` as an object,
    ///   which is someone else.
    ///
    /// One pass over the action lines for the whole cast: each paragraph's words and
    /// sentences are found once, then asked about every name.
    static func guessGenders(names: [String], in actions: [String]) -> [Voice.Gender] {
        var female = [Int](repeating: 0, count: names.count)
        var male = [Int](repeating: 0, count: names.count)
        let aliasLists = names.map(aliases(for:))
        let entryLists = aliasLists.map(WordText.Entry.list)
        let longest = aliasLists.joined().map(\.count).max() ?? 0
        for (k, name) in names.enumerated() {
            let upper = name.uppercased()
            if ["MRS", "MS", "MISS", "MADAM", "AUNT", "GRANDMA", "MOTHER", "MOM", "LADY", "QUEEN", "SISTER"]
                .contains(where: { upper.hasPrefix($0) }) { female[k] += 3 }
            if ["MR", "SIR", "UNCLE", "GRANDPA", "FATHER", "DAD", "KING", "BROTHER", "LORD"]
                .contains(where: { upper.hasPrefix($0) }) { male[k] += 3 }
        }
        // Each alias lowercased once, with whether it is CJK (matched by prefix).
        // (A CJK alias is compared as written, as it always was: `阿Q` is not lowercased.)
        let heads = aliasLists.map { $0.map { alias in
            let cjk = alias.first?.isCJK ?? false
            return (text: cjk ? alias : alias.lowercased(), cjk: cjk)
        } }
        for text in actions {
            let words = WordText(text)
            for k in aliasLists.indices {
                // An introduction: the name then a parenthesis saying man or woman.
                for alias in entryLists[k] {
                    guard let r = words.firstRange(alias) else { continue }
                    let after = Substring(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: r.upperBound)...]).prefix(24)
                    if let open = after.firstIndex(where: { $0 == "(" || $0 == "（" }), after.distance(from: after.startIndex, to: open) <= 1 {
                        let note = WordText(after[open...].prefix { $0 != ")" && $0 != "）" }.lowercased())
                        if note.containsAny(Self.womanWords) { female[k] += 3 }
                        if note.containsAny(Self.manWords) { male[k] += 3 }
                    }
                }
            }
            let sentences = Cast.sentences(of: text)
            let starts = sentences.map { $0.prefix(longest + 1).lowercased() }
            for (i, sentence) in sentences.enumerated() {
                for (k, aliases) in heads.enumerated() where aliases.contains(where: { startsWith(starts[i], $0.text, cjk: $0.cjk) }) {
                    let sentenceWords = WordText(String(sentence))
                    if sentenceWords.containsAny(Self.hisWords) { male[k] += 1 }
                    if sentenceWords.contains(Self.herself) || (UTF8Scan.contains(sentence, "her", ignoringASCIICase: true) && mentionsHerOwn(String(sentence))) {
                        female[k] += 1
                    }
                    if i + 1 < sentences.count {
                        if startsWith(starts[i + 1], "she", cjk: false) || starts[i + 1].hasPrefix("她") { female[k] += 2 }
                        if startsWith(starts[i + 1], "he", cjk: false) || starts[i + 1].hasPrefix("他") { male[k] += 2 }
                    }
                }
            }
        }
        return names.indices.map { k in female[k] > male[k] ? .female : male[k] > female[k] ? .male : .unknown }
    }

    /// Words of a man or a woman in an introduction's parenthesis (`（男，28岁）`, `(30s, woman)`).
    static let womanWords: [WordText.Entry] = ["女", "woman", "female", "girl"]
    static let manWords: [WordText.Entry] = ["男", "man", "male", "boy"]
    static let hisWords: [WordText.Entry] = ["his", "himself"]

    static let herself: WordText.Entry = "herself"

    /// True when `sentence` says "her" of something a person has (`her hands`, `her own
    /// coat`, `her left arm`), any case — never `her` as an object, which is someone else.
    static func mentionsHerOwn(_ sentence: String) -> Bool {
        let words = sentence.lowercased().split { !$0.isLetter }
        for i in words.indices where words[i] == "her" {
            var j = i + 1
            if j < words.endIndex, ["own", "left", "right"].contains(words[j]) { j += 1 }
            if j < words.endIndex, ownedThings.contains(String(words[j])) { return true }
        }
        return false
    }

    private static let ownedThings: Set<String> = [
        "hand", "hands", "face", "eyes", "hair", "coat", "jacket", "bag", "suitcase", "phone", "head", "lips", "cup", "tea",
        "letter", "letters", "shoulder", "shoulders", "arm", "arms", "voice", "mother", "father", "brother", "sister",
    ]

    /// The sentences of `text` (split at `.!?。！？`, empty pieces left out), trimmed.
    static func sentences(of text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var result: [Substring] = []
        var start = scalars.startIndex
        var i = start
        func close(_ end: String.UnicodeScalarView.Index) {
            guard start < end else { return }
            var s = start
            var e = end
            while s < e, scalars[s].properties.isWhitespace { s = scalars.index(after: s) }
            while e > s, scalars[scalars.index(before: e)].properties.isWhitespace { e = scalars.index(before: e) }
            result.append(Substring(scalars[s..<e]))
        }
        while i < scalars.endIndex {
            switch scalars[i] {
            case ".", "!", "?", "。", "！", "？":
                close(i)
                start = scalars.index(after: i)
            default:
                break
            }
            i = scalars.index(after: i)
        }
        close(scalars.endIndex)
        return result
    }

    /// True when `sentence` starts with the word `word` (any case; CJK by prefix).
    static func startsWith(_ sentence: String, _ word: String) -> Bool {
        startsWith(sentence.lowercased(), word.lowercased(), cjk: word.first?.isCJK ?? false)
    }

    /// ``startsWith(_:_:)`` for a sentence and a word already lowercased.
    static func startsWith(_ sentence: String, _ word: String, cjk: Bool) -> Bool {
        guard sentence.hasPrefix(word) else { return false }
        if cjk { return true }
        let rest = sentence.dropFirst(word.count)
        return rest.first.map { !($0.isLetter || $0.isNumber) } ?? true
    }
}
