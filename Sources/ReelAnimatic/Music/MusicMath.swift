import Foundation

/// Deterministic elementary functions for the synthesiser.
///
/// libm's `sin` and `exp` may differ in the last bit between platforms, and a single bit
/// changes the bytes of a content-addressed cue. These use only `+ - * /` (exactly rounded
/// by IEEE 754 everywhere), so a cue renders identically on Linux and macOS. They run only
/// when tables and coefficients are built, never per sample.
enum MusicMath {
    static let ln2 = 0.693_147_180_559_945_3

    /// sin(x) for any finite x: reduced to [-π, π], then a Taylor series to x^27.
    static func sin(_ x: Double) -> Double {
        let twoPi = 2 * Double.pi
        var r = x - (x / twoPi).rounded() * twoPi
        if r > .pi { r -= twoPi }
        if r < -.pi { r += twoPi }
        let r2 = r * r
        var term = r
        var sum = r
        var k = 1.0
        for _ in 0..<13 {
            term *= -r2 / ((k + 1) * (k + 2))
            sum += term
            k += 2
        }
        return sum
    }

    static func cos(_ x: Double) -> Double {
        sin(x + .pi / 2)
    }

    /// e^x for |x| < 700: x = k·ln2 + r with |r| ≤ ln2/2, a Taylor series for e^r, then 2^k.
    static func exp(_ x: Double) -> Double {
        if x < -700 { return 0 }
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...16 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// 2^x.
    static func exp2(_ x: Double) -> Double {
        exp(x * ln2)
    }

    /// The equal-tempered frequency of a MIDI note (A4 = 69 = 440 Hz).
    static func frequency(midi: Int) -> Double {
        440 * exp2(Double(midi - 69) / 12)
    }

    /// The per-sample multiplier that decays by 60 dB in `seconds`.
    static func decay(seconds: Double, sampleRate: Double) -> Float {
        guard seconds > 0 else { return 0 }
        // ln(0.001) = -6.907755…
        return Float(exp(-6.907_755_278_982_137 / (seconds * sampleRate)))
    }
}
