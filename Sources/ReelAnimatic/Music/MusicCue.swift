import Foundation
import ReelModel

/// One scene's music: what it should feel like and exactly how long it lasts.
///
/// A cue is a pure value and the whole input of ``MusicSynth/render(_:sampleRate:)``:
/// the same cue renders to the same bytes everywhere, so its canonical JSON can key a
/// content-addressed cache. Fields missing from JSON take the defaults below.
///
/// ```swift
/// let cue = MusicCue(mood: .tense, duration: FrameRate.fps23_976.time(frames: 180), seed: 7)
/// let pcm = MusicSynth.render(cue)          // 7.5075 s of 48 kHz stereo
/// ```
public struct MusicCue: Hashable, Sendable, Codable {
    /// What the music should feel like; picks the ``MusicStyle``.
    public var mood: Mood
    /// Exact length; the output has `round(duration × sampleRate)` frames.
    public var duration: RationalTime
    /// Variation: progression, voicings, patterns and timing. Same cue and seed → same bytes.
    public var seed: UInt64
    /// 0…1: how full and how loud the arrangement is (±3 dB around the mood's level,
    /// denser patterns, percussion entering). Values outside are clamped.
    public var intensity: Double
    /// Time to rise from silence at the start. Shortened proportionally when the two fades
    /// together are longer than the cue.
    public var fadeIn: RationalTime
    /// Time to fall to silence at the end.
    public var fadeOut: RationalTime

    /// A medium arrangement at the mood's natural level.
    public static let defaultIntensity = 0.5
    /// Half a second: enough to avoid a hard entry, short enough not to lose the downbeat.
    public static let defaultFadeIn = RationalTime.milliseconds(500)
    /// One second: the tail of the last chord dies away instead of stopping.
    public static let defaultFadeOut = RationalTime.seconds(1)

    public init(
        mood: Mood,
        duration: RationalTime,
        seed: UInt64 = 0,
        intensity: Double = MusicCue.defaultIntensity,
        fadeIn: RationalTime = MusicCue.defaultFadeIn,
        fadeOut: RationalTime = MusicCue.defaultFadeOut
    ) {
        self.mood = mood
        self.duration = duration
        self.seed = seed
        self.intensity = intensity
        self.fadeIn = fadeIn
        self.fadeOut = fadeOut
    }

    private enum CodingKeys: String, CodingKey {
        case mood, duration, seed, intensity, fadeIn, fadeOut
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mood: try c.decode(Mood.self, forKey: .mood),
            duration: try c.decode(RationalTime.self, forKey: .duration),
            seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0,
            intensity: try c.decodeIfPresent(Double.self, forKey: .intensity) ?? Self.defaultIntensity,
            fadeIn: try c.decodeIfPresent(RationalTime.self, forKey: .fadeIn) ?? Self.defaultFadeIn,
            fadeOut: try c.decodeIfPresent(RationalTime.self, forKey: .fadeOut) ?? Self.defaultFadeOut)
    }

    /// The number of sample frames the cue renders to: `round(duration × sampleRate)`,
    /// halves rounded up, never negative.
    public func frameCount(sampleRate: Int) -> Int {
        Self.frames(in: duration, sampleRate: sampleRate)
    }

    /// The intensity the renderer uses: clamped to 0…1, NaN as the default.
    var clampedIntensity: Double {
        intensity.isNaN ? Self.defaultIntensity : min(max(intensity, 0), 1)
    }

    /// Whole frames nearest to `time` at `sampleRate`, exact for any rational time.
    static func frames(in time: RationalTime, sampleRate: Int) -> Int {
        guard time.value > 0, sampleRate > 0 else { return 0 }
        let (product, overflow) = time.value.multipliedReportingOverflow(by: Int64(sampleRate) * 2)
        if overflow {
            return Int((time.seconds * Double(sampleRate)).rounded())
        }
        return Int((product + time.timescale) / (2 * time.timescale))
    }
}
