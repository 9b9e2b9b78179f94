import Foundation
import ReelModel

/// The characters of a screenplay: who speaks, in what order they appear, how to find
/// them in action lines, and a voice for each that no other character shares.
struct Cast {
    struct Member {
        var subject: Subject
        /// Names the action text may use: `MAYA CHEN`, `Maya`, `林晓`.
        var aliases: [String] { didSet { entries = WordText.Entry.list(aliases) } }
        /// The aliases, read once for ``WordText`` look-ups.
        private(set) var entries: [WordText.Entry]
        var colorIndex: Int

        init(subject: Subject, aliases: [String], colorIndex: Int) {
            self.subject = subject
            self.aliases = aliases
            self.entries = WordText.Entry.list(aliases)
            self.colorIndex = colorIndex
        }
    }

    private(set) var members: [Member] = []
    private var byKey: [String: Int] = [:]

    /// - Parameter plainActions: the action paragraphs' plain words, when the caller has
    ///   them already (``SceneBlock``); else they are read here.
    init(screenplay: Screenplay, plainActions: [String]? = nil) {
        var names: [String] = []
        var seen: Set<String> = []
        for element in screenplay.elements {
            guard case .dialogue(let d) = element.content else { continue }
            let name = Cast.canonicalName(d.character)
            guard !name.isEmpty, seen.insert(Cast.key(name)).inserted else { continue }
            names.append(name)
        }
        // Then the characters a cast line lists (`人物：小雨（女，24岁）`) who never speak; the
        // entries read like introductions in action, so they tell the voices too.
        let listed = screenplay.listedCast
        for entry in listed {
            let name = Cast.canonicalName(entry)
            guard !name.isEmpty, seen.insert(Cast.key(name)).inserted else { continue }
            names.append(name)
        }
        let actionText = listed + (plainActions ?? screenplay.elements.compactMap { element -> String? in
            if case .action(let a) = element.content { return ScriptText.plain(a.text) }
            return nil
        })
        let genders = Cast.guessGenders(names: names, in: actionText)
        var genderCounts: [Voice.Gender: Int] = [:]
        for (name, guessed) in zip(names, genders) {
            var gender = guessed
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
    func mentioned(in text: WordText) -> [Member] {
        var found: [(Int, Member)] = []
        for member in members {
            let first = member.entries.compactMap { text.firstMatch($0) }.min()
            if let first { found.append((first, member)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private static let nameTrim = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "^@　"))

    /// `MAYA (CONT'D)` → `MAYA`; full-width spaces trimmed.
    static func canonicalName(_ raw: String) -> String {
        var name = raw[...]
        if let paren = name.firstIndex(where: { $0 == "(" || $0 == "（" }) { name = name[..<paren] }
        // Most names have nothing to trim: skip Foundation's trimming for them.
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
              nameTrim.contains(first) || nameTrim.contains(last) else { return String(name) }
        return name.trimmingCharacters(in: nameTrim)
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
}
