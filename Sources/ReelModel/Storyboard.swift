import Foundation

/// The plan of a film: scenes, shots in order, and the subjects they show.
///
/// Produced by the planner from a screenplay, edited by the user, stored in the project
/// and exported. Carries a schema name and version like every stored document.
public struct Storyboard: Hashable, Sendable, Codable {
    public static let schema = "reel.storyboard"
    public static let version = 1

    public var schema: String
    public var version: Int
    public var title: String
    public var language: Language
    public var format: VideoFormat
    public var scenes: [StoryScene]
    public var shots: [Shot]
    public var subjects: [Subject]

    public init(title: String, language: Language, format: VideoFormat, scenes: [StoryScene],
                shots: [Shot], subjects: [Subject]) {
        self.schema = Storyboard.schema
        self.version = Storyboard.version
        self.title = title
        self.language = language
        self.format = format
        self.scenes = scenes
        self.shots = shots
        self.subjects = subjects
    }

    /// The film's length: the sum of the shots' durations, exact.
    public var duration: RationalTime {
        shots.reduce(RationalTime.zero) { $0 + $1.duration }
    }

    public func shot(_ id: ShotID) -> Shot? { shots.first { $0.id == id } }
    public func scene(_ id: SceneID) -> StoryScene? { scenes.first { $0.id == id } }
    public func subject(_ id: SubjectID) -> Subject? { subjects.first { $0.id == id } }

    /// Where each shot starts in the film, in shot order.
    public var shotStarts: [ShotID: RationalTime] {
        var starts: [ShotID: RationalTime] = [:]
        var t = RationalTime.zero
        for shot in shots {
            starts[shot.id] = t
            t = t + shot.duration
        }
        return starts
    }
}

/// A scene of the storyboard: a place at a time, with a mood.
public struct StoryScene: Hashable, Sendable, Codable {
    public var id: SceneID
    /// The heading as written, e.g. `INT. KITCHEN - NIGHT`.
    public var heading: String
    public var setting: Setting
    /// The place, e.g. `KITCHEN`, `咖啡馆`.
    public var location: String
    public var locationID: SubjectID?
    public var timeOfDay: TimeOfDay
    /// What the heading says besides place and time, as written: `FLASHBACK`, `1973`,
    /// `DRIVING`, `ANOTHER DAY`, `回忆`. Nil when there are none (and in older storyboards).
    public var qualifiers: [String]?
    public var mood: Mood
    /// 1-based line of the heading in the script.
    public var line: Int

    public init(id: SceneID, heading: String, setting: Setting, location: String, locationID: SubjectID? = nil,
                timeOfDay: TimeOfDay, qualifiers: [String] = [], mood: Mood, line: Int) {
        self.id = id
        self.heading = heading
        self.setting = setting
        self.location = location
        self.locationID = locationID
        self.timeOfDay = timeOfDay
        self.qualifiers = qualifiers.isEmpty ? nil : qualifiers
        self.mood = mood
        self.line = line
    }
}

/// One shot of the storyboard: what the camera sees, how it moves, for how long, and
/// what is said over it.
public struct Shot: Hashable, Sendable, Codable {
    /// Stable id: `S03-07`.
    public var id: ShotID
    public var scene: SceneID
    public var purpose: ShotPurpose
    /// Exact length in the cut, a whole number of frames at the film's rate.
    public var duration: RationalTime
    public var size: ShotSize
    public var move: CameraMove
    public var angle: CameraAngle
    /// Subjects in frame, most important first.
    public var subjects: [SubjectID]
    /// What happens, in the script's words (markup removed).
    public var action: String
    /// Lines spoken over this shot.
    public var dialogue: [DialogueCue]
    /// A prompt the user wrote for generators; when nil one is derived from the shot.
    public var prompt: String?
    public var mode: GenerationMode
    public var transitionIn: ShotTransition
    public var transitionOut: ShotTransition
    /// Notes from the script (`[[ ]]`) or the user.
    public var notes: [String]
    /// 1-based line in the script this shot comes from.
    public var line: Int
    /// True for an empty shot (空镜): scenery, an establishing shot or an insert with no one
    /// in frame, so no character reference goes with it; nil otherwise.
    public var empty: Bool?
    /// The earlier shot this one continues: remote takes start on the exact last frame of
    /// that shot's picked take. Set by the user (`reel shot --continue-from`).
    public var continuesFrom: ShotID?
    /// The sounds the user chose for the shot (`reel shot --sounds`), instead of those its
    /// action names; empty for none; nil: what the action names.
    public var sounds: [SoundEffect]?

    public init(id: ShotID, scene: SceneID, purpose: ShotPurpose, duration: RationalTime, size: ShotSize,
                move: CameraMove = .static, angle: CameraAngle = .eyeLevel, subjects: [SubjectID] = [],
                action: String = "", dialogue: [DialogueCue] = [], prompt: String? = nil,
                mode: GenerationMode = .imageToVideo, transitionIn: ShotTransition = .cut,
                transitionOut: ShotTransition = .cut, notes: [String] = [], line: Int = 0, empty: Bool? = nil,
                continuesFrom: ShotID? = nil) {
        self.continuesFrom = continuesFrom
        self.id = id
        self.scene = scene
        self.purpose = purpose
        self.duration = duration
        self.size = size
        self.move = move
        self.angle = angle
        self.subjects = subjects
        self.action = action
        self.dialogue = dialogue
        self.prompt = prompt
        self.mode = mode
        self.transitionIn = transitionIn
        self.transitionOut = transitionOut
        self.notes = notes
        self.line = line
        self.empty = empty
    }
}

/// A line of dialogue placed in a shot.
public struct DialogueCue: Hashable, Sendable, Codable {
    public var speaker: SubjectID
    /// The words as spoken, markup removed.
    public var text: String
    /// `whispering`, `to Maya`; nil when none.
    public var parenthetical: String?
    public var language: Language
    /// Heard but not seen (V.O., O.S.).
    public var offScreen: Bool
    /// Which of the two, for the tag shown (`(O.S.) BEN`); nil when seen, and in
    /// storyboards planned before it was kept (shown as a voice-over).
    public var offScreenKind: OffScreenKind?
    /// Where the line starts, from the start of the shot.
    public var start: RationalTime
    /// How long the line is expected to take.
    public var duration: RationalTime

    public init(speaker: SubjectID, text: String, parenthetical: String? = nil, language: Language,
                offScreen: Bool = false, offScreenKind: OffScreenKind? = nil, start: RationalTime, duration: RationalTime) {
        self.speaker = speaker
        self.text = text
        self.parenthetical = parenthetical
        self.language = language
        self.offScreen = offScreen || offScreenKind != nil
        self.offScreenKind = offScreenKind ?? (offScreen ? .voiceOver : nil)
        self.start = start
        self.duration = duration
    }
}
