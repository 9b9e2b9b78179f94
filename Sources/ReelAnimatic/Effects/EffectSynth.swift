import Foundation
import ReelModel

/// The offline sound effects: ambiences under a scene and spot effects at a shot, made from
/// filtered noise, decaying tones and slow random modulation.
///
/// Ambiences (rain, wind, the sea…) run for any length without a loop point and cost well
/// under a hundredth of their duration to render; spot effects (a door, a knock…) place
/// their event near the start and then decay to silence, or are cut by a shorter request.
/// Every render fades in over 30 ms and out over 50 ms, and is normalised by its own peak:
/// ambiences to -10 dBFS, spot effects to -3 dBFS.
///
/// Rendering is pure: the same effect, length, seed and rate give the same samples on
/// every machine (seeded generators, table oscillators, no libm in the signal path), so a
/// render can be cached by content.
///
/// ```swift
/// let pcm = EffectSynth.render(.rain, frames: 480_000, seed: 7, sampleRate: 48_000)
/// let wav = WAV.encode(samples: pcm, sampleRate: 48_000, channels: 2)
/// ```
public enum EffectSynth {
    /// The version of the sound. Put it in an effect's cache key: it goes up whenever a
    /// change makes any request render different samples.
    public static let version = 1

    /// The peak of an ambience: -10 dBFS.
    static let ambiencePeak: Float = 0.316
    /// The peak of a spot effect: -3 dBFS.
    static let spotPeak: Float = 0.708

    /// Renders `effect` to interleaved stereo 16-bit PCM.
    ///
    /// - Parameters:
    ///   - effect: what to make.
    ///   - frames: samples per channel; the result is exactly this long.
    ///   - seed: variation (droplets, gusts, waves, timing). Same arguments → same samples.
    ///   - sampleRate: frames per second, 8 000…192 000; 48 000 for video.
    /// - Returns: `2 × frames` samples, left first; empty when `frames` is not positive.
    public static func render(_ effect: SoundEffect, frames: Int, seed: UInt64, sampleRate: Int) -> [Int16] {
        precondition((8_000...192_000).contains(sampleRate), "sample rate \(sampleRate) is outside 8000...192000")
        guard frames > 0 else { return [] }
        let bus = EffectBus(frames: frames, sampleRate: sampleRate)
        var random = SeededRandom(seed: seed, stream: "effect." + effect.rawValue)
        switch effect {
        case .rain: rain(bus, &random)
        case .wind: wind(bus, &random)
        case .sea: sea(bus, &random)
        case .traffic: traffic(bus, &random)
        case .fire: fire(bus, &random)
        case .crickets: crickets(bus, &random)
        case .clock: clock(bus, &random)
        case .thunder: thunder(bus, &random)
        case .door: door(bus, &random)
        case .knock: knock(bus, &random)
        case .footsteps: footsteps(bus, &random)
        case .phone: phone(bus, &random)
        case .glass: glass(bus, &random)
        }
        return finish(bus, peak: effect.isAmbience ? ambiencePeak : spotPeak)
    }

    /// Removes DC (a ≈20 Hz high-pass), applies smoothstep fades of 30 ms in and 50 ms out
    /// (shortened together when the render is shorter), scales the largest sample to `peak`
    /// and rounds to interleaved 16-bit PCM. The first and last samples are exactly zero.
    static func finish(_ bus: EffectBus, peak target: Float) -> [Int16] {
        let frames = bus.frames
        var fadeIn = Int(0.03 * bus.sampleRate), fadeOut = Int(0.05 * bus.sampleRate)
        if fadeIn + fadeOut > frames {
            let scale = Double(frames) / Double(fadeIn + fadeOut)
            fadeIn = Int(Double(fadeIn) * scale)
            fadeOut = Int(Double(fadeOut) * scale)
        }
        let r = Float(1 - 2 * Double.pi * 20 / bus.sampleRate)
        var lIn: Float = 0, lOut: Float = 0, rIn: Float = 0, rOut: Float = 0
        var peak: Float = 0
        let left = bus.left, right = bus.right
        for i in 0..<frames {
            let l = left[i], rr = right[i]
            lOut = l - lIn + r * lOut
            rOut = rr - rIn + r * rOut
            lIn = l
            rIn = rr
            let g = MusicMaster.fade(i, frames: frames, fadeIn: fadeIn, fadeOut: fadeOut)
            left[i] = lOut * g
            right[i] = rOut * g
            peak = max(peak, abs(left[i]), abs(right[i]))
        }
        let gain = peak > 1e-9 ? target / peak : 0
        return [Int16](unsafeUninitializedCapacity: 2 * frames) { out, count in
            for i in 0..<frames {
                out[2 * i] = MusicMaster.quantise(left[i] * gain)
                out[2 * i + 1] = MusicMaster.quantise(right[i] * gain)
            }
            count = 2 * frames
        }
    }
}

// MARK: - Voices

extension EffectSynth {
    /// Adds a burst of noise through `filter` under `hit`'s envelope. A `wide` burst runs a
    /// second, independent noise on the right channel, so it has width; otherwise it is one
    /// point panned. Frames before the start of the render are computed but not written, so
    /// an event already under way when the render starts is heard from its middle.
    static func noise(_ hit: EffectHit, through filter: EffectFilter, seed: UInt64, wide: Bool = false,
                      on bus: EffectBus) {
        var envelope = EffectEnvelope(attack: hit.attack, decay: hit.decay, sampleRate: bus.sampleRate)
        var first = filter, second = filter
        var a = MusicNoise(seed: seed), b = MusicNoise(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let (gl, gr) = musicPan(hit.pan)
        let gain = hit.gain * filter.noiseGain
        let left = bus.left, right = bus.right
        for k in 0..<envelope.length {
            let i = hit.start + k
            guard i < bus.frames else { break }
            let e = envelope.next() * gain
            let l = first.process(a.next()) * e
            let r = wide ? second.process(b.next()) * e : l
            if i >= 0 {
                left[i] += l * gl
                right[i] += r * gr
            }
        }
    }

    /// Adds a sine (or `table`) at `frequency` Hz under `hit`'s envelope; with `glideFrom`
    /// the pitch starts there and falls (or rises) exponentially to `frequency` in `glide`
    /// seconds — the drop of a thump.
    static func tone(_ hit: EffectHit, frequency: Double, glideFrom: Double? = nil, glide: Double = 0.05,
                     table: MusicWavetable = .sine, on bus: EffectBus) {
        let sr = bus.sampleRate
        var envelope = EffectEnvelope(attack: hit.attack, decay: hit.decay, sampleRate: sr)
        let end = Float(min(frequency, 0.45 * sr))
        var offset = Float(min(glideFrom ?? frequency, 0.45 * sr)) - end
        let sweep = MusicMath.decay(seconds: glide, sampleRate: sr)
        let toPhase = Float(4_294_967_296 / sr)
        var phase: UInt32 = 0
        let (gl, gr) = musicPan(hit.pan)
        let left = bus.left, right = bus.right
        table.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for k in 0..<envelope.length {
                let i = hit.start + k
                guard i < bus.frames else { break }
                let s = musicLookup(t, phase) * envelope.next() * hit.gain
                phase &+= UInt32((end + offset) * toPhase)
                offset *= sweep
                if i >= 0 {
                    left[i] += s * gl
                    right[i] += s * gr
                }
            }
        }
    }

    /// Adds a steady tone `length` seconds long that rises and falls linearly over `ramp`
    /// seconds at each end: a pulse that never clicks.
    static func gated(at start: Int, length: Double, ramp: Double, frequency: Double, gain: Float, pan: Float,
                      table: MusicWavetable = .sine, on bus: EffectBus) {
        let sr = bus.sampleRate
        let n = max(2, Int(length * sr))
        let edge = max(1, min(Int(ramp * sr), n / 2))
        let step = MusicWavetable.increment(frequency: min(frequency, 0.45 * sr), sampleRate: sr)
        let (gl, gr) = musicPan(pan)
        let left = bus.left, right = bus.right
        let slope = gain / Float(edge)
        var phase: UInt32 = 0
        table.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for k in 0..<n {
                let i = start + k
                guard i < bus.frames else { break }
                let level = slope * Float(min(k, n - 1 - k, edge))
                let s = musicLookup(t, phase) * level
                phase &+= step
                if i >= 0 {
                    left[i] += s * gl
                    right[i] += s * gr
                }
            }
        }
    }
}

// MARK: - Building blocks

/// The two mix buffers of one render, allocated once.
final class EffectBus {
    let frames: Int
    let sampleRate: Double
    let left: UnsafeMutablePointer<Float>
    let right: UnsafeMutablePointer<Float>

    init(frames: Int, sampleRate: Int) {
        self.frames = frames
        self.sampleRate = Double(sampleRate)
        left = .allocate(capacity: max(frames, 1))
        right = .allocate(capacity: max(frames, 1))
        left.initialize(repeating: 0, count: max(frames, 1))
        right.initialize(repeating: 0, count: max(frames, 1))
    }

    deinit {
        left.deallocate()
        right.deallocate()
    }

    /// The render's length in seconds.
    var duration: Double { Double(frames) / sampleRate }

    /// The frame `seconds` after the start (before it when negative).
    func frame(_ seconds: Double) -> Int {
        Int((seconds * sampleRate).rounded(.down))
    }
}

/// Where and how one event sounds: its first frame, a linear attack, a fall of 60 dB over
/// `decay` seconds, a level and a place between the speakers (-1 left … 1 right).
struct EffectHit {
    var start: Int
    var attack: Double
    var decay: Double
    var gain: Float
    var pan: Float = 0
}

/// A linear attack to 1, then an exponential fall that reaches exactly zero after `decay`
/// seconds (it subtracts the -60 dB floor, so an event never stops with a step).
struct EffectEnvelope {
    /// Frames from the first sample to silence.
    let length: Int
    private let attack: Int
    private let step: Float
    private let fall: Float
    private var level: Float = 0
    private var t = 0

    init(attack: Double, decay: Double, sampleRate: Double) {
        self.attack = max(1, Int(attack * sampleRate))
        let decayFrames = max(1, Int(decay * sampleRate))
        step = 1 / Float(self.attack)
        fall = MusicMath.decay(seconds: Double(decayFrames) / sampleRate, sampleRate: sampleRate)
        length = self.attack + decayFrames
    }

    @inline(__always)
    mutating func next() -> Float {
        defer { t += 1 }
        if t < attack {
            level += step
            return level
        }
        level *= fall
        return max(0, level - 0.001)
    }
}

/// A direct-form-I biquad with RBJ coefficients (computed with ``MusicMath``, never per
/// sample). The corner is kept between 10 Hz and 0.45 × the sample rate.
struct EffectFilter {
    enum Kind { case lowPass, highPass, bandPass }

    private let b0, b1, b2, a1, a2: Float
    private var x1: Float = 0, x2: Float = 0, y1: Float = 0, y2: Float = 0
    /// The gain that brings white noise through the filter back to about its own level:
    /// √(Nyquist / equivalent noise bandwidth). Lets recipes set levels without caring how
    /// narrow a band is.
    let noiseGain: Float

    /// - Parameters:
    ///   - frequency: the corner (low- and high-pass) or centre (band-pass, 0 dB peak), Hz.
    ///   - q: resonance; 0.707 is flat (Butterworth).
    init(_ kind: Kind, _ frequency: Double, q: Double = 0.707, sampleRate: Double) {
        let f = min(max(frequency, 10), 0.45 * sampleRate)
        let w = 2 * Double.pi * f / sampleRate
        let cosw = MusicMath.cos(w)
        let alpha = MusicMath.sin(w) / (2 * q)
        let a0 = 1 + alpha
        let bandwidth: Double
        switch kind {
        case .lowPass:
            b0 = Float((1 - cosw) / 2 / a0)
            b1 = Float((1 - cosw) / a0)
            b2 = b0
            bandwidth = Double.pi / 2 * f * q
        case .highPass:
            b0 = Float((1 + cosw) / 2 / a0)
            b1 = Float(-(1 + cosw) / a0)
            b2 = b0
            bandwidth = 0.5 * sampleRate - f
        case .bandPass:
            b0 = Float(alpha / a0)
            b1 = 0
            b2 = -b0
            bandwidth = Double.pi / 2 * f / q
        }
        a1 = Float(-2 * cosw / a0)
        a2 = Float((1 - alpha) / a0)
        noiseGain = Float(Self.flatten(bandwidth: bandwidth, sampleRate: sampleRate))
    }

    /// √(Nyquist / `bandwidth`), at least 1: the gain that keeps white noise at its level
    /// after a filter passing `bandwidth` Hz of it.
    static func flatten(bandwidth: Double, sampleRate: Double) -> Double {
        (0.5 * sampleRate / min(max(bandwidth, 1), 0.5 * sampleRate)).squareRoot()
    }

    @inline(__always)
    mutating func process(_ x: Float) -> Float {
        let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2 = x1
        x1 = x
        y2 = y1
        y1 = y
        return y
    }
}

/// A slow random control signal: it glides (smoothstep) from one random level in `range` to
/// the next, taking a random time in `interval` seconds for each. Gusts, swells, flicker.
struct EffectWander {
    private var random: SeededRandom
    private let range: ClosedRange<Double>
    private let interval: ClosedRange<Double>
    private let sampleRate: Double
    private var from: Float
    private var to: Float
    private var t: Float
    private var step: Float

    init(_ range: ClosedRange<Double>, every interval: ClosedRange<Double>, sampleRate: Double, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        self.range = range
        self.interval = interval
        self.sampleRate = sampleRate
        from = Float(random.double(in: range))
        to = Float(random.double(in: range))
        // Start part-way through a glide, so renders do not all begin at a turning point.
        t = Float(random.unit())
        step = Float(1 / (random.double(in: interval) * sampleRate))
        self.random = random
    }

    @inline(__always)
    mutating func next() -> Float {
        if t >= 1 { turn() }
        let s = t * t * (3 - 2 * t)
        t += step
        return from + (to - from) * s
    }

    private mutating func turn() {
        from = to
        to = Float(random.double(in: range))
        t = 0
        step = Float(1 / (random.double(in: interval) * sampleRate))
    }
}
