import Foundation
import ReelMedia
import ReelModel

/// How a film is rendered.
public struct RenderSettings: Hashable, Sendable {
    /// When to put AI-content labels on the film.
    public enum LabelPolicy: String, Hashable, Sendable, Codable, CaseIterable {
        /// When any shot, voice or cue came from a generative model.
        case auto
        case always
        case never
    }

    public var encode: EncodeSettings
    public var burnSubtitles: Bool
    public var label: LabelPolicy
    /// Free-text visual style added to prompts for remote models.
    public var style: String?
    /// The loudness the soundtrack is mastered to.
    public var loudness: LoudnessTarget
    /// Takes keep the sound their model made (`audio: native`): remote models that make sound
    /// are asked for it, and a take that has it speaks its shot instead of Reel's voices.
    public var nativeAudio: Bool
    /// The sounds the action asks for (rain, a door, a phone) are made and mixed under the
    /// dialogue (`effects: none` in reel.yaml turns them off).
    public var effects: Bool

    public init(encode: EncodeSettings, burnSubtitles: Bool = false, label: LabelPolicy = .auto, style: String? = nil,
                loudness: LoudnessTarget = .phone, nativeAudio: Bool = false, effects: Bool = true) {
        self.nativeAudio = nativeAudio
        self.effects = effects
        self.encode = encode
        self.burnSubtitles = burnSubtitles
        self.label = label
        self.style = style
        self.loudness = loudness
    }

    public var format: VideoFormat { encode.format }
}
