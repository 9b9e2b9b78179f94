import Foundation

/// An attack–decay–sustain–release envelope stepped once per sample.
///
/// The attack is linear; decay and release are exponential. The release ends exactly at
/// zero (it subtracts the -60 dB floor), so no note ever stops with a step.
struct MusicEnvelope {
    private let attack: Int
    private let hold: Int
    private let attackStep: Float
    private let sustain: Float
    private let decay: Float
    private let release: Float
    private var level: Float = 0
    private var floor: Float = 0
    private var t = 0
    /// Frames from the first sample to silence.
    let length: Int

    /// - Parameters:
    ///   - attack: seconds to full level.
    ///   - decay: seconds for the fall towards `sustain` to cover 60 dB.
    ///   - hold: frames until release.
    ///   - release: seconds from release to silence.
    init(attack: Double, decay: Double, sustain: Float, hold: Int, release: Double, sampleRate: Double) {
        self.attack = max(1, Int(attack * sampleRate))
        self.hold = max(1, hold)
        attackStep = 1 / Float(self.attack)
        self.sustain = sustain
        self.decay = MusicMath.decay(seconds: decay, sampleRate: sampleRate)
        let releaseFrames = max(1, Int(release * sampleRate))
        self.release = MusicMath.decay(seconds: Double(releaseFrames) / sampleRate, sampleRate: sampleRate)
        length = self.hold + releaseFrames
    }

    @inline(__always)
    mutating func next() -> Float {
        defer { t += 1 }
        if t < hold {
            if t < attack {
                level += attackStep
            } else {
                level = sustain + (level - sustain) * decay
            }
            return level
        }
        if t == hold { floor = level * 0.001 }
        level *= release
        return t + 1 < length ? max(0, level - floor) : 0
    }
}
