import Foundation
import ReelModel

/// The characters of a screenplay: who speaks, in what order they appear, how to find
/// them in action lines, and a voice for each that no other character shares.
struct Cast {
    struct Member {
        var subject: Subject
        /// Names the action text may use: `MAYA CHEN`, `Maya`, `林晓`.
        var aliases: [String]
        var colorIndex: Int
    }

    private(set) var members: [Member] = []
    private var byKey: [String: Int] = [:]

    init(screenplay: Screenplay) {
        let actionText = screenplay.elements.compactMap { element -> String? in
            if case .action(let a) = element.content { return ScriptText.plain(a.text) }
            return nil
        }
        var genderCounts: [Voice.Gender: Int] = [:]
        for element in screenplay.elements {
            guard case .dialogue(let d) = element.content else { continue }
            let name = Cast.canonicalName(d.character)
            guard !name.isEmpty, byKey[Cast.key(name)] == nil else { continue }
            var gender = Cast.guessGender(name: name, in: actionText, dialogue: d)
            if gender == .unknown { gender = members.count % 2 == 0 ? .female : .male }
            let variant = genderCounts[gender, default: 0]
            genderCounts[gender] = variant + 1
            let voice = Voice(gender: gender, variant: variant, pitch: (variant % 3) - 1, pace: 0)
            let subject = Subject(id: Subject.makeID(kind: .character, name: name), kind: .character, name: name, voice: voice)
            byKey[Cast.key(name)] = members.count
            members.append(Member(subject: subject, aliases: Cast.aliases(for: name), colorIndex: members.count))
        }
    }

    func member(named name: String) -> Member? {
        byKey[Cast.key(Cast.canonicalName(name))].map { members[$0] }
    }

    /// Characters named in `text`, in order of first mention.
    func mentioned(in text: String) -> [Member] {
        var found: [(String.Index, Member)] = []
        for member in members {
            var first: String.Index?
            for alias in member.aliases {
                if let r = Cast.find(alias, in: text), first.map({ r.lowerBound < $0 }) ?? true { first = r.lowerBound }
            }
            if let first { found.append((first, member)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `MAYA (CONT'D)` → `MAYA`; full-width spaces trimmed.
    static func canonicalName(_ raw: String) -> String {
        var name = raw
        if let paren = name.firstIndex(where: { $0 == "(" || $0 == "（" }) { name = String(name[..<paren]) }
        return name.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "^@　")))
    }

    static func key(_ name: String) -> String { name.lowercased() }

    /// The full name, and for Latin names each word of three letters or more (`Maya` for
    /// `MAYA CHEN`), except titles.
    static func aliases(for name: String) -> [String] {
        var result = [name]
        if !(name.first?.isCJK ?? false) {
            let titles: Set<String> = ["mr", "mrs", "ms", "dr", "the", "old", "young", "officer", "detective", "captain"]
            for word in name.split(separator: " ") where word.count >= 3 {
                let w = String(word).trimmingCharacters(in: .punctuationCharacters)
                if !titles.contains(w.lowercased()) { result.append(w) }
            }
        }
        return result
    }

    static func find(_ alias: String, in text: String) -> Range<String.Index>? {
        if alias.first?.isCJK ?? false { return text.range(of: alias) }
        var searchRange = text.startIndex..<text.endIndex
        while let r = text.range(of: alias, options: .caseInsensitive, range: searchRange) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return r }
            searchRange = r.upperBound..<text.endIndex
        }
        return nil
    }

    /// Guesses a character's gender from how the action lines speak of them:
    /// - an introduction that says so: `陈默（男，28岁）`, `MAYA (30s, woman)`;
    /// - a title: Mr., Mrs., Ms., Miss;
    /// - a sentence that starts with the name followed by one that starts with He or She
    ///   (他/她);
    /// - in a sentence that starts with the name, `his`, `himself`, `herself`, or `her`
    ///   before a thing one has (`her hands`, `her coat`) — never `her` as an object,
    ///   which is someone else.
    static func guessGender(name: String, in actions: [String], dialogue: Dialogue) -> Voice.Gender {
        var female = 0
        var male = 0
        let names = aliases(for: name)
        let upper = name.uppercased()
        if ["MRS", "MS", "MISS", "MADAM", "AUNT", "GRANDMA", "MOTHER", "MOM", "LADY", "QUEEN", "SISTER"]
            .contains(where: { upper.hasPrefix($0) }) { female += 3 }
        if ["MR", "SIR", "UNCLE", "GRANDPA", "FATHER", "DAD", "KING", "BROTHER", "LORD"]
            .contains(where: { upper.hasPrefix($0) }) { male += 3 }
        let owned = #"\bher (own |left |right )?(hands?|face|eyes|hair|coat|jacket|bag|suitcase|phone|head|lips|cup|tea|letters?|shoulders?|arms?|voice|mother|father|brother|sister)\b"#
        for text in actions {
            // An introduction: the name then a parenthesis saying man or woman.
            for alias in names {
                guard let r = find(alias, in: text) else { continue }
                let after = text[r.upperBound...].prefix(24)
                if let open = after.firstIndex(where: { $0 == "(" || $0 == "（" }), after.distance(from: after.startIndex, to: open) <= 1 {
                    let note = after[open...].prefix { $0 != ")" && $0 != "）" }.lowercased()
                    if note.contains("女") || Lexicon.contains(note, "woman") || Lexicon.contains(note, "female") || Lexicon.contains(note, "girl") { female += 3 }
                    if note.contains("男") || Lexicon.contains(note, "man") || Lexicon.contains(note, "male") || Lexicon.contains(note, "boy") { male += 3 }
                }
            }
            let sentences = text.split(whereSeparator: { ".!?。！？".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            for (i, sentence) in sentences.enumerated() {
                guard names.contains(where: { startsWith(sentence, $0) }) else { continue }
                if Lexicon.contains(sentence, "his") || Lexicon.contains(sentence, "himself") { male += 1 }
                if Lexicon.contains(sentence, "herself")
                    || sentence.range(of: owned, options: [.regularExpression, .caseInsensitive]) != nil { female += 1 }
                if i + 1 < sentences.count {
                    let next = sentences[i + 1]
                    if startsWith(next, "she") || next.hasPrefix("她") { female += 2 }
                    if startsWith(next, "he") || next.hasPrefix("他") { male += 2 }
                }
            }
        }
        if female > male { return .female }
        if male > female { return .male }
        return .unknown
    }

    /// True when `sentence` starts with the word `word` (any case; CJK by prefix).
    static func startsWith(_ sentence: String, _ word: String) -> Bool {
        if word.first?.isCJK ?? false { return sentence.hasPrefix(word) }
        guard sentence.lowercased().hasPrefix(word.lowercased()) else { return false }
        let rest = sentence.dropFirst(word.count)
        return rest.first.map { !($0.isLetter || $0.isNumber) } ?? true
    }
}
