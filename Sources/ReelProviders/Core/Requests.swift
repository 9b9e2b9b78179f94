import Foundation
import ReelAnimatic
import ReelMedia
import ReelModel

/// A provider-neutral description of what a shot shows: what a local renderer draws from
/// and what prompts for remote models are written from.
public struct ShotBrief: Hashable, Sendable, Codable {
    /// A character in the shot, or heard in it from off screen: what a panel draws (costume
    /// colour, figure, who speaks, an off-screen tag) and what a prompt describes.
    public struct Figure: Hashable, Sendable, Codable {
        public var name: String
        /// Stable per character across the film, for costume colours.
        public var colorIndex: Int
        public var gender: Voice.Gender
        public var speaking: Bool
        public var offScreen: Bool
        /// Voice-over or off screen, for the tag drawn; nil when seen.
        public var offScreenKind: OffScreenKind?
        public var description: String

        public init(name: String, colorIndex: Int, gender: Voice.Gender, speaking: Bool, offScreen: Bool,
                    offScreenKind: OffScreenKind? = nil, description: String = "") {
            self.name = name
            self.colorIndex = colorIndex
            self.gender = gender
            self.speaking = speaking
            self.offScreen = offScreen
            self.offScreenKind = offScreen ? offScreenKind ?? .voiceOver : nil
            self.description = description
        }
    }

    public var shot: ShotID
    public var setting: Setting
    public var timeOfDay: TimeOfDay
    public var location: String
    public var mood: Mood
    public var size: ShotSize
    public var move: CameraMove
    public var angle: CameraAngle
    public var purpose: ShotPurpose
    public var figures: [Figure]
    public var action: String
    public var language: Language

    public init(shot: ShotID, setting: Setting, timeOfDay: TimeOfDay, location: String, mood: Mood, size: ShotSize,
                move: CameraMove, angle: CameraAngle, purpose: ShotPurpose, figures: [Figure], action: String,
                language: Language) {
        self.shot = shot
        self.setting = setting
        self.timeOfDay = timeOfDay
        self.location = location
        self.mood = mood
        self.size = size
        self.move = move
        self.angle = angle
        self.purpose = purpose
        self.figures = figures
        self.action = action
        self.language = language
    }
}

/// A keyframe or panel to make.
public struct ImageRequest: Hashable, Sendable, Codable {
    public var prompt: String
    public var brief: ShotBrief
    public var width: Int
    public var height: Int
    /// Where the film frame sits on an oversized canvas (animatic panels that a camera
    /// move travels over); nil when the image is the frame.
    public var layout: MotionLayout?
    public var seed: UInt64
    /// Drawn on animatic panels: `S03-07 · MCU · push in · 3.5s`.
    public var slug: String?
    /// Draw the action as a caption (animatic panels).
    public var caption: Bool
    public var model: String
    /// The cast's reference images a keyframe is made from, in the job's inputs (role
    /// `reference`, the subject each locks); nil when none, so a still asked for from words
    /// alone keeps the cache key it always had.
    public var references: [ImageInput]?

    public init(prompt: String, brief: ShotBrief, width: Int, height: Int, layout: MotionLayout? = nil, seed: UInt64,
                slug: String? = nil, caption: Bool = true, model: String = "default", references: [ImageInput]? = nil) {
        self.references = references?.isEmpty == true ? nil : references
        self.prompt = prompt
        self.brief = brief
        self.width = width
        self.height = height
        self.layout = layout
        self.seed = seed
        self.slug = slug
        self.caption = caption
        self.model = model
    }
}

extension ImageRequest {
    /// The request as a remote image model sees it: the prompt, the size, the seed and
    /// `model`, without what only the animatic's panels draw (blocking, layout, slug,
    /// caption) — so rewording a caption makes no new still.
    public func forRemoteModel(_ model: String) -> ImageRequest {
        var r = self
        r.brief = brief.promptOnly
        r.layout = nil
        r.slug = nil
        r.caption = false
        r.model = model
        return r
    }
}

/// How an input image is used by a video request.
public struct ImageInput: Hashable, Sendable, Codable {
    /// What the image is to the take: its first or last frame, a reference that keeps a
    /// subject's look, or an overlay Reel composites itself.
    public enum Role: String, Hashable, Sendable, Codable {
        case firstFrame = "first-frame"
        case lastFrame = "last-frame"
        case reference
        /// Screen graphics composited over the picture (animatic captions); never sent to a model.
        case overlay
    }

    /// Position among the job's inputs.
    public var input: Int
    public var role: Role
    /// For references: which subject the image locks (`char:maya`).
    public var subject: SubjectID?

    public init(input: Int, role: Role, subject: SubjectID? = nil) {
        self.input = input
        self.role = role
        self.subject = subject
    }
}

/// A video take to make.
public struct VideoRequest: Hashable, Sendable, Codable {
    public var prompt: String
    public var negativePrompt: String?
    public var brief: ShotBrief
    public var mode: GenerationMode
    /// Length asked of the provider (already fitted to what the model can make).
    public var duration: RationalTime
    public var format: VideoFormat
    public var images: [ImageInput]
    public var seed: UInt64
    public var model: String
    /// Provider-specific settings (a ComfyUI workflow file, a Kling `mode`).
    public var options: JSONValue?
    /// True to ask a model that makes sound for its own soundtrack (`audio: native`); nil
    /// otherwise, so requests that do not ask keep the cache key they always had.
    public var sound: Bool?

    public init(prompt: String, negativePrompt: String? = nil, brief: ShotBrief, mode: GenerationMode,
                duration: RationalTime, format: VideoFormat, images: [ImageInput] = [], seed: UInt64,
                model: String = "default", options: JSONValue? = nil, sound: Bool? = nil) {
        self.sound = sound == true ? true : nil
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.brief = brief
        self.mode = mode
        self.duration = duration
        self.format = format
        self.images = images
        self.seed = seed
        self.model = model
        self.options = options
    }
}

/// A line to voice.
public struct SpeechRequest: Hashable, Sendable, Codable {
    public var text: String
    public var language: Language
    public var voice: Voice
    public var speaker: String
    public var model: String

    public init(text: String, language: Language, voice: Voice, speaker: String, model: String = "default") {
        self.text = text
        self.language = language
        self.voice = voice
        self.speaker = speaker
        self.model = model
    }
}

/// A music cue to score.
public struct MusicRequest: Hashable, Sendable, Codable {
    public var mood: Mood
    public var duration: RationalTime
    public var seed: UInt64
    public var prompt: String
    public var model: String
    /// The words of a song, sung by a model that sings (``MusicGenerator/singsLyrics``); nil
    /// for an instrumental cue (and left out of the cache key then).
    public var lyrics: String?

    public init(mood: Mood, duration: RationalTime, seed: UInt64, prompt: String, model: String = "default", lyrics: String? = nil) {
        self.mood = mood
        self.duration = duration
        self.seed = seed
        self.prompt = prompt
        self.model = model
        self.lyrics = lyrics
    }
}

/// A sound effect to make: an ambience under a scene or a spot effect at a shot.
public struct SoundEffectRequest: Hashable, Sendable, Codable {
    public var effect: SoundEffect
    /// What a model is asked for (``SoundEffect/prompt``, or the user's words).
    public var prompt: String
    /// How long the sound is asked to be (a model may cap it: the mix loops an ambience).
    public var duration: RationalTime
    /// An ambience that should loop without a seam.
    public var loop: Bool
    public var seed: UInt64
    public var model: String

    public init(effect: SoundEffect, prompt: String? = nil, duration: RationalTime, loop: Bool? = nil, seed: UInt64,
                model: String = "default") {
        self.effect = effect
        self.prompt = prompt ?? effect.prompt
        self.duration = duration
        self.loop = loop ?? effect.isAmbience
        self.seed = seed
        self.model = model
    }
}

/// A lip-sync pass over a take: the take's picture with its shot's voices, the mouths moved
/// to the words. The job's inputs are the take (0) and the shot's voices mixed to the shot's
/// length (1).
public struct LipSyncRequest: Hashable, Sendable, Codable {
    /// The language spoken (some models take it).
    public var language: Language
    /// Seconds of picture: what a model charges by.
    public var seconds: Double
    public var model: String

    public init(language: Language, seconds: Double, model: String = "default") {
        self.language = language
        self.seconds = seconds
        self.model = model
    }
}
