import Foundation

/// The master bus: cleans, levels, limits and fades the mix, then quantises it.
///
/// 1. a DC blocker (≈10 Hz high-pass) and a 24 dB/oct low-pass at 7 kHz per channel;
/// 2. gain to the target RMS, measured between the fades so short cues are not boosted;
/// 3. a look-ahead soft limiter: gain is computed per 64-frame block, ramped down over a
///    few milliseconds before a peak and back up over ~150 ms, so peaks stay under
///    -3 dBFS without the distortion of clipping;
/// 4. smoothstep fades, which start and end at exactly zero with zero slope;
/// 5. rounding to interleaved 16-bit PCM.
enum MusicMaster {
    /// The limiter's ceiling: -3 dBFS.
    static let ceiling: Float = 0.708
    static let block = 64

    static func finish(_ bus: MusicBus, target: Float, fadeIn: Int, fadeOut: Int) -> [Int16] {
        let frames = bus.frames
        filter(bus)
        let gain = levelGain(bus, target: target, from: fadeIn, to: frames - fadeOut)
        let limit = limiterGains(bus, gain: gain)
        let left = bus.left, right = bus.right
        return [Int16](unsafeUninitializedCapacity: 2 * frames) { out, count in
            for b in 0..<(limit.count - 1) {
                let start = b * block
                let end = min(frames, start + block)
                guard start < end else { break }
                let g0 = gain * limit[b], slope = gain * (limit[b + 1] - limit[b]) / Float(block)
                for i in start..<end {
                    let g = (g0 + slope * Float(i - start)) * fade(i, frames: frames, fadeIn: fadeIn, fadeOut: fadeOut)
                    out[2 * i] = quantise(left[i] * g)
                    out[2 * i + 1] = quantise(right[i] * g)
                }
            }
            count = 2 * frames
        }
    }

    /// A DC blocker then a fourth-order Butterworth low-pass (two RBJ biquads) on both
    /// channels, in place; the two channels share a loop so their chains overlap.
    static func filter(_ bus: MusicBus) {
        let sampleRate = bus.sampleRate
        let r = Float(1 - 2 * Double.pi * 10 / sampleRate)
        let cutoff = min(7_000, 0.3 * sampleRate)
        var leftFirst = Biquad(lowPass: cutoff, q: 0.541_196, sampleRate: sampleRate)
        var leftSecond = Biquad(lowPass: cutoff, q: 1.306_563, sampleRate: sampleRate)
        var rightFirst = leftFirst, rightSecond = leftSecond
        var lIn: Float = 0, lOut: Float = 0, rIn: Float = 0, rOut: Float = 0
        let left = bus.left, right = bus.right
        for i in 0..<bus.frames {
            let l = left[i], rr = right[i]
            lOut = l - lIn + r * lOut
            rOut = rr - rIn + r * rOut
            lIn = l
            rIn = rr
            left[i] = leftSecond.process(leftFirst.process(lOut))
            right[i] = rightSecond.process(rightFirst.process(rOut))
        }
    }

    /// A direct-form-I biquad with RBJ low-pass coefficients.
    struct Biquad {
        let b0, b1, b2, a1, a2: Float
        var x1: Float = 0, x2: Float = 0, y1: Float = 0, y2: Float = 0

        init(lowPass cutoff: Double, q: Double, sampleRate: Double) {
            let w = 2 * Double.pi * cutoff / sampleRate
            let cosw = MusicMath.cos(w)
            let alpha = MusicMath.sin(w) / (2 * q)
            let a0 = 1 + alpha
            b0 = Float((1 - cosw) / 2 / a0)
            b1 = Float((1 - cosw) / a0)
            b2 = b0
            a1 = Float(-2 * cosw / a0)
            a2 = Float((1 - alpha) / a0)
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

    /// The gain that brings the RMS of frames lo..<hi (both channels) to `target`.
    static func levelGain(_ bus: MusicBus, target: Float, from lo: Int, to hi: Int) -> Float {
        var range = lo..<hi
        if range.count < bus.frames / 4 { range = 0..<bus.frames }
        var powerLeft = 0.0, powerRight = 0.0
        let left = bus.left, right = bus.right
        for i in range {
            let l = Double(left[i]), r = Double(right[i])
            powerLeft += l * l
            powerRight += r * r
        }
        let rms = ((powerLeft + powerRight) / Double(max(1, 2 * range.count))).squareRoot()
        return rms > 1e-9 ? min(Float(Double(target) / rms), 1000) : 0
    }

    /// Limiter gain at each block boundary (count: blocks + 1), each ≤ 1.
    static func limiterGains(_ bus: MusicBus, gain: Float) -> [Float] {
        let blocks = (bus.frames + block - 1) / block
        let left = bus.left, right = bus.right
        var wanted = [Float](repeating: 1, count: blocks)
        for b in 0..<blocks {
            var peak: Float = 0
            for i in (b * block)..<min(bus.frames, (b + 1) * block) {
                peak = max(peak, abs(left[i]), abs(right[i]))
            }
            peak *= gain
            if peak > ceiling { wanted[b] = ceiling / peak }
        }
        let attack: Float = 0.25, release: Float = 1 / Float(max(1, Int(0.15 * bus.sampleRate) / block))
        for b in stride(from: blocks - 2, through: 0, by: -1) {
            wanted[b] = min(wanted[b], wanted[b + 1] + attack)
        }
        for b in 1..<max(1, blocks) {
            wanted[b] = min(wanted[b], wanted[b - 1] + release)
        }
        // Each block's ramp runs from its start boundary to its end; a boundary takes the
        // smaller of its neighbours so no frame exceeds its block's gain.
        var boundaries = [Float](repeating: 1, count: blocks + 2)
        for b in 0...blocks {
            let before = b > 0 ? wanted[b - 1] : 1
            let after = b < blocks ? wanted[b] : 1
            boundaries[b] = min(before, after)
        }
        boundaries[blocks + 1] = boundaries[blocks]
        return boundaries
    }

    /// Smoothstep in over `fadeIn` frames and out over `fadeOut`.
    @inline(__always)
    static func fade(_ i: Int, frames: Int, fadeIn: Int, fadeOut: Int) -> Float {
        var g: Float = 1
        if i < fadeIn {
            let t = Float(i) / Float(fadeIn)
            g = t * t * (3 - 2 * t)
        }
        let fromEnd = frames - 1 - i
        if fromEnd < fadeOut {
            let t = Float(fromEnd) / Float(fadeOut)
            g *= t * t * (3 - 2 * t)
        }
        return g
    }

    @inline(__always)
    static func quantise(_ x: Float) -> Int16 {
        // Round half away from zero by truncating x ± 0.5: one instruction, no libm call.
        let scaled = min(max(x * 32_767, -32_767), 32_767)
        return Int16(scaled + (scaled < 0 ? -0.5 : 0.5))
    }
}
