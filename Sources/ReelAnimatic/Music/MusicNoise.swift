import Foundation

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
