import Foundation

/// A small stereo hall after Freeverb: six damped feedback combs and three all-passes per
/// side, with slightly different lengths left and right for width.
///
/// It turns the dry notes into a room; damping in the comb loops keeps the tail dark, as
/// under-dialogue music should be. Buffers are allocated once per render.
final class MusicReverb {
    private struct Line {
        let buffer: UnsafeMutablePointer<Float>
        let count: Int
        var index = 0
        var store: Float = 0

        init(count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: 0, count: count)
        }
    }

    private static let combLengths = [1116, 1188, 1277, 1356, 1422, 1557]
    private static let allpassLengths = [556, 441, 341]
    private static let stereoSpread = 23

    private var combs: [[Line]]
    private var allpasses: [[Line]]
    private let feedback: Float = 0.83
    private let damping: Float = 0.4

    init(sampleRate: Double) {
        let scale = sampleRate / 44_100
        func line(_ n: Int, _ side: Int) -> Line {
            Line(count: max(1, Int(Double(n + side * Self.stereoSpread) * scale)))
        }
        combs = (0..<2).map { side in Self.combLengths.map { line($0, side) } }
        allpasses = (0..<2).map { side in Self.allpassLengths.map { line($0, side) } }
    }

    deinit {
        for line in (combs + allpasses).joined() { line.buffer.deallocate() }
    }

    /// Runs the send through the hall and adds the result to the dry channels.
    func process(_ bus: MusicBus, wet: Float) {
        var l0 = combs[0][0], l1 = combs[0][1], l2 = combs[0][2], l3 = combs[0][3], l4 = combs[0][4], l5 = combs[0][5]
        var r0 = combs[1][0], r1 = combs[1][1], r2 = combs[1][2], r3 = combs[1][3], r4 = combs[1][4], r5 = combs[1][5]
        var la = allpasses[0][0], lb = allpasses[0][1], lc = allpasses[0][2]
        var ra = allpasses[1][0], rb = allpasses[1][1], rc = allpasses[1][2]
        let gain: Float = 0.1 * wet
        let input = bus.send, left = bus.left, right = bus.right
        // Both sides in one loop: their feedback chains are independent, so they overlap.
        for i in 0..<bus.frames {
            let x = input[i] * gain
            var l = comb(&l0, x) + comb(&l1, x) + comb(&l2, x) + comb(&l3, x) + comb(&l4, x) + comb(&l5, x)
            var r = comb(&r0, x) + comb(&r1, x) + comb(&r2, x) + comb(&r3, x) + comb(&r4, x) + comb(&r5, x)
            l = allpass(&lc, allpass(&lb, allpass(&la, l)))
            r = allpass(&rc, allpass(&rb, allpass(&ra, r)))
            left[i] += l
            right[i] += r
        }
        combs = [[l0, l1, l2, l3, l4, l5], [r0, r1, r2, r3, r4, r5]]
        allpasses = [[la, lb, lc], [ra, rb, rc]]
    }

    @inline(__always)
    private func comb(_ line: inout Line, _ x: Float) -> Float {
        let out = line.buffer[line.index]
        line.store = out * (1 - damping) + line.store * damping
        line.buffer[line.index] = x + line.store * feedback
        line.index += 1
        if line.index == line.count { line.index = 0 }
        return out
    }

    @inline(__always)
    private func allpass(_ line: inout Line, _ x: Float) -> Float {
        let delayed = line.buffer[line.index]
        line.buffer[line.index] = x + delayed * 0.5
        line.index += 1
        if line.index == line.count { line.index = 0 }
        return delayed - x
    }
}
