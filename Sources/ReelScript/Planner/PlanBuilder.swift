import Foundation
import ReelModel

/// Accumulates scenes and shots as the planner walks the script.
struct PlanBuilder {
    let cast: Cast
    let format: VideoFormat
    var scenes: [StoryScene] = []
    var shots: [Shot] = []
    var locations: [Subject] = []
    /// The ids in `locations`, so a script with thousands of places is not scanned per scene.
    var locationIDs: Set<SubjectID> = []
    /// The known props each shot's paragraph names (``Props``).
    var props = Props.Mentions()

    // State within the current scene.
    var scene: StoryScene?
    var shotIndex = 0
    /// Characters on screen, most recently seen first.
    var present: [SubjectID] = []
    var lastSpeaker: SubjectID?
    /// Dialogue shots since the last action shot.
    var exchange = 0
    var previousLocation: String?
    var pendingTransitionIn: ShotTransition = .cut
    var pendingNotes: [String] = []

    init(cast: Cast, format: VideoFormat) {
        self.cast = cast
        self.format = format
    }

    /// The props named in two paragraphs or more, put in frame in the shots that name them;
    /// call once, when every scene is added.
    mutating func placeProps() -> [Subject] {
        let taken = Set(cast.members.flatMap { $0.aliases.map { $0.lowercased() } } + locations.map { $0.name.lowercased() })
        return props.place(in: &shots, taken: taken)
    }

    mutating func addScene(_ block: SceneBlock, ordinal: Int) {
        guard block.heading != nil || block.hasContent else {
            // Only transitions and notes before the first heading: carry them to its first shot.
            for i in block.elements.indices { handle(block.elements[i], plain: block.plain[i]) }
            return
        }
        let heading = block.heading ?? SceneHeading(text: "", sceneNumber: nil)
        let parts = heading.parts
        let id = SceneID(heading.sceneNumber ?? String(max(ordinal, 0)))
        let locationKey = parts.location.lowercased()
        var locationID: SubjectID?
        if !parts.location.isEmpty {
            let subjectID = Subject.makeID(kind: .location, name: parts.location)
            if locationIDs.insert(subjectID).inserted {
                locations.append(Subject(id: subjectID, kind: .location, name: parts.location))
            }
            locationID = subjectID
        }
        let current = StoryScene(id: id, heading: heading.text, setting: parts.setting, location: parts.location,
                                 locationID: locationID, timeOfDay: parts.timeOfDay, qualifiers: parts.qualifiers,
                                 mood: PlanBuilder.mood(of: block.text, at: parts.timeOfDay), line: block.line)
        scenes.append(current)
        scene = current
        shotIndex = 0
        present = []
        lastSpeaker = nil
        exchange = 0

        var indices = block.elements.indices[...]
        let newPlace = previousLocation != locationKey || shots.isEmpty
        previousLocation = locationKey
        if newPlace {
            // A first paragraph with nobody in it is the establishing shot itself.
            if let first = indices.first(where: { PlanBuilder.isShootable(block.elements[$0], plain: block.plain[$0]) }),
               case .action = block.elements[first].content, let words = block.plain[first],
               cast.mentioned(in: WordText(words)).isEmpty {
                indices = indices[(first + 1)...]
                for i in block.elements.indices[..<first] { handle(block.elements[i], plain: block.plain[i]) }
                addEstablishing(text: words, line: block.elements[first].line)
            } else {
                addEstablishing(text: nil, line: block.line)
            }
        }
        var previousDialogue: Dialogue?
        for i in indices {
            let element = block.elements[i]
            if case .dialogue(let d) = element.content, d.dual, let partner = previousDialogue, !shots.isEmpty {
                // The second half of dual dialogue joins the shot of the first half.
                mergeDual(d, with: partner)
                previousDialogue = nil
                continue
            }
            handle(element, plain: block.plain[i])
            if case .dialogue(let d) = element.content { previousDialogue = d } else { previousDialogue = nil }
        }
        if shotIndex == 0 { addEstablishing(text: nil, line: block.line) }
    }

    /// - Parameter plain: the action's or the speech's words, read once by ``SceneBlock``.
    mutating func handle(_ element: ScriptElement, plain: String?) {
        switch element.content {
        case .action(let a):
            let text = plain ?? ScriptText.plain(a.text)
            if PlanBuilder.isTransitionWords(text) {
                applyTransition(text)
            } else if !text.isEmpty {
                addActionShots(text, line: element.line, notes: PlanBuilder.notes(in: a.text))
            }
        case .dialogue(let d):
            addDialogueShot(d, spoken: plain ?? d.spokenText, line: element.line)
        case .transition(let t):
            applyTransition(t.text)
        case .centered(let lines):
            let text = ScriptText.plain(lines.joined(separator: " "))
            if PlanBuilder.isTransitionWords(text) { applyTransition(text) } else if !text.isEmpty { addCard(text, line: element.line) }
        case .note(let n):
            if shots.isEmpty || shotIndex == 0 { pendingNotes.append(n) } else { shots[shots.count - 1].notes.append(n) }
        case .sceneHeading, .lyrics, .section, .synopsis, .pageBreak, .boneyard:
            break
        }
    }

    // MARK: - Making shots

    mutating func append(_ shot: Shot) {
        var s = shot
        s.transitionIn = pendingTransitionIn
        s.notes = pendingNotes + s.notes
        pendingTransitionIn = .cut
        pendingNotes = []
        shots.append(s)
    }

    mutating func nextID() -> ShotID {
        shotIndex += 1
        let sceneLabel = scene?.id.shotLabel ?? "00"
        return ShotID("S\(sceneLabel)-\(shotIndex < 10 ? "0" : "")\(shotIndex)")
    }

    func frames(_ seconds: Double) -> RationalTime {
        format.frameRate.time(frames: format.frameRate.frames(seconds: seconds, minimum: 1))
    }

    mutating func addEstablishing(text: String?, line: Int) {
        guard let scene else { return }
        let exterior = scene.setting != .interior
        let words = text.map { Language.detect($0).units(in: $0) } ?? 0
        let language = text.map(Language.detect) ?? .english
        let seconds = min(6, max(2.5, Double(words) / language.readingRate + 1))
        let move: CameraMove = exterior ? (Hashing32.of(scene.location) % 2 == 0 ? .panRight : .panLeft) : .static
        let id = nextID()
        append(Shot(id: id, scene: scene.id, purpose: .establishing, duration: frames(seconds),
                    size: exterior ? .extremeWide : .wide, move: move, subjects: [],
                    action: text ?? scene.heading, line: line))
        if let text { props.note(WordText(text), shot: shots.count - 1, line: line) }
    }

    mutating func addCard(_ text: String, line: Int) {
        guard let scene else { return }
        let id = nextID()
        append(Shot(id: id, scene: scene.id, purpose: .insert, duration: frames(2.5), size: .wide, action: text, line: line))
    }

    func speechSeconds(_ text: String, language: Language) -> Double {
        let units = Double(language.units(in: text))
        var stops = 0
        var commas = 0
        for s in text.unicodeScalars {
            switch s {
            case ".", "!", "?", "。", "！", "？", "…": stops += 1
            case ",", ";", ":", "，", "；", "：", "、", "—": commas += 1
            default: break
            }
        }
        return max(0.6, units / language.speakingRate + 0.25 * Double(max(0, stops - 1)) + 0.12 * Double(commas))
    }

    static let leadIn = 0.35
    static let tail = 0.5

    mutating func applyTransition(_ text: String) {
        let t = text.uppercased()
        if t.contains("FADE IN") || t.contains("淡入") {
            pendingTransitionIn = .fadeIn
        } else if !shots.isEmpty, t.contains("FADE OUT") || t.contains("FADE TO BLACK") || t.contains("淡出") {
            shots[shots.count - 1].transitionOut = .fadeOut
        } else if !shots.isEmpty, t.contains("DISSOLVE") || t.contains("叠化") {
            shots[shots.count - 1].transitionOut = .dissolve
        }
    }

    static func isShootable(_ element: ScriptElement, plain: String?) -> Bool {
        switch element.content {
        case .action(let a):
            let words = plain ?? ScriptText.plain(a.text)
            return !isTransitionWords(words) && !words.isEmpty
        case .dialogue, .centered: return true
        default: return false
        }
    }

    private static let transitionTrim = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

    static func isTransitionWords(_ text: String) -> Bool {
        // Only a short text can be one of these: look at its ends, not the whole of it.
        let scalars = text.unicodeScalars
        let isTrim = { (s: Unicode.Scalar) in transitionTrim.contains(s) }
        guard let first = scalars.firstIndex(where: { !isTrim($0) }),
              let last = scalars[first...].lastIndex(where: { !isTrim($0) }),
              text.utf8.distance(from: first, to: last) < 16 else { return false }
        let t = String(scalars[first...last]).uppercased()
        return ["FADE IN", "FADE OUT", "FADE TO BLACK", "CUT TO", "DISSOLVE TO", "SMASH CUT TO", "淡入", "淡出", "叠化"]
            .contains(t)
    }

    /// Inline `[[notes]]` of a paragraph.
    static func notes(in raw: String) -> [String] {
        guard raw.utf8.contains(0x5B) else { return [] }
        var notes: [String] = []
        var rest = raw[...]
        while let open = rest.range(of: "[["), let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex) {
            notes.append(String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines))
            rest = rest[close.upperBound...]
        }
        return notes
    }

    static func mood(of text: String, at time: TimeOfDay) -> Mood {
        var best: (Mood, Int) = (.calm, 0)
        let words = WordText(text)
        for (mood, entries) in Lexicon.moods {
            let score = Lexicon.occurrences(entries, in: words)
            if score > best.1 { best = (mood, score) }
        }
        if best.1 > 0 { return best.0 }
        return time == .night ? .mysterious : .calm
    }
}

/// A tiny stable string hash (FNV-1a) for choices that must not change between runs.
enum Hashing32 {
    static func of(_ s: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        return h
    }
}
