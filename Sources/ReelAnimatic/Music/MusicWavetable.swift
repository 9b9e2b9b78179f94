import Foundation

/// One cycle of a band-limited waveform, read with a 32-bit phase accumulator.
///
/// Every oscillator in the synthesiser reads a table instead of calling `sin` per sample.
/// Tables hold only a handful of harmonics with a steep roll-off, so even the highest
/// pad note stays clear of 8 kHz and nothing aliases.
struct MusicWavetable: Sendable {
    /// Samples per cycle; a power of two so the phase's top bits are the index.
    static let size = 4096
    /// `size + 1` samples; the last repeats the first for interpolation.
    let samples: [Float]

    /// A waveform from harmonic amplitudes (`amplitudes[0]` is the fundamental),
    /// normalised to a peak of 1.
    init(amplitudes: [Double]) {
        let size = Self.size
        let sine = Self.sineCycle
        var cycle = [Double](repeating: 0, count: size)
        for (index, amplitude) in amplitudes.enumerated() where amplitude != 0 {
            let harmonic = index + 1
            for i in 0..<size {
                cycle[i] += amplitude * sine[(i * harmonic) & (size - 1)]
            }
        }
        let peak = cycle.reduce(0) { max($0, abs($1)) }
        let scale = peak > 0 ? 1 / peak : 0
        samples = (cycle + [cycle[0]]).map { Float($0 * scale) }
    }

    /// One cycle of sin, computed deterministically.
    private static let sineCycle: [Double] = (0..<size).map {
        MusicMath.sin(2 * Double.pi * Double($0) / Double(size))
    }

    /// A pure sine.
    static let sine = MusicWavetable(amplitudes: [1])
    /// A soft sawtooth (1/n^1.7, ten harmonics): the body of a warm pad.
    static let softSaw = MusicWavetable(amplitudes: [
        1, 0.3078, 0.1546, 0.0947, 0.0648, 0.0476, 0.0367, 0.0292, 0.0239, 0.0200,
    ])
    /// Odd harmonics only, falling fast: a hollow, clarinet-like pad for dark moods.
    static let hollow = MusicWavetable(amplitudes: [1, 0, 0.28, 0, 0.1, 0, 0.04, 0, 0.015])
    /// A sine with a little second and third harmonic: a round bass that still reads on
    /// small speakers.
    static let roundBass = MusicWavetable(amplitudes: [1, 0.3, 0.12, 0.04])
    /// A stronger harmonic series for a picked, driving bass.
    static let pickedBass = MusicWavetable(amplitudes: [1, 0.5, 0.33, 0.2, 0.12, 0.07])
    /// An almost-sine with a touch of warmth: a soft flute-like pad.
    static let airy = MusicWavetable(amplitudes: [1, 0.18, 0.06, 0.02])
}

extension MusicWavetable {
    /// The 32-bit phase step of `frequency` Hz at `sampleRate`.
    static func increment(frequency: Double, sampleRate: Double) -> UInt32 {
        let cycles = min(max(frequency / sampleRate, 0), 0.49)
        return UInt32((cycles * 4_294_967_296).rounded())
    }
}

/// Reads a table at a 32-bit phase with linear interpolation (12-bit index, 20-bit fraction).
@inline(__always)
func musicLookup(_ table: UnsafePointer<Float>, _ phase: UInt32) -> Float {
    let index = Int(phase >> 20)
    let fraction = Float(phase & 0xF_FFFF) * (1.0 / 1_048_576.0)
    let a = table[index]
    return a + (table[index + 1] - a) * fraction
}
