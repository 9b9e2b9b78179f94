import Foundation

/// A small seeded pseudo-random generator (SplitMix64) for the music synthesiser.
///
/// The music bed is content-addressed: the same cue and seed must give the same bytes on
/// every machine, so nothing here touches the system generator. SplitMix64 is tiny, fast
/// and passes BigCrush; its output depends only on the seed.
struct MusicRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one part of the score, independent of how much the others drew.
    init(seed: UInt64, stream: UInt64) {
        var mixer = MusicRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in 0..<1 (53 random bits).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// A uniform integer in 0..<`bound` (`bound` > 0).
    mutating func int(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }
}

/// A 32-bit xorshift generator for per-sample noise inside a voice's inner loop.
struct MusicNoise: Sendable {
    private var state: UInt32

    init(seed: UInt64) {
        let folded = UInt32(truncatingIfNeeded: seed ^ (seed >> 32))
        state = folded == 0 ? 0x6D2B_79F5 : folded
    }

    /// White noise in -1...1.
    @inline(__always)
    mutating func next() -> Float {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return Float(Int32(bitPattern: state)) * (1.0 / 2_147_483_648.0)
    }
}
