import Foundation

/// A small seeded generator (SplitMix64): the same seed gives the same panel on every
/// machine, unlike the system generator or `Hasher`.
struct PanelRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one concern (`"palette"`, `"dressing"`) so that adding draws to one
    /// concern does not shift the others.
    init(seed: UInt64, stream: String) {
        state = seed ^ PanelRandom.hash(stream)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<1`.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A number in `a..<b`.
    mutating func range(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * unit()
    }

    /// An integer in `0..<n`; 0 when `n` is not positive.
    mutating func int(_ n: Int) -> Int {
        n > 0 ? Int(next() % UInt64(n)) : 0
    }

    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(items.count)]
    }

    /// FNV-1a over UTF-8: stable across runs and platforms.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x100_0000_01B3
        }
        return h
    }
}
