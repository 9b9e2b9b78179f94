import Foundation
import ReelModel

extension PlanBuilder {
    /// One shot per action paragraph; a long paragraph of several sentences becomes one
    /// shot per pair of sentences.
    mutating func addActionShots(_ text: String, line: Int, notes: [String]) {
        let chunks = PlanBuilder.chunks(text)
        for (i, chunk) in chunks.enumerated() {
            addActionShot(chunk, line: line, notes: i == 0 ? notes : [])
        }
    }

    mutating func addActionShot(_ text: String, line: Int, notes: [String]) {
        guard let scene else { return }
        let language = Language.detect(text)
        let words = WordText(text)
        let mentioned = resolveSubjects(in: words)
        for id in mentioned.reversed() {
            present.removeAll { $0 == id }
            present.insert(id, at: 0)
        }
        let travels = Lexicon.containsAny(Lexicon.travel, in: words)
        let purpose: ShotPurpose
        let size: ShotSize
        switch mentioned.count {
        case 0:
            let detail = Lexicon.containsAny(Lexicon.details, in: words)
            purpose = detail ? .insert : .action
            size = detail ? .closeUp : .wide
        case 1:
            purpose = .action
            size = travels ? .full : .medium
        case 2:
            purpose = .action
            size = travels ? .wide : .medium
        default:
            purpose = .action
            size = .wide
        }
        let move = PlanBuilder.move(for: words, travels: travels, seed: scene.location + text)
        let seconds = min(7, max(2.2, Double(language.units(in: text)) / language.readingRate + 0.8))
        let id = nextID()
        append(Shot(id: id, scene: scene.id, purpose: purpose, duration: frames(seconds), size: size, move: move,
                    subjects: Array(mentioned.prefix(3)), action: text, notes: notes, line: line))
        props.note(words, shot: shots.count - 1, line: line)
        exchange = 0
    }

    /// Characters named in the text, then those its pronouns point back to: "she" is the
    /// woman last on screen, "they" everyone on screen.
    func resolveSubjects(in text: WordText) -> [SubjectID] {
        var ids = cast.mentioned(in: text).map(\.subject.id)
        func gender(_ id: SubjectID) -> Voice.Gender? {
            cast.members.first { $0.subject.id == id }?.subject.voice?.gender
        }
        let pronouns: [(words: [WordText.Entry], wanted: Voice.Gender?)] = [
            (Lexicon.female, .female), (Lexicon.male, .male), (Lexicon.plural, nil),
        ]
        for (words, wanted) in pronouns where Lexicon.containsAny(words, in: text) {
            let candidates = present.filter { id in !ids.contains(id) && (wanted == nil || gender(id) == wanted) }
            if wanted == nil {
                ids += candidates
            } else if let first = candidates.first, !ids.contains(where: { gender($0) == wanted }) {
                ids.append(first)
            }
        }
        return ids
    }

    /// The camera move an action asks for, strongest cue first.
    static func move(for text: WordText, travels: Bool, seed: String) -> CameraMove {
        if Lexicon.containsAny(Lexicon.rise, in: text) { return .tiltUp }
        if Lexicon.containsAny(Lexicon.fall, in: text) { return .tiltDown }
        if Lexicon.containsAny(Lexicon.intensify, in: text) { return .pushIn }
        if Lexicon.containsAny(Lexicon.withdraw, in: text) { return .pullOut }
        if travels {
            if text.contains("left") || text.contains("左") { return .panLeft }
            if text.contains("right") || text.contains("右") { return .panRight }
            return Hashing32.of(seed) % 2 == 0 ? .panRight : .panLeft
        }
        return .static
    }

    /// Sentences grouped two to a shot when a paragraph runs long.
    static func chunks(_ text: String) -> [String] {
        let language = Language.detect(text)
        let longUnits = language == .chinese ? 60 : 32
        guard language.units(in: text) > longUnits else { return [text] }
        var sentences: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ".!?。！？".contains(ch) {
                let s = current.trimmingCharacters(in: .whitespaces)
                if !s.isEmpty { sentences.append(s) }
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty {
            if rest.count < 4, !sentences.isEmpty { sentences[sentences.count - 1] += rest } else { sentences.append(rest) }
        }
        guard sentences.count > 2 else { return [text] }
        return stride(from: 0, to: sentences.count, by: 2).map {
            ScriptText.joinLines(Array(sentences[$0..<min(sentences.count, $0 + 2)]))
        }
    }
}
