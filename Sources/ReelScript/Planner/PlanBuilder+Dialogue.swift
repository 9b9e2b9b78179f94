import Foundation
import ReelModel

extension PlanBuilder {
    /// A shot on the speaker (or, for a voice-over, on whoever listens).
    /// - Parameter spoken: `d.spokenText`, read once by ``SceneBlock``.
    mutating func addDialogueShot(_ d: Dialogue, spoken text: String, line: Int) {
        guard let scene, let speaker = cast.member(named: d.character) else { return }
        guard !text.isEmpty else { return }
        let language = Language.detect(text)
        let speakerID = speaker.subject.id
        let offScreen = d.isOffScreen
        if !offScreen {
            present.removeAll { $0 == speakerID }
            present.insert(speakerID, at: 0)
        }
        let others = present.filter { $0 != speakerID }
        let listener = lastSpeaker.flatMap { $0 != speakerID && others.contains($0) ? $0 : nil } ?? others.first
        let parenthetical = d.parentheticals.first
        let forceful = Lexicon.containsAny(Lexicon.emphatic, in: d.parentheticals.joined(separator: " "))
            || text.hasSuffix("!") || text.hasSuffix("！") || UTF8Scan.contains(text, "!!") || UTF8Scan.contains(text, "！！")
        let units = language.units(in: text)
        let long = units > (language == .chinese ? 40 : 22)

        var purpose = ShotPurpose.dialogue
        var subjects: [SubjectID]
        var size: ShotSize
        var angle = CameraAngle.eyeLevel
        var move = CameraMove.static
        if offScreen {
            purpose = .reaction
            subjects = others.first.map { [$0] } ?? []
            size = subjects.isEmpty ? .wide : .medium
            move = .pushIn
        } else if let listener, exchange == 0 {
            // Open the exchange on both of them.
            subjects = [speakerID, listener]
            size = .medium
        } else if let listener {
            subjects = [speakerID, listener]
            angle = .overShoulder
            size = exchange >= 4 ? .closeUp : .mediumCloseUp
        } else {
            subjects = [speakerID]
            size = exchange == 0 ? .medium : .mediumCloseUp
        }
        if forceful, !offScreen {
            // A line said with force or under breath: close on the speaker alone.
            size = max(size, .closeUp)
            angle = .eyeLevel
            subjects = [speakerID]
        }
        if long, move == .static { move = .pushIn }

        let speech = speechSeconds(text, language: language)
        let cue = DialogueCue(speaker: speakerID, text: text, parenthetical: parenthetical, language: language,
                              offScreen: offScreen, offScreenKind: d.offScreenKind, start: frames(PlanBuilder.leadIn),
                              duration: frames(speech))
        let id = nextID()
        append(Shot(id: id, scene: scene.id, purpose: purpose,
                    duration: frames(max(1.6, PlanBuilder.leadIn + speech + PlanBuilder.tail)),
                    size: size, move: move, angle: angle, subjects: subjects, action: parenthetical.map { "(\($0))" } ?? "",
                    dialogue: [cue], line: line))
        if let parenthetical { props.note(WordText(parenthetical), shot: shots.count - 1, line: line) }
        lastSpeaker = speakerID
        exchange += 1
    }

    /// Dual dialogue: both speak at once, so both share the previous shot, framed wide
    /// enough for two.
    mutating func mergeDual(_ d: Dialogue, with partner: Dialogue) {
        // The speaker first: a shot popped for nobody would be lost.
        guard let speaker = cast.member(named: d.character), var shot = shots.popLast() else { return }
        let text = d.spokenText
        let language = Language.detect(text)
        let speech = speechSeconds(text, language: language)
        shot.dialogue.append(DialogueCue(speaker: speaker.subject.id, text: text, parenthetical: d.parentheticals.first,
                                         language: language, offScreen: d.isOffScreen, offScreenKind: d.offScreenKind,
                                         start: frames(PlanBuilder.leadIn), duration: frames(speech)))
        if !shot.subjects.contains(speaker.subject.id) { shot.subjects.append(speaker.subject.id) }
        shot.subjects = Array(shot.subjects.prefix(3))
        shot.size = min(shot.size, .medium)
        shot.angle = .eyeLevel
        let longest = shot.dialogue.map(\.duration).max() ?? .zero
        let needed = frames(PlanBuilder.leadIn) + longest + frames(PlanBuilder.tail)
        if shot.duration < needed { shot.duration = needed }
        shots.append(shot)
        lastSpeaker = speaker.subject.id
    }
}
