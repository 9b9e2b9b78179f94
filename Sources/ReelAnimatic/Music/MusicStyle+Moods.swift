import Foundation
import ReelModel

extension MusicStyle {
    /// The standard score for `mood`.
    public init(for mood: Mood) {
        self = switch mood {
        case .calm: .calm
        case .warm: .warm
        case .joyful: .joyful
        case .romantic: .romantic
        case .sad: .sad
        case .tense: .tense
        case .mysterious: .mysterious
        case .action: .action
        }
    }

    /// D lydian, 64 BPM: an airy pad, a whole-note bass, a few slow bells.
    static let calm = MusicStyle(
        mood: .calm, tonic: 2, scale: .lydian, tempo: 64, beatsPerBar: 4, barsPerChord: 2,
        progressions: [
            [.init("Imaj7", root: 0, .major7), .init("II", root: 2, .add9),
             .init("vi7", root: 9, .minor7), .init("II", root: 2, .major)],
            [.init("Iadd9", root: 0, .add9), .init("iii7", root: 4, .minor7),
             .init("II", root: 2, .major), .init("Imaj7", root: 0, .major7)],
        ],
        pad: .init(timbre: .airy, center: 62, level: 0.5, attack: 1.8, release: 2.5, detuneCents: 5),
        bass: .init(timbre: .round, low: 36, steps: [.init(beat: 0, length: 3.9, interval: 0, velocity: 0.8)], level: 0.45),
        arpeggio: .init(voice: .bell, pattern: .random, stepsPerBeat: 1, octave: 12, density: 0.4,
                        level: 0.2, decay: 3.5, doubleTimeAbove: 2),
        drums: [], reverbSend: 0.38, loudness: 0.085)

    /// F major, 80 BPM: a warm pad, a walking half-note bass, a nylon-string arpeggio.
    static let warm = MusicStyle(
        mood: .warm, tonic: 5, scale: .major, tempo: 80, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("Iadd9", root: 0, .add9), .init("vi7", root: 9, .minor7),
             .init("IVmaj7", root: 5, .major7), .init("Vsus4", root: 7, .sus4)],
            [.init("Imaj7", root: 0, .major7), .init("iii7", root: 4, .minor7),
             .init("IVadd9", root: 5, .add9), .init("V", root: 7, .major)],
        ],
        pad: .init(timbre: .softSaw, center: 58, level: 0.4, attack: 0.9, release: 1.6, detuneCents: 7),
        bass: .init(timbre: .round, low: 36, steps: [
            .init(beat: 0, length: 1.9, interval: 0, velocity: 0.85),
            .init(beat: 2, length: 1.4, interval: 7, velocity: 0.6),
            .init(beat: 3.5, length: 0.45, interval: 12, velocity: 0.45),
        ], level: 0.55),
        arpeggio: .init(voice: .pluck, pattern: .broken, stepsPerBeat: 2, octave: 12, density: 0.85,
                        level: 0.26, decay: 1.8, doubleTimeAbove: 2),
        drums: [
            .init(drum: .shaker, grid: "o.x.o.x.o.x.o.x.", level: 0.22, minIntensity: 0.6),
            .init(drum: .kick, grid: "x.......x.......", level: 0.35, minIntensity: 0.75),
        ],
        reverbSend: 0.28, loudness: 0.1)

    /// G major, 112 BPM: I–V–vi–IV, a bouncing bass, a bright pluck, kick, clap and shaker.
    static let joyful = MusicStyle(
        mood: .joyful, tonic: 7, scale: .major, tempo: 112, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("Iadd9", root: 0, .add9), .init("V", root: 7, .major),
             .init("vi", root: 9, .minor), .init("IV", root: 5, .major)],
            [.init("I", root: 0, .major), .init("IV", root: 5, .add9),
             .init("vi7", root: 9, .minor7), .init("V", root: 7, .major)],
        ],
        pad: .init(timbre: .softSaw, center: 60, level: 0.3, attack: 0.25, release: 0.8, detuneCents: 8),
        bass: .init(timbre: .round, low: 36, steps: [
            .init(beat: 0, length: 0.45, interval: 0, velocity: 0.95),
            .init(beat: 1, length: 0.4, interval: 7, velocity: 0.7),
            .init(beat: 1.5, length: 0.4, interval: 12, velocity: 0.6),
            .init(beat: 2, length: 0.45, interval: 0, velocity: 0.9),
            .init(beat: 3, length: 0.4, interval: 7, velocity: 0.7),
            .init(beat: 3.5, length: 0.4, interval: 12, velocity: 0.6),
        ], level: 0.55),
        arpeggio: .init(voice: .pluck, pattern: .upDown, stepsPerBeat: 2, octave: 12, density: 0.9,
                        level: 0.24, decay: 1.2, doubleTimeAbove: 0.8),
        drums: [
            .init(drum: .kick, grid: "x.......x.......", level: 0.55, minIntensity: 0.15),
            .init(drum: .snare, grid: "....x.......x...", level: 0.22, minIntensity: 0.3),
            .init(drum: .shaker, grid: "x.o.x.o.x.o.x.o.", level: 0.16, minIntensity: 0.1),
        ],
        reverbSend: 0.2, loudness: 0.105)

    /// E♭ major in 3/4, 72 BPM: the Pachelbel descent, a tine arpeggio, long bass notes.
    static let romantic = MusicStyle(
        mood: .romantic, tonic: 3, scale: .major, tempo: 72, beatsPerBar: 3, barsPerChord: 1,
        progressions: [
            [.init("Iadd9", root: 0, .add9), .init("V", root: 7, .major),
             .init("vi7", root: 9, .minor7), .init("iii", root: 4, .minor),
             .init("IVmaj7", root: 5, .major7), .init("I", root: 0, .major),
             .init("IVadd9", root: 5, .add9), .init("V", root: 7, .major)],
            [.init("Imaj7", root: 0, .major7), .init("vi9", root: 9, .minor9),
             .init("ii7", root: 2, .minor7), .init("V7", root: 7, .dominant7)],
        ],
        pad: .init(timbre: .softSaw, center: 60, level: 0.42, attack: 1.2, release: 2.0, detuneCents: 6),
        bass: .init(timbre: .round, low: 36, steps: [
            .init(beat: 0, length: 1.9, interval: 0, velocity: 0.8),
            .init(beat: 2, length: 0.9, interval: 7, velocity: 0.5),
        ], level: 0.5),
        arpeggio: .init(voice: .electricPiano, pattern: .waltz, stepsPerBeat: 2, octave: 12, density: 0.85,
                        level: 0.22, decay: 2.0, doubleTimeAbove: 2),
        drums: [], reverbSend: 0.32, loudness: 0.095)

    /// D minor, 58 BPM: i–♭VI–♭III–♭VII under a slow string pad and a falling piano line.
    static let sad = MusicStyle(
        mood: .sad, tonic: 2, scale: .minor, tempo: 58, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("i", root: 0, .minor), .init("♭VI", root: 8, .major),
             .init("♭III", root: 3, .major), .init("♭VII", root: 10, .major)],
            [.init("i(add9)", root: 0, .minorAdd9), .init("iv7", root: 5, .minor7),
             .init("♭VImaj7", root: 8, .major7), .init("V", root: 7, .major)],
        ],
        pad: .init(timbre: .softSaw, center: 60, level: 0.5, attack: 1.6, release: 2.2, detuneCents: 6),
        bass: .init(timbre: .round, low: 36, steps: [.init(beat: 0, length: 3.9, interval: 0, velocity: 0.75)], level: 0.5),
        arpeggio: .init(voice: .electricPiano, pattern: .down, stepsPerBeat: 1, octave: 12, density: 0.7,
                        level: 0.22, decay: 2.5, doubleTimeAbove: 2),
        drums: [], reverbSend: 0.42, loudness: 0.085)

    /// C phrygian, 96 BPM: a dark hollow pad, a pulsing eighth-note bass, a clock-like tick,
    /// a heartbeat kick as intensity rises, the odd distant bell.
    static let tense = MusicStyle(
        mood: .tense, tonic: 0, scale: .phrygian, tempo: 96, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("i", root: 0, .minor), .init("♭II", root: 1, .major),
             .init("i", root: 0, .minor), .init("♭VI", root: 8, .major)],
            [.init("i(add9)", root: 0, .minorAdd9), .init("♭VI", root: 8, .major),
             .init("iv", root: 5, .minor), .init("♭II", root: 1, .major)],
        ],
        pad: .init(timbre: .hollow, center: 55, level: 0.42, attack: 1.5, release: 1.8, detuneCents: 10),
        bass: .init(timbre: .picked, low: 36, steps: (0..<8).map {
            .init(beat: Double($0) / 2, length: 0.3, interval: 0, velocity: $0 % 2 == 0 ? 0.85 : 0.55)
        }, level: 0.5),
        arpeggio: .init(voice: .bell, pattern: .random, stepsPerBeat: 1, octave: 12, density: 0.12,
                        level: 0.16, decay: 3, doubleTimeAbove: 2),
        drums: [
            .init(drum: .tick, grid: "x.o.x.o.x.o.x.o.", level: 0.12, minIntensity: 0),
            .init(drum: .kick, grid: "X..x............", level: 0.5, minIntensity: 0.35),
        ],
        reverbSend: 0.25, loudness: 0.09)

    /// A dorian, 66 BPM: a hollow pad over a drone, the ♭VI turning minor, scattered bells.
    static let mysterious = MusicStyle(
        mood: .mysterious, tonic: 9, scale: .dorian, tempo: 66, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("i(add9)", root: 0, .minorAdd9), .init("♭VImaj7", root: 8, .major7),
             .init("i(add9)", root: 0, .minorAdd9), .init("♭vi", root: 8, .minor)],
            [.init("i9", root: 0, .minor9), .init("II", root: 2, .major),
             .init("♭VII", root: 10, .major), .init("i", root: 0, .minor)],
        ],
        pad: .init(timbre: .hollow, center: 57, level: 0.48, attack: 2.2, release: 3.0, detuneCents: 8),
        bass: .init(timbre: .round, low: 33, steps: [.init(beat: 0, length: 3.95, interval: 0, velocity: 0.7)], level: 0.5),
        arpeggio: .init(voice: .bell, pattern: .random, stepsPerBeat: 2, octave: 12, density: 0.22,
                        level: 0.2, decay: 4, doubleTimeAbove: 2),
        drums: [], reverbSend: 0.45, loudness: 0.085)

    /// D minor, 132 BPM: i–♭VI–♭VII–i, an eighth-note bass ostinato, sixteenth-note plucked
    /// strings, kick, snare and shaker.
    static let action = MusicStyle(
        mood: .action, tonic: 2, scale: .minor, tempo: 132, beatsPerBar: 4, barsPerChord: 1,
        progressions: [
            [.init("i", root: 0, .minor), .init("♭VI", root: 8, .major),
             .init("♭VII", root: 10, .major), .init("i", root: 0, .minor)],
            [.init("i", root: 0, .minor), .init("♭VI", root: 8, .major),
             .init("♭III", root: 3, .major), .init("♭VII", root: 10, .major)],
        ],
        pad: .init(timbre: .softSaw, center: 57, level: 0.28, attack: 0.15, release: 0.5, detuneCents: 9),
        bass: .init(timbre: .picked, low: 36, steps: [0, 0, 12, 0, 0, 12, 0, 7].enumerated().map {
            .init(beat: Double($0.offset) / 2, length: 0.4, interval: $0.element,
                  velocity: $0.offset % 4 == 0 ? 0.95 : 0.7)
        }, level: 0.55),
        arpeggio: .init(voice: .pluck, pattern: .up, stepsPerBeat: 4, octave: 0, density: 0.95,
                        level: 0.22, decay: 0.4, doubleTimeAbove: 2),
        drums: [
            .init(drum: .kick, grid: "X.....x.X.....x.", level: 0.7, minIntensity: 0),
            .init(drum: .snare, grid: "....X.......X..o", level: 0.32, minIntensity: 0.1),
            .init(drum: .shaker, grid: "xoxoxoxoxoxoxoxo", level: 0.1, minIntensity: 0.2),
        ],
        reverbSend: 0.15, loudness: 0.11)
}
