import Foundation
import ReelModel

/// A steady stereo bed of noise: a band between two corners, its level wandering slowly.
struct EffectBed {
    /// The high-pass corner, Hz.
    var low: Double
    /// The low-pass corner, Hz.
    var high: Double
    var gain: Float
    /// How far the level wanders (1 = the bed's full level).
    var level: ClosedRange<Double> = 1...1
    /// Seconds per glide of the level.
    var interval: ClosedRange<Double> = 2...5
}

extension EffectSynth {
    /// Adds a bed: independent noise left and right (so it is wide), band-limited, at a
    /// level that wanders. Costs two noise draws and four biquads a frame.
    static func bed(_ shape: EffectBed, seed: UInt64, on bus: EffectBus) {
        let sr = bus.sampleRate
        var random = SeededRandom(seed: seed)
        var noiseL = MusicNoise(seed: random.next()), noiseR = MusicNoise(seed: random.next())
        var lowL = EffectFilter(.lowPass, shape.high, sampleRate: sr), lowR = lowL
        var highL = EffectFilter(.highPass, shape.low, sampleRate: sr), highR = highL
        var level = EffectWander(shape.level, every: shape.interval, sampleRate: sr, seed: random.next())
        let band = 1.11 * min(shape.high, 0.45 * sr) - shape.low
        let gain = shape.gain * Float(EffectFilter.flatten(bandwidth: band, sampleRate: sr))
        let left = bus.left, right = bus.right
        for i in 0..<bus.frames {
            let g = level.next() * gain
            left[i] += highL.process(lowL.process(noiseL.next())) * g
            right[i] += highR.process(lowR.process(noiseR.next())) * g
        }
    }

    /// Rain: a wide hiss up to ~7 kHz that swells a little, and about ninety droplets a
    /// second — tiny bursts of band-passed noise, mostly faint, anywhere in the field.
    static func rain(_ bus: EffectBus, _ random: inout SeededRandom) {
        bed(EffectBed(low: 300, high: 7_000, gain: 0.3, level: 0.65...1, interval: 1.5...4), seed: random.next(), on: bus)
        var t = random.double(in: 0...0.02)
        while t < bus.duration {
            let size = Float(random.unit())
            let hit = EffectHit(start: bus.frame(t), attack: 0.0003, decay: random.double(in: 0.004...0.014),
                                gain: 0.04 + 0.5 * size * size * size, pan: Float(random.double(in: -0.9...0.9)))
            let filter = EffectFilter(.bandPass, random.double(in: 1_800...6_500), q: random.double(in: 1.5...4),
                                      sampleRate: bus.sampleRate)
            noise(hit, through: filter, seed: random.next(), on: bus)
            t += random.double(in: 0...(2.0 / 90))
        }
    }

    /// Wind: low noise through a resonant filter (300–900 Hz) whose corner drifts on each
    /// side, under gusts that rise and fall every few seconds and brighten as they blow.
    static func wind(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        var gust = EffectWander(0.12...1, every: 1.5...4.5, sampleRate: sr, seed: random.next())
        var cornerL = EffectWander(300...900, every: 1...3.5, sampleRate: sr, seed: random.next())
        var cornerR = EffectWander(300...900, every: 1...3.5, sampleRate: sr, seed: random.next())
        var noiseL = MusicNoise(seed: random.next()), noiseR = MusicNoise(seed: random.next())
        // Chamberlin state-variable filters; f ≈ 2π·fc/sr, capped where they stay stable.
        var lowL: Float = 0, bandL: Float = 0, lowR: Float = 0, bandR: Float = 0
        let toF = Float(2 * Double.pi / sr)
        let damping: Float = 0.45
        let left = bus.left, right = bus.right
        for i in 0..<bus.frames {
            let g = gust.next()
            let brighten = 0.7 + 0.5 * g
            let fL = min(toF * cornerL.next() * brighten, 0.6), fR = min(toF * cornerR.next() * brighten, 0.6)
            lowL += fL * bandL
            bandL += fL * (noiseL.next() - lowL - damping * bandL)
            lowR += fR * bandR
            bandR += fR * (noiseR.next() - lowR - damping * bandR)
            left[i] += (0.6 * lowL + bandL) * g
            right[i] += (0.6 * lowR + bandR) * g
        }
    }

    /// The sea: a low wash, and waves every 6–9 s — each a wide swell of low-passed noise
    /// that builds for 2.5–4 s and then runs back, with a hiss where it breaks. A wave is
    /// already rolling in when the render starts.
    static func sea(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        bed(EffectBed(low: 60, high: 450, gain: 0.12, level: 0.7...1, interval: 2...5), seed: random.next(), on: bus)
        var t = -random.double(in: 1...6)
        while t < bus.duration {
            let rise = random.double(in: 2.5...4)
            let gain = Float(random.double(in: 0.6...1))
            let pan = Float(random.double(in: -0.4...0.4))
            let swell = EffectHit(start: bus.frame(t), attack: rise, decay: random.double(in: 4...6), gain: gain, pan: pan)
            noise(swell, through: EffectFilter(.lowPass, random.double(in: 500...800), sampleRate: sr),
                  seed: random.next(), wide: true, on: bus)
            let crest = EffectHit(start: bus.frame(t + rise - 0.4), attack: 0.4, decay: random.double(in: 1.8...3),
                                  gain: 0.45 * gain, pan: -pan)
            noise(crest, through: EffectFilter(.highPass, 2_200, sampleRate: sr), seed: random.next(), wide: true, on: bus)
            t += random.double(in: 6...9)
        }
    }

    /// Traffic: a distant low rumble (80–260 Hz), a faint tyre hiss, and a car passing every
    /// few seconds — a band of road noise that swells and fades over 3–5 s as it crosses
    /// from one side to the other.
    static func traffic(_ bus: EffectBus, _ random: inout SeededRandom) {
        bed(EffectBed(low: 80, high: 260, gain: 0.45, level: 0.6...1, interval: 2...6), seed: random.next(), on: bus)
        bed(EffectBed(low: 900, high: 3_500, gain: 0.03, level: 0.5...1, interval: 3...7), seed: random.next(), on: bus)
        var t = random.double(in: -3...0.5)
        while t < bus.duration {
            car(at: bus.frame(t), length: random.double(in: 3...5), gain: Float(random.double(in: 0.5...1)),
                direction: random.chance(0.5) ? 1 : -1, seed: random.next(), on: bus)
            t += random.double(in: 2.5...9)
        }
    }

    /// One car: noise through a band-pass that opens as the car comes near, under a bell
    /// envelope, panned from `-direction` to `direction`.
    static func car(at start: Int, length: Double, gain: Float, direction: Float, seed: UInt64, on bus: EffectBus) {
        let sr = bus.sampleRate
        let n = max(1, Int(length * sr))
        var noise = MusicNoise(seed: seed)
        var low: Float = 0, band: Float = 0
        let f0 = Float(2 * Double.pi * min(420, 0.1 * sr) / sr)
        let level = gain * Float(EffectFilter.flatten(bandwidth: 700, sampleRate: sr))
        let dx = 1 / Float(n)
        var x: Float = 0
        let left = bus.left, right = bus.right
        for k in 0..<n {
            let i = start + k
            guard i < bus.frames else { break }
            let bell = 4 * x * (1 - x)
            let near = bell * bell
            let f = f0 * (0.5 + 0.8 * near)
            low += f * band
            band += f * (noise.next() - low - 0.8 * band)
            if i >= 0 {
                let s = (band + 0.4 * low) * near * level
                let (gl, gr) = musicPan(direction * (2 * x - 1))
                left[i] += s * gl
                right[i] += s * gr
            }
            x += dx
        }
    }

    /// Fire: a soft flickering roar under 160 Hz, a faint hiss, and clusters of crackles —
    /// very short bright clicks of random size — with now and then a lower pop.
    static func fire(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        bed(EffectBed(low: 40, high: 160, gain: 0.35, level: 0.4...1, interval: 0.15...0.7), seed: random.next(), on: bus)
        bed(EffectBed(low: 2_500, high: 8_000, gain: 0.015, level: 0.3...1, interval: 0.2...1), seed: random.next(), on: bus)
        var t = random.double(in: 0.03...0.25)
        while t < bus.duration {
            var c = t
            for _ in 0..<(1 + random.int(below: 6)) {
                let size = Float(random.unit())
                let pop = random.chance(0.15)
                let filter = pop
                    ? EffectFilter(.bandPass, random.double(in: 700...1_600), q: 1.2, sampleRate: sr)
                    : EffectFilter(.highPass, random.double(in: 2_000...5_000), sampleRate: sr)
                let hit = EffectHit(start: bus.frame(c), attack: 0.0002,
                                    decay: pop ? random.double(in: 0.008...0.02) : random.double(in: 0.001...0.004),
                                    gain: 0.1 + 0.9 * size * size, pan: Float(random.double(in: -0.7...0.7)))
                noise(hit, through: filter, seed: random.next(), on: bus)
                c += random.double(in: 0.003...0.04)
            }
            t += random.double(in: 0.1...1)
        }
    }

    /// Crickets: two or three, each at its own pitch (4–5 kHz) and place, chirping every
    /// 0.6–1 s with jitter — 3 or 4 sine pulses of 15 ms — over a very quiet night air.
    static func crickets(_ bus: EffectBus, _ random: inout SeededRandom) {
        bed(EffectBed(low: 150, high: 2_500, gain: 0.012, level: 0.7...1, interval: 2...5), seed: random.next(), on: bus)
        let count = 2 + random.int(below: 2)
        for k in 0..<count {
            let pitch = random.double(in: 4_000...5_000)
            let pan = Float(-0.7 + 1.4 * (Double(k) + random.double(in: 0.2...0.8)) / Double(count))
            let gain = Float(random.double(in: 0.35...0.8))
            let period = random.double(in: 0.6...1)
            let pulses = 3 + random.int(below: 2)
            var t = random.double(in: 0.03...0.4)
            while t < bus.duration {
                for p in 0..<pulses {
                    gated(at: bus.frame(t + 0.025 * Double(p)), length: 0.015, ramp: 0.004, frequency: pitch,
                          gain: gain, pan: pan, on: bus)
                }
                t += period * random.double(in: 0.85...1.15)
            }
        }
    }

    /// A clock: a tick every second — a short ~3 kHz click falling in about 20 ms — the tock
    /// a little lower, softer and longer, in a quiet room.
    static func clock(_ bus: EffectBus, _ random: inout SeededRandom) {
        let sr = bus.sampleRate
        bed(EffectBed(low: 100, high: 1_200, gain: 0.004, level: 0.8...1, interval: 3...6), seed: random.next(), on: bus)
        var t = random.double(in: 0.05...0.35)
        var tock = false
        while t < bus.duration {
            let f = tock ? 2_450.0 : 3_100.0
            let level: Float = tock ? 0.8 : 1
            let start = bus.frame(t)
            noise(EffectHit(start: start, attack: 0.0004, decay: tock ? 0.026 : 0.02, gain: level),
                  through: EffectFilter(.bandPass, f, q: 4, sampleRate: sr), seed: random.next(), on: bus)
            tone(EffectHit(start: start, attack: 0.0004, decay: 0.015, gain: 0.3 * level), frequency: f * 1.03, on: bus)
            t += 1
            tock.toggle()
        }
    }
}
