import Foundation

/// The mix buffers of one render: dry left and right, a mono reverb send, and scratch
/// memory for the plucked-string voice. Allocated once per cue, never per note or sample.
final class MusicBus {
    let frames: Int
    let sampleRate: Double
    let left: UnsafeMutablePointer<Float>
    let right: UnsafeMutablePointer<Float>
    let send: UnsafeMutablePointer<Float>
    /// A delay line long enough for the lowest plucked note.
    let scratch: UnsafeMutablePointer<Float>
    static let scratchCount = 8192

    init(frames: Int, sampleRate: Int) {
        self.frames = frames
        self.sampleRate = Double(sampleRate)
        left = .allocate(capacity: max(frames, 1))
        right = .allocate(capacity: max(frames, 1))
        send = .allocate(capacity: max(frames, 1))
        scratch = .allocate(capacity: Self.scratchCount)
        left.initialize(repeating: 0, count: max(frames, 1))
        right.initialize(repeating: 0, count: max(frames, 1))
        send.initialize(repeating: 0, count: max(frames, 1))
        scratch.initialize(repeating: 0, count: Self.scratchCount)
    }

    deinit {
        left.deallocate()
        right.deallocate()
        send.deallocate()
        scratch.deallocate()
    }

    /// The frames a note starting at `start` and lasting `length` may write, clipped to the cue.
    func span(start: Int, length: Int) -> Range<Int> {
        let lower = min(max(start, 0), frames)
        return lower..<min(max(start + length, lower), frames)
    }
}

/// Left and right gains for a pan position (-1…1), equal power.
@inline(__always)
func musicPan(_ pan: Float) -> (left: Float, right: Float) {
    let p = min(max(pan, -1), 1)
    return ((0.5 * (1 - p)).squareRoot(), (0.5 * (1 + p)).squareRoot())
}
