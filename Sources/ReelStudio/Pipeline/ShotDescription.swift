import Foundation
import ReelModel
import ReelProviders

/// Describes a shot for generators: the structured brief local renderers draw from, the
/// slug printed on panels, and the prompt remote models read.
struct ShotDescription {
    let storyboard: Storyboard
    /// Position of each character in the cast, for stable costume colours.
    let castIndex: [SubjectID: Int]

    init(storyboard: Storyboard) {
        self.storyboard = storyboard
        var index: [SubjectID: Int] = [:]
        for subject in storyboard.subjects where subject.kind == .character { index[subject.id] = index.count }
        castIndex = index
    }

    func brief(_ shot: Shot) -> ShotBrief {
        let scene = storyboard.scene(shot.scene)
        let speakers = Set(shot.dialogue.filter { !$0.offScreen }.map(\.speaker))
        var figures: [ShotBrief.Figure] = shot.subjects.compactMap { id in
            guard let subject = storyboard.subject(id), subject.kind == .character else { return nil }
            return ShotBrief.Figure(name: subject.name, colorIndex: castIndex[id] ?? 0,
                                    gender: subject.voice?.gender ?? .unknown, speaking: speakers.contains(id),
                                    offScreen: false, description: subject.description)
        }
        for cue in shot.dialogue where cue.offScreen {
            if let subject = storyboard.subject(cue.speaker), !figures.contains(where: { $0.name == subject.name }) {
                figures.append(ShotBrief.Figure(name: subject.name, colorIndex: castIndex[cue.speaker] ?? 0,
                                                gender: subject.voice?.gender ?? .unknown, speaking: true, offScreen: true,
                                                offScreenKind: cue.offScreenKind))
            }
        }
        return ShotBrief(shot: shot.id, setting: scene?.setting ?? .interior, timeOfDay: scene?.timeOfDay ?? .unspecified,
                         location: scene?.location ?? "", mood: scene?.mood ?? .calm, size: shot.size, move: shot.move,
                         angle: shot.angle, purpose: shot.purpose, figures: figures, action: shot.action,
                         language: storyboard.language)
    }

    /// `S03-07 · MCU · push in · 3.5s`
    func slug(_ shot: Shot) -> String {
        let seconds = String(format: "%.1fs", shot.duration.seconds)
        var parts = [shot.id.rawValue, shot.size.rawValue]
        if shot.move != .static { parts.append(shot.move.name) }
        parts.append(seconds)
        return parts.joined(separator: " · ")
    }

    /// A prompt for text- and image-to-video models, in the script's language, written
    /// from the shot: framing, place and time, who, what, how the camera moves, the mood.
    /// With `lines` (a model that speaks: `audio: native`) each line is quoted, so the model
    /// says the script's words (`MAYA says: "You came back."`, `林晓说：“我回来了。”`); else
    /// only who speaks.
    func prompt(_ shot: Shot, style: String?, lines: Bool = false) -> String {
        if let override = shot.prompt, !override.isEmpty { return override }
        let scene = storyboard.scene(shot.scene)
        let aspect = storyboard.format.aspect.rawValue
        var parts: [String] = []
        parts.append("\(shot.size.name.capitalized), \(shot.angle.rawValue.replacingOccurrences(of: "-", with: " ")) angle, \(aspect) frame.")
        if let scene {
            let place = scene.location.isEmpty ? scene.heading : scene.location
            let time = scene.timeOfDay == .unspecified ? "" : ", \(scene.timeOfDay.rawValue)"
            parts.append("\(scene.setting == .exterior ? "Exterior" : "Interior"): \(place)\(time).")
        }
        let people = shot.subjects.compactMap { storyboard.subject($0) }.filter { $0.kind == .character }
        if shot.empty == true {
            parts.append("Empty shot: no people in frame.")
        } else if !people.isEmpty {
            parts.append("In frame: " + people.map { $0.description.isEmpty ? $0.name : "\($0.name) (\($0.description))" }
                .joined(separator: ", ") + ".")
        }
        // What a described prop looks like (one the user has not described is as the action names it).
        let things = shot.subjects.compactMap { storyboard.subject($0) }.filter { $0.kind == .prop && !$0.description.isEmpty }
        if !things.isEmpty {
            parts.append("Props: " + things.map { "\($0.name) (\($0.description))" }.joined(separator: ", ") + ".")
        }
        if !shot.action.isEmpty { parts.append(shot.action) }
        for cue in shot.dialogue {
            let name = storyboard.subject(cue.speaker)?.name ?? cue.speaker.rawValue
            if lines {
                let said = cue.language == .chinese ? "\(name)\(cue.offScreen ? "（画外）" : "")说：“\(cue.text)”"
                    : "\(name)\(cue.offScreen ? ", off screen," : "") says: \"\(cue.text)\""
                parts.append(said)
            } else {
                parts.append(cue.offScreen ? "\(name) is heard off screen." : "\(name) speaks.")
            }
        }
        if shot.move != .static { parts.append("Camera: slow \(shot.move.name).") }
        if let scene { parts.append("Mood: \(scene.mood.rawValue).") }
        if let style, !style.isEmpty { parts.append("Style: \(style).") }
        return parts.joined(separator: " ")
    }
}
