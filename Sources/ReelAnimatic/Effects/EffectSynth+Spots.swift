import Foundation
import ReelModel

/// Spot effects: one event near the start, then decay. Times are absolute seconds, so a
/// longer render ends in silence and a shorter one cuts the event (under the fade-out).
extension EffectSynth {
    /// Thunder: a crack (a bright, wide burst of 0.15 s with a few splinters after it) and
    /// then a long roll of low noise (60–200 Hz) whose level wanders as it dies away over
    /// about four seconds.
    static func thunder(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        let pan = Float(random.double(in: -0.3...0.3))
        noise(EffectHit(start: bus.frame(0.04), attack: 0.002, decay: 0.15, gain: 1.3, pan: pan),
              through: EffectFilter(.highPass, 1_200, sampleRate: sr), seed: random.next(), wide: true, on: bus)
        for _ in 0..<4 {
            let hit = EffectHit(start: bus.frame(random.double(in: 0.06...0.3)), attack: 0.001,
                                decay: random.double(in: 0.03...0.08), gain: Float(random.double(in: 0.3...0.7)),
                                pan: Float(random.double(in: -0.6...0.6)))
            noise(hit, through: EffectFilter(.bandPass, random.double(in: 800...3_000), q: 1, sampleRate: sr),
                  seed: random.next(), on: bus)
        }
        roll(at: bus.frame(0.08), length: 3.85, seed: random.next(), on: bus)
    }

    /// Thunder's roll: low noise on each side, rising in 0.25 s, its level wandering fast
    /// and deep, under a quadratic fall that reaches silence after `length` seconds.
    static func roll(at start: Int, length: Double, seed: UInt64, on bus: EffectBus) {
        let sr = bus.sampleRate
        var random = SeededRandom(seed: seed)
        var noiseL = MusicNoise(seed: random.next()), noiseR = MusicNoise(seed: random.next())
        var lowL = EffectFilter(.lowPass, 200, sampleRate: sr), lowR = lowL
        var highL = EffectFilter(.highPass, 60, sampleRate: sr), highR = highL
        var swell = EffectWander(0.25...1, every: 0.15...0.6, sampleRate: sr, seed: random.next())
        let gain = Float(EffectFilter.flatten(bandwidth: 160, sampleRate: sr))
        let n = max(1, Int(length * sr)), attack = max(1, Int(0.25 * sr))
        let left = bus.left, right = bus.right
        for k in 0..<n {
            let i = start + k
            guard i < bus.frames else { break }
            let rise = Float(min(k, attack)) / Float(attack)
            let fall = 1 - Float(k) / Float(n)
            let g = rise * fall * fall * swell.next() * gain
            left[i] += highL.process(lowL.process(noiseL.next())) * g
            right[i] += highR.process(lowR.process(noiseR.next())) * g
        }
    }

    /// A door slamming at 0.05 s: a low thump (a sine falling from 120 Hz to ~75 Hz over
    /// low noise, 0.25 s), a woody knock and a latch click, then a brief rattle.
    static func door(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        let at = bus.frame(0.05)
        tone(EffectHit(start: at, attack: 0.002, decay: 0.25, gain: 1), frequency: random.double(in: 70...85),
             glideFrom: 120, glide: 0.06, on: bus)
        noise(EffectHit(start: at, attack: 0.002, decay: 0.2, gain: 0.5), through: EffectFilter(.lowPass, 220, sampleRate: sr),
              seed: random.next(), wide: true, on: bus)
        noise(EffectHit(start: at, attack: 0.0005, decay: 0.05, gain: 0.6),
              through: EffectFilter(.bandPass, random.double(in: 650...1_000), q: 2.5, sampleRate: sr),
              seed: random.next(), on: bus)
        noise(EffectHit(start: at, attack: 0.0002, decay: 0.005, gain: 0.35),
              through: EffectFilter(.highPass, 3_000, sampleRate: sr), seed: random.next(), on: bus)
        var t = 0.11
        var level: Float = 0.3
        for _ in 0..<(4 + random.int(below: 4)) {
            let hit = EffectHit(start: bus.frame(t), attack: 0.0003, decay: random.double(in: 0.01...0.025),
                                gain: level, pan: Float(random.double(in: -0.3...0.3)))
            noise(hit, through: EffectFilter(.bandPass, random.double(in: 1_500...3_200), q: 3, sampleRate: sr),
                  seed: random.next(), on: bus)
            t += random.double(in: 0.02...0.06)
            level *= 0.75
        }
    }

    /// Three knocks on wood, 0.25 s apart from 0.1 s: each a resonant tap (noise in a narrow
    /// band at 250–400 Hz with a sine at its centre and a higher wooden mode) and a tiny click.
    static func knock(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        let base = random.double(in: 260...380)
        let pan = Float(random.double(in: -0.2...0.2))
        for k in 0..<3 {
            let at = bus.frame(0.1 + 0.25 * Double(k) + random.double(in: -0.015...0.015))
            let f = base * random.double(in: 0.96...1.04)
            let g = Float(random.double(in: 0.85...1))
            noise(EffectHit(start: at, attack: 0.0008, decay: 0.12, gain: g, pan: pan),
                  through: EffectFilter(.bandPass, f, q: 5, sampleRate: sr), seed: random.next(), on: bus)
            noise(EffectHit(start: at, attack: 0.0005, decay: 0.05, gain: 0.3 * g, pan: pan),
                  through: EffectFilter(.bandPass, 2.3 * f, q: 4, sampleRate: sr), seed: random.next(), on: bus)
            tone(EffectHit(start: at, attack: 0.001, decay: 0.09, gain: 0.4 * g, pan: pan), frequency: f, on: bus)
            noise(EffectHit(start: at, attack: 0.0002, decay: 0.004, gain: 0.25 * g, pan: pan),
                  through: EffectFilter(.highPass, 2_500, sampleRate: sr), seed: random.next(), on: bus)
        }
    }

    /// Footsteps on a hard floor for four seconds: a step every ~0.5 s (with jitter),
    /// alternately a little left and right, each a heel (low-mid noise over a soft thump)
    /// and, 60–90 ms later, the toe with a faint scuff.
    static func footsteps(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        let surface = random.double(in: 300...450)
        var side: Float = random.chance(0.5) ? -1 : 1
        var t = random.double(in: 0.06...0.1)
        while t < min(bus.duration, 3.8) {
            let g = Float(random.double(in: 0.8...1))
            let heel = EffectHit(start: bus.frame(t), attack: 0.002, decay: 0.07, gain: g, pan: 0.2 * side)
            noise(heel, through: EffectFilter(.bandPass, surface, q: 1.3, sampleRate: sr), seed: random.next(), on: bus)
            var thump = heel
            thump.decay = 0.06
            thump.gain = 0.4 * g
            tone(thump, frequency: 85, glideFrom: 110, glide: 0.03, on: bus)
            var toe = heel
            toe.start = bus.frame(t + random.double(in: 0.06...0.09))
            toe.decay = 0.05
            toe.gain = 0.6 * g
            noise(toe, through: EffectFilter(.bandPass, 2.2 * surface, q: 1.5, sampleRate: sr), seed: random.next(), on: bus)
            toe.decay = 0.02
            toe.gain = 0.15 * g
            noise(toe, through: EffectFilter(.highPass, 2_500, sampleRate: sr), seed: random.next(), on: bus)
            t += 0.5 + random.double(in: -0.04...0.04)
            side = -side
        }
    }

    /// A telephone ringing for the whole render: two tones (440 and 480 Hz, slightly buzzy,
    /// beating at 40 Hz) for 2 s, then 1 s of quiet, from 0.05 s.
    static func phone(_ bus: EffectBus, _ random: inout SeededRandom) {
        let pan = Float(random.double(in: -0.25...0.25))
        var t = 0.05
        while t < bus.duration {
            for frequency in [440.0, 480.0] {
                gated(at: bus.frame(t), length: 2, ramp: 0.01, frequency: frequency, gain: 0.5, pan: pan,
                      table: ringTable, on: bus)
            }
            t += 3
        }
    }

    /// The ring's waveform: odd harmonics, falling fast, so it carries on small speakers.
    static let ringTable = MusicWavetable(amplitudes: [1, 0, 0.25, 0, 0.06])

    /// Glass shattering at 0.05 s: a bright, wide burst of high-passed noise with a duller
    /// impact under it, then 40–65 shards — short sines at 2–6 kHz, most of them early,
    /// some with a tiny click — over about a second.
    static func glass(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        let at = 0.05
        noise(EffectHit(start: bus.frame(at), attack: 0.001, decay: 0.3, gain: 1),
              through: EffectFilter(.highPass, 3_000, sampleRate: sr), seed: random.next(), wide: true, on: bus)
        noise(EffectHit(start: bus.frame(at), attack: 0.0005, decay: 0.06, gain: 0.5),
              through: EffectFilter(.bandPass, 1_500, q: 1, sampleRate: sr), seed: random.next(), on: bus)
        for _ in 0..<(40 + random.int(below: 26)) {
            let u = random.unit()
            let start = bus.frame(at + 0.005 + u * u)
            let later = Float(1 - 0.7 * u)
            let pan = Float(random.double(in: -0.8...0.8))
            tone(EffectHit(start: start, attack: 0.0005, decay: random.double(in: 0.04...0.25),
                           gain: Float(random.double(in: 0.1...0.45)) * later, pan: pan),
                 frequency: random.double(in: 2_000...6_000), on: bus)
            if random.chance(0.5) {
                noise(EffectHit(start: start, attack: 0.0002, decay: 0.003, gain: 0.2 * later, pan: pan),
                      through: EffectFilter(.highPass, 4_500, sampleRate: sr), seed: random.next(), on: bus)
            }
        }
    }
}
