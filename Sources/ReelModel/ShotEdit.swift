import Foundation

/// What the user changed on a shot, field by field. An edit wins over the planner on every
/// re-plan; a field left nil is the planner's.
public struct ShotEdit: Hashable, Sendable, Codable {
    /// The prompt remote models read, instead of the one written from the shot.
    public var prompt: String?
    public var size: ShotSize?
    public var move: CameraMove?
    /// A whole number of frames at the film's rate.
    public var duration: RationalTime?
    public var mode: GenerationMode?
    /// Who is in frame, most important first.
    public var subjects: [SubjectID]?
    /// True for an empty shot (空镜): no one in frame, no character references sent.
    public var empty: Bool?
    /// The earlier shot whose picked take's last frame this one starts on.
    public var continuesFrom: ShotID?
    /// The sounds at the shot instead of those its action names; empty for none.
    public var sounds: [SoundEffect]?
    /// The shot's words in the script (what it shows and what is said) when the edit was
    /// made: a re-plan that changes them says so, since the edit may no longer fit.
    public var scriptText: String
    /// The fields (``fields`` names) the language-model planner set rather than the user: a
    /// planner run may change these again, never the user's. Nil when the user set them all.
    public var planned: [String]?
    /// The shot's words when the planner chose its fields: a script change under them drops
    /// them (the user's fields stay, with a warning).
    public var plannedFor: String?
    /// Fields the user put back to the rules (`--prompt ""`, `--reset`): the planner leaves them alone.
    public var cleared: [String]?

    /// The fields the user set.
    public var userFields: [String] { fields.filter { !(planned ?? []).contains($0) } }

    /// What the planner may not change: the user's fields and the ones the user cleared.
    public var lockedFields: [String] {
        var locked = userFields + (cleared ?? [])
        // Who is in frame follows from an empty shot, and the other way round.
        if locked.contains("empty") || locked.contains("subjects") { locked += ["empty", "subjects"] }
        return Array(Set(locked)).sorted()
    }

    /// True when the planner's fields were chosen for other words than `text`.
    public func plannerIsStale(for text: String) -> Bool {
        !(planned ?? []).isEmpty && plannedFor != text
    }

    public init(prompt: String? = nil, size: ShotSize? = nil, move: CameraMove? = nil, duration: RationalTime? = nil,
                mode: GenerationMode? = nil, subjects: [SubjectID]? = nil, empty: Bool? = nil, continuesFrom: ShotID? = nil,
                sounds: [SoundEffect]? = nil, scriptText: String) {
        self.continuesFrom = continuesFrom
        self.sounds = sounds
        self.prompt = prompt
        self.size = size
        self.move = move
        self.duration = duration
        self.mode = mode
        self.subjects = subjects
        self.empty = empty
        self.scriptText = scriptText
    }

    /// The fields the language-model planner sets.
    public static let plannerFields = ["size", "move", "mode", "subjects", "empty", "prompt"]

    /// The shot's words as an edit remembers them.
    public static func scriptText(of shot: Shot) -> String {
        ([shot.action] + shot.dialogue.map { "\($0.speaker.rawValue): \($0.text)" }).joined(separator: "\n")
    }

    /// The names of the fields this edit sets, in the order `reel shot` lists them.
    public var fields: [String] {
        Self.fieldNames(prompt: prompt != nil, size: size != nil, move: move != nil, duration: duration != nil, mode: mode != nil,
                        subjects: subjects != nil, empty: empty != nil, continuesFrom: continuesFrom != nil, sounds: sounds != nil)
    }

    /// The field names, in the order `reel shot` lists them, of those that are set: the one
    /// list an edit, a change and the planner name fields by.
    public static func fieldNames(prompt: Bool, size: Bool, move: Bool, duration: Bool, mode: Bool, subjects: Bool, empty: Bool,
                                  continuesFrom: Bool, sounds: Bool) -> [String] {
        [("prompt", prompt), ("size", size), ("move", move), ("duration", duration), ("mode", mode), ("subjects", subjects),
         ("empty", empty), ("continues-from", continuesFrom), ("sounds", sounds)].filter(\.1).map(\.0)
    }

    /// This edit with only `fields` kept (``fields`` names); the planner's list trimmed to match.
    public func keeping(_ fields: Set<String>) -> ShotEdit {
        var copy = self
        if !fields.contains("prompt") { copy.prompt = nil }
        if !fields.contains("size") { copy.size = nil }
        if !fields.contains("move") { copy.move = nil }
        if !fields.contains("duration") { copy.duration = nil }
        if !fields.contains("mode") { copy.mode = nil }
        if !fields.contains("subjects") { copy.subjects = nil }
        if !fields.contains("empty") { copy.empty = nil }
        if !fields.contains("continues-from") { copy.continuesFrom = nil }
        if !fields.contains("sounds") { copy.sounds = nil }
        copy.planned = planned.map { $0.filter(fields.contains) }.flatMap { $0.isEmpty ? nil : $0 }
        if copy.planned == nil { copy.plannedFor = nil }
        return copy
    }

    /// True when it changes nothing and holds nothing back from the planner.
    public var isEmpty: Bool { fields.isEmpty && (cleared ?? []).isEmpty }

    /// `shot` as the user edited it.
    public func applied(to shot: Shot) -> Shot {
        var shot = shot
        if let prompt { shot.prompt = prompt }
        if let size { shot.size = size }
        if let move { shot.move = move }
        if let duration { shot.duration = duration }
        if let mode { shot.mode = mode }
        if let subjects { shot.subjects = subjects }
        if let continuesFrom { shot.continuesFrom = continuesFrom }
        if let sounds { shot.sounds = sounds }
        if let empty {
            shot.empty = empty ? true : nil
            // No one in frame; what the shot shows stays.
            if empty { shot.subjects.removeAll { $0.kind == .character } }
        }
        return shot
    }
}
