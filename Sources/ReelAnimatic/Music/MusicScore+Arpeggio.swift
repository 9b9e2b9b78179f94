import Foundation
import ReelModel

extension MusicScore {
    /// The highest note the arpeggio may play (A5, 880 Hz): a bed stays out of the
    /// register where dialogue is understood and where bells turn shrill.
    static let arpeggioCeiling = 81

    /// The moving line: chord tones of the pad's voicing, an octave or so up, in the
    /// style's pattern. Alternate passes through the progression vary the pattern.
    mutating func addArpeggio(
        _ part: ArpeggioPart, style: MusicStyle, intensity: Double, progressionLength: Int,
        sampleRate: Int, seed: UInt64
    ) {
        var random = SeededRandom(seed: seed, stream: 5)
        let stepsPerBeat = part.stepsPerBeat * (intensity > part.doubleTimeAbove ? 2 : 1)
        let stepBeats = 1 / Double(stepsPerBeat)
        let density = min(1, part.density * (0.7 + 0.6 * intensity))
        let jitter = 0.003 * Double(sampleRate)
        let instrument: MusicNote.Instrument = switch part.voice {
        case .pluck: .pluck
        case .bell: .bell
        case .electricPiano: .electricPiano
        }
        let varyOddPasses = random.chance(0.75)
        let stepFrames = beatFrames * stepBeats
        let ring = part.decay * Double(sampleRate)

        for (index, change) in changes.enumerated() {
            let pass = index / progressionLength
            let pattern = varyOddPasses && pass % 2 == 1 ? part.pattern.variation : part.pattern
            let pool = Self.pool(change.voicing, octave: part.octave)
            let chordEnd = Double(change.end)
            var last = -1
            for step in 0..<Self.count(change.end - change.start, per: stepFrames) {
                guard random.chance(density) else { continue }
                var slot = pattern.index(step: step, count: pool.count)
                if pattern == .random {
                    slot = random.int(below: pool.count)
                    if slot == last { slot = (slot + 1) % pool.count }
                }
                last = slot
                let onBeat = step % stepsPerBeat == 0
                let start = frame(Double(change.start), plusBeats: Double(step) * stepBeats)
                    + Int(random.double(in: -jitter...jitter))
                let hold = min(ring, chordEnd - Double(start) + 0.25 * beatFrames)
                notes.append(MusicNote(
                    instrument: instrument, start: max(0, start), length: Int(hold), pitch: pool[slot],
                    velocity: (onBeat ? 1 : 0.78) * Float(random.double(in: 0.85...1)) * swell(at: start),
                    pan: Float(min(max(Double(pool[slot] - 66) / 24, -0.5), 0.5) + random.double(in: -0.1...0.1)),
                    seed: random.next()))
            }
        }
    }

    /// The voicing moved up by `octave` semitones plus its lowest note an octave higher,
    /// each folded below the ceiling.
    static func pool(_ voicing: [Int], octave: Int) -> [Int] {
        var notes = voicing.map { $0 + octave }
        if let lowest = notes.first { notes.append(lowest + 12) }
        return notes.map { note in
            var n = note
            while n > arpeggioCeiling { n -= 12 }
            return n
        }.sorted()
    }
}

extension ArpeggioPart.Pattern {
    /// The pattern alternate passes use, so a long cue does not repeat literally.
    var variation: Self {
        switch self {
        case .up: .upDown
        case .down: .broken
        case .upDown: .broken
        case .broken: .upDown
        case .waltz: .up
        case .random: .random
        }
    }

    /// Which note of a `count`-note pool the `step`th step plays.
    func index(step: Int, count: Int) -> Int {
        guard count > 1 else { return 0 }
        switch self {
        case .up:
            return step % count
        case .down:
            return count - 1 - step % count
        case .upDown:
            let period = 2 * count - 2
            let i = step % period
            return i < count ? i : period - i
        case .broken:
            return min([0, 2, 1, 3][step % 4], count - 1)
        case .waltz:
            return min([0, 2, 1, 3, 2, 1][step % 6], count - 1)
        case .random:
            return 0
        }
    }
}
