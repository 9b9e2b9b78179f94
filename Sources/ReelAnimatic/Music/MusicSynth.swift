import Foundation
import ReelMedia
import ReelModel

/// The offline music bed: a deterministic procedural score that follows a scene's mood.
///
/// Each cue is arranged like simple film underscore — a voice-led pad, a bass line, a
/// plucked, bell or tine arpeggio, and soft percussion only where the mood wants it —
/// in the key, mode, tempo and progression of its ``MusicStyle``. It sits in the
/// mid and low register at about -20 dBFS RMS with a soft limiter, fades in and out, and
/// runs continuously however long the cue is.
///
/// Rendering is pure: the same cue gives the same bytes on every machine (seeded
/// generators, table oscillators, no libm in the signal path), so the result can be
/// cached by content. A two-minute cue renders in a fraction of a second.
///
/// ```swift
/// let cue = MusicCue(mood: .warm, duration: .seconds(30), seed: 42)
/// let wav = WAV.encode(samples: MusicSynth.render(cue), sampleRate: 48_000, channels: 2)
/// ```
public enum MusicSynth {
    /// The number of interleaved channels ``render(_:sampleRate:)`` produces.
    public static let channels = 2

    /// The version of the sound. Put it in a cue's cache key: it goes up whenever a change
    /// makes any cue render different samples, so cached beds are rendered again.
    public static let version = 1

    /// Renders a cue to interleaved stereo 16-bit PCM at `sampleRate`.
    ///
    /// - Parameters:
    ///   - cue: the mood, exact duration, seed, intensity and fades.
    ///   - sampleRate: frames per second, 8 000…192 000; 48 000 for video.
    /// - Returns: `2 × cue.frameCount(sampleRate:)` samples, left first.
    public static func render(_ cue: MusicCue, sampleRate: Int = 48_000) -> [Int16] {
        precondition((8_000...192_000).contains(sampleRate), "sample rate \(sampleRate) is outside 8000...192000")
        let frames = cue.frameCount(sampleRate: sampleRate)
        guard frames > 0 else { return [] }
        let style = MusicStyle(for: cue.mood)
        let score = MusicScore(style: style, cue: cue, frames: frames, sampleRate: sampleRate)
        let bus = MusicBus(frames: frames, sampleRate: sampleRate)
        for note in score.notes where note.instrument == .pad {
            playPad(note, part: style.pad, on: bus)
        }
        warmPads(bus, part: style.pad, send: style.reverbSend)
        for note in score.notes where note.instrument != .pad {
            play(note, style: style, on: bus)
        }
        MusicReverb(sampleRate: bus.sampleRate).process(bus, wet: 1)

        var fadeIn = MusicCue.frames(in: cue.fadeIn, sampleRate: sampleRate)
        var fadeOut = MusicCue.frames(in: cue.fadeOut, sampleRate: sampleRate)
        if fadeIn + fadeOut > frames {
            let scale = Double(frames) / Double(fadeIn + fadeOut)
            fadeIn = Int(Double(fadeIn) * scale)
            fadeOut = Int(Double(fadeOut) * scale)
        }
        let target = style.loudness * Float(MusicMath.exp2(cue.clampedIntensity - 0.5))
        return MusicMaster.finish(bus, target: target, fadeIn: fadeIn, fadeOut: fadeOut)
    }
}
