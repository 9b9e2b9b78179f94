import Foundation

extension MusicSynth {
    /// Soft, band-limited percussion. The note's velocity already carries the lane level.
    ///
    /// - kick: a sine falling from 130 Hz to 48 Hz, no beater click;
    /// - snare: noise through a 1.5 kHz band-pass over a 190 Hz body, more brush than crack;
    /// - shaker: noise through a 4.2 kHz band-pass, short;
    /// - tick: noise through a narrow 2 kHz band-pass, a dry clock-like tock.
    static func playDrum(_ note: MusicNote, on bus: MusicBus) {
        let sr = bus.sampleRate
        let shape: DrumShape = switch note.instrument {
        case .kick: DrumShape(tone: 130, toneEnd: 48, toneMix: 1, band: 0, q: 1, decay: 0.45, toneDecay: 0.45, send: 0.05)
        case .snare: DrumShape(tone: 190, toneEnd: 180, toneMix: 0.45, band: 1500, q: 0.9, decay: 0.28, toneDecay: 0.12, send: 0.3)
        case .shaker: DrumShape(tone: 0, toneEnd: 0, toneMix: 0, band: 4200, q: 1.4, decay: 0.08, toneDecay: 0, send: 0.1)
        default: DrumShape(tone: 0, toneEnd: 0, toneMix: 0, band: 2000, q: 7, decay: 0.05, toneDecay: 0, send: 0.2)
        }
        var envelope = MusicEnvelope(attack: note.instrument == .shaker ? 0.004 : 0.0015, decay: shape.decay,
                                     sustain: 0, hold: Int(shape.decay * sr), release: 0.02, sampleRate: sr)
        let toneDecay = MusicMath.decay(seconds: max(shape.toneDecay, 0.001), sampleRate: sr)
        let sweep = MusicMath.decay(seconds: 0.12, sampleRate: sr)
        // Chamberlin state-variable band-pass, kept below sr/7 where it is stable.
        let f = Float(2 * MusicMath.sin(Double.pi * min(shape.band, sr / 7) / sr))
        let damping = Float(1 / shape.q)
        let noiseGain = Float(shape.band > 0 ? (1 - shape.toneMix) * (shape.q > 2 ? 2.5 : 1.2) : 0)
        var noise = MusicNoise(seed: note.seed)
        var low: Float = 0, band: Float = 0
        var tone = Float(shape.tone - shape.toneEnd)
        let toneEnd = Float(shape.toneEnd)
        let toPhase = Float(4_294_967_296 / sr)
        var toneLevel: Float = 1
        var phase: UInt32 = 0
        let amplitude = note.velocity
        let (gl, gr) = musicPan(note.pan)
        let sendLevel = Float(shape.send)
        let toneMix = Float(shape.toneMix)
        let span = bus.span(start: note.start, length: envelope.length)
        let left = bus.left, right = bus.right, sendBus = bus.send
        MusicWavetable.sine.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for i in span {
                low += f * band
                let high = noise.next() - low - damping * band
                band += f * high
                var s = band * noiseGain
                if toneMix > 0 {
                    s += musicLookup(t, phase) * toneLevel * toneMix
                    phase &+= UInt32((toneEnd + tone) * toPhase)
                    tone *= sweep
                    toneLevel *= toneDecay
                }
                s *= envelope.next() * amplitude
                left[i] += s * gl
                right[i] += s * gr
                sendBus[i] += s * sendLevel
            }
        }
    }
}

/// The recipe of one drum sound.
struct DrumShape {
    /// Start and end of the tonal body's pitch sweep, Hz.
    var tone: Double
    var toneEnd: Double
    /// 0 = all noise, 1 = all tone.
    var toneMix: Double
    /// Centre of the noise band-pass, Hz (0: no noise).
    var band: Double
    var q: Double
    /// Seconds to fall 60 dB.
    var decay: Double
    var toneDecay: Double
    var send: Double
}
