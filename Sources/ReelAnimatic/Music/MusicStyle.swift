import Foundation
import ReelModel

/// How a mood is scored: key, mode, tempo, metre, chord progressions and arrangement.
///
/// ``MusicSynth`` looks the style up for a cue's mood; the seed picks one of the style's
/// progressions and varies voicings, patterns and timing within it. The musical facts are
/// public so a caller can show them (“D minor · 58 BPM”) or keep adjacent cues in
/// compatible keys.
///
/// ```swift
/// let sad = MusicStyle(for: .sad)
/// sad.keyName            // "D minor"
/// sad.tempo              // 58
/// ```
public struct MusicStyle: Hashable, Sendable {
    /// The mood this style scores.
    public let mood: Mood
    /// The key's tonic as a pitch class (0 = C, 2 = D, …).
    public let tonic: Int
    /// The mode of the key.
    public let scale: MusicScale
    /// Beats per minute.
    public let tempo: Double
    /// Beats in a bar (4 or 3).
    public let beatsPerBar: Int
    /// How many bars each chord lasts.
    public let barsPerChord: Int
    /// Progressions to choose from by seed; each starts on the tonic chord.
    public let progressions: [[MusicChord]]

    let pad: PadPart
    let bass: BassPart
    let arpeggio: ArpeggioPart?
    let drums: [DrumLane]
    /// How much of the arpeggio and pad is sent to the reverb.
    let reverbSend: Float
    /// Target RMS (full scale = 1) at intensity 0.5; about -20 dBFS.
    let loudness: Float

    /// “D minor”, “E♭ major”.
    public var keyName: String {
        Self.pitchNames[tonic % 12] + " " + scale.rawValue
    }

    static let pitchNames = ["C", "D♭", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"]
}

/// The sustained chord: two detuned oscillators per voice, panned apart.
struct PadPart: Hashable, Sendable {
    enum Timbre: Hashable, Sendable { case softSaw, hollow, airy }
    var timbre: Timbre
    /// The MIDI note the voicing gravitates to.
    var center: Int
    var level: Float
    var attack: Double
    var release: Double
    var detuneCents: Double
}

/// The bass line: a one-bar pattern of steps over each chord's root.
struct BassPart: Hashable, Sendable {
    enum Timbre: Hashable, Sendable { case round, picked }
    struct Step: Hashable, Sendable {
        var beat: Double
        var length: Double
        /// Semitones above the root (0 root, 7 fifth, 12 octave).
        var interval: Int
        var velocity: Float
    }
    var timbre: Timbre
    /// The lowest MIDI note a root may take; roots sit in the octave above it.
    var low: Int
    var steps: [Step]
    var level: Float
}

/// The moving line: chord tones picked or struck in a pattern.
struct ArpeggioPart: Hashable, Sendable {
    enum Voice: Hashable, Sendable {
        /// A Karplus–Strong plucked string (harp, nylon guitar).
        case pluck
        /// FM with an inharmonic modulator: a soft bell or celesta.
        case bell
        /// FM with a harmonic modulator: an electric-piano tine.
        case electricPiano
    }
    enum Pattern: Hashable, Sendable { case up, down, upDown, broken, waltz, random }
    var voice: Voice
    var pattern: Pattern
    var stepsPerBeat: Int
    /// Semitones above the pad voicing.
    var octave: Int
    /// Chance that a step sounds at intensity 0.5.
    var density: Double
    var level: Float
    /// Seconds for a struck note to fall by 60 dB.
    var decay: Double
    /// Above this intensity the pattern runs twice as fast.
    var doubleTimeAbove: Double
}

/// One percussion instrument and its one-bar grid.
struct DrumLane: Hashable, Sendable {
    enum Drum: Hashable, Sendable { case kick, snare, shaker, tick }
    var drum: Drum
    /// One character per step spread evenly over the bar: `X` accent, `x` hit,
    /// `o` ghost, `.` rest.
    var grid: String
    var level: Float
    /// The lane plays only at or above this intensity.
    var minIntensity: Double
}
