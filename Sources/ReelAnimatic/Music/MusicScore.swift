import Foundation
import ReelModel

/// One note (or drum hit) of a cue, in sample frames.
struct MusicNote: Hashable, Sendable {
    enum Instrument: Hashable, Sendable {
        case pad, bass, pluck, bell, electricPiano, kick, snare, shaker, tick
    }
    var instrument: Instrument
    /// First frame.
    var start: Int
    /// Frames until the note is released; the release tail follows.
    var length: Int
    /// MIDI note number (ignored by drums).
    var pitch: Int
    /// 0…1.
    var velocity: Float
    /// -1 (left) … 1 (right).
    var pan: Float
    /// Seeds the voice's noise and oscillator phases.
    var seed: UInt64
}

/// The arrangement of one cue: every note of every part, decided before any audio runs.
///
/// The chord sequence runs for the whole cue, cycling through the progression, so a long
/// cue keeps going rather than restarting: voices lead smoothly from the last chord of one
/// pass into the first of the next, and alternate passes vary the arpeggio. A final chord
/// that would be cut to a fragment is dropped and the one before held to the end instead;
/// a cue of more than two chords ends on the tonic chord.
struct MusicScore: Sendable {
    /// A chord as heard: where it starts and ends, its symbol and the pad's voicing (MIDI notes).
    struct Change: Hashable, Sendable {
        var start: Int
        var end: Int
        var chord: MusicChord
        var voicing: [Int]
    }

    var notes: [MusicNote] = []
    var changes: [Change] = []

    /// Frames per beat, bar, chord and pass through the progression.
    let beatFrames: Double
    let barFrames: Double
    let chordFrames: Double
    let phraseFrames: Double

    init(style: MusicStyle, cue: MusicCue, frames: Int, sampleRate: Int) {
        beatFrames = 60 / style.tempo * Double(sampleRate)
        barFrames = beatFrames * Double(style.beatsPerBar)
        chordFrames = barFrames * Double(style.barsPerChord)
        var choice = SeededRandom(seed: cue.seed, stream: 1)
        let progression = style.progressions[choice.int(below: style.progressions.count)]
        phraseFrames = chordFrames * Double(progression.count)
        planChords(style: style, progression: progression, frames: frames, seed: cue.seed)

        let intensity = cue.clampedIntensity
        addPad(style: style, seed: cue.seed)
        addBass(style: style, intensity: intensity, seed: cue.seed)
        if let arpeggio = style.arpeggio {
            addArpeggio(arpeggio, style: style, intensity: intensity, progressionLength: progression.count,
                        sampleRate: sampleRate, seed: cue.seed)
        }
        addDrums(style: style, intensity: intensity, frames: frames, sampleRate: sampleRate, seed: cue.seed)
        notes.removeAll { $0.start >= frames || $0.length <= 0 }
    }

    /// The phrase's dynamic arc at `frame`: each pass through the progression swells from
    /// 0.84 to full level at its middle and relaxes again, so the bed breathes.
    func swell(at frame: Int) -> Float {
        let position = (Double(frame) / phraseFrames).truncatingRemainder(dividingBy: 1)
        return Float(0.84 + 0.16 * MusicMath.sin(Double.pi * position))
    }

    /// How many `unit`-long slots start inside `frames`, ignoring sub-frame rounding
    /// (a chord of 96 000 frames holds 2 bars of 48 000.000_1, not 3).
    static func count(_ frames: Int, per unit: Double) -> Int {
        max(0, Int((Double(frames) / unit - 0.01).rounded(.up)))
    }

    /// The frame `beats` beats after `origin`, rounded.
    func frame(_ origin: Double, plusBeats beats: Double) -> Int {
        Int((origin + beats * beatFrames).rounded())
    }

    private mutating func planChords(style: MusicStyle, progression: [MusicChord], frames: Int, seed: UInt64) {
        var count = max(1, Int((Double(frames) / chordFrames).rounded(.up)))
        // A last chord shorter than half its length would only flicker under the fade:
        // the chord before it holds on to the end instead.
        if count > 1 && Double(frames) - Double(count - 1) * chordFrames < 0.5 * chordFrames {
            count -= 1
        }
        var previous: [Int]?
        var random = SeededRandom(seed: seed, stream: 2)
        let pad = style.pad
        for index in 0..<count {
            let landing = count > 2 && index == count - 1
            let chord = landing ? progression[0] : progression[index % progression.count]
            let pcs = chord.pitchClasses(tonic: style.tonic)
            // The first chord's register varies a little with the seed.
            let center = previous == nil ? pad.center + random.int(below: 5) - 2 : pad.center
            let voicing = MusicVoicing.voice(pcs, after: previous, center: center,
                                             low: pad.center - 10, high: pad.center + 14)
            let start = Int((Double(index) * chordFrames).rounded())
            let end = index == count - 1 ? max(frames, start + 1) : Int((Double(index + 1) * chordFrames).rounded())
            changes.append(Change(start: start, end: end, chord: chord, voicing: voicing))
            previous = voicing
        }
    }

    /// Pad notes, tying common tones across chord changes instead of re-striking them.
    private mutating func addPad(style: MusicStyle, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: 3)
        var sounding: [Int: Int] = [:]   // pitch → index in `notes`
        for change in changes {
            let end = change.end
            var next: [Int: Int] = [:]
            for (voice, pitch) in change.voicing.enumerated() {
                if let tied = sounding[pitch] {
                    notes[tied].length = end - notes[tied].start
                    next[pitch] = tied
                    continue
                }
                let spread = change.voicing.count > 1 ? Float(voice) / Float(change.voicing.count - 1) : 0.5
                notes.append(MusicNote(
                    instrument: .pad, start: change.start, length: end - change.start, pitch: pitch,
                    velocity: Float(random.double(in: 0.85...1)) * swell(at: change.start), pan: -0.35 + 0.7 * spread,
                    seed: random.next()))
                next[pitch] = notes.count - 1
            }
            sounding = next
        }
    }

    private mutating func addBass(style: MusicStyle, intensity: Double, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: 4)
        let bass = style.bass
        for change in changes {
            let rootClass = change.chord.rootClass(tonic: style.tonic)
            let root = bass.low + ((rootClass - bass.low) % 12 + 12) % 12
            let bars = Self.count(change.end - change.start, per: barFrames)
            for bar in 0..<bars {
                let origin = Double(change.start) + Double(bar) * barFrames
                for step in bass.steps {
                    // Quiet cues drop the off-beat notes of busy bass lines.
                    if intensity < 0.3 && step.velocity < 0.65 { continue }
                    let start = frame(origin, plusBeats: step.beat)
                    notes.append(MusicNote(
                        instrument: .bass, start: start,
                        length: frame(origin, plusBeats: step.beat + step.length) - start,
                        pitch: root + step.interval,
                        velocity: step.velocity * Float(random.double(in: 0.92...1)) * swell(at: start), pan: 0,
                        seed: random.next()))
                }
            }
        }
    }
}
