import Foundation

extension MusicSynth {
    /// A Karplus–Strong plucked string: a burst of soft noise circulating in a delay line
    /// one period long, losing its highs on every pass, like a harp or nylon string.
    ///
    /// An all-pass filter supplies the fractional part of the period so the pitch is in
    /// tune; the loop gain sets the decay time; a 2 ms attack and the envelope's release
    /// keep both ends free of clicks.
    static func playPluck(_ note: MusicNote, part: ArpeggioPart?, send: Float, on bus: MusicBus) {
        guard let part else { return }
        let period = bus.sampleRate / MusicMath.frequency(midi: note.pitch)
        let length = min(max(Int(period - 0.6), 2), MusicBus.scratchCount)
        let delta = Float(period - 0.5 - Double(length))
        let allpass = (1 - delta) / (1 + delta)
        let loopGain = Float(MusicMath.exp(-6.907_755 * period / (part.decay * bus.sampleRate)))
        let line = bus.scratch
        excite(line, count: length, seed: note.seed)

        var envelope = MusicEnvelope(attack: 0.002, decay: 30, sustain: 1, hold: note.length,
                                     release: 0.12, sampleRate: bus.sampleRate)
        let amplitude = part.level * note.velocity
        let (gl, gr) = musicPan(note.pan)
        let sendLevel = send * 1.2
        let span = bus.span(start: note.start, length: envelope.length)
        let left = bus.left, right = bus.right, sendBus = bus.send
        var index = 0
        var previous: Float = 0
        var apIn: Float = 0
        var apOut: Float = 0
        for i in span {
            let out = line[index]
            let average = 0.5 * (out + previous)
            previous = out
            apOut = allpass * (average - apOut) + apIn
            apIn = average
            line[index] = apOut * loopGain
            index += 1
            if index == length { index = 0 }
            let s = out * envelope.next() * amplitude
            left[i] += s * gl
            right[i] += s * gr
            sendBus[i] += s * sendLevel
        }
    }

    /// Fills the delay line with zero-mean noise at RMS 0.5, low-passed twice (≈2.5 kHz at
    /// 48 kHz) so the pluck is a felt-soft harp rather than a steel string.
    private static func excite(_ line: UnsafeMutablePointer<Float>, count: Int, seed: UInt64) {
        var noise = MusicNoise(seed: seed)
        var first: Float = 0, second: Float = 0
        var sum: Float = 0
        for i in 0..<count {
            first += 0.35 * (noise.next() - first)
            second += 0.35 * (first - second)
            line[i] = second
            sum += second
        }
        let mean = sum / Float(count)
        var power: Float = 0
        for i in 0..<count {
            line[i] -= mean
            power += line[i] * line[i]
        }
        let rms = (power / Float(count)).squareRoot()
        let scale = rms > 0 ? 0.5 / rms : 0
        for i in 0..<count { line[i] *= scale }
    }
}
