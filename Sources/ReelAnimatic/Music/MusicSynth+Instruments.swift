import Foundation

extension MusicSynth {
    /// Renders one note of the score onto the bus.
    static func play(_ note: MusicNote, style: MusicStyle, on bus: MusicBus) {
        switch note.instrument {
        case .pad: playPad(note, part: style.pad, on: bus)
        case .bass: playBass(note, part: style.bass, on: bus)
        case .pluck: playPluck(note, part: style.arpeggio, send: style.reverbSend, on: bus)
        case .bell, .electricPiano: playFM(note, part: style.arpeggio, send: style.reverbSend, on: bus)
        case .kick, .snare, .shaker, .tick: playDrum(note, on: bus)
        }
    }

    /// Two detuned oscillators per note, panned apart around the note's position: the
    /// slow beating between them is the pad's movement and its stereo width. Pads are
    /// rendered first, dry, so ``warmPads(_:part:send:)`` can filter them all at once.
    static func playPad(_ note: MusicNote, part: PadPart, on bus: MusicBus) {
        let frequency = MusicMath.frequency(midi: note.pitch)
        let detune = part.detuneCents * 0.000_577_6   // ≈ 2^(c/1200) − 1 for small c
        let inc1 = MusicWavetable.increment(frequency: frequency * (1 - detune), sampleRate: bus.sampleRate)
        let inc2 = MusicWavetable.increment(frequency: frequency * (1 + detune), sampleRate: bus.sampleRate)
        var envelope = MusicEnvelope(attack: part.attack, decay: 4, sustain: 0.8, hold: note.length,
                                     release: part.release, sampleRate: bus.sampleRate)
        var p1 = UInt32(truncatingIfNeeded: note.seed)
        var p2 = UInt32(truncatingIfNeeded: note.seed >> 32)
        // A four-voice chord of two oscillators each sits level with one arpeggio note.
        let amplitude = part.level * note.velocity * 0.3
        let (l1, r1) = musicPan(note.pan - 0.3)
        let (l2, r2) = musicPan(note.pan + 0.3)
        let span = bus.span(start: note.start, length: envelope.length)
        let left = bus.left, right = bus.right
        part.timbre.table.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for i in span {
                let e = envelope.next() * amplitude
                let a = musicLookup(t, p1) * e
                let b = musicLookup(t, p2) * e
                p1 &+= inc1
                p2 &+= inc2
                left[i] += a * l1 + b * l2
                right[i] += a * r1 + b * r2
            }
        }
    }

    /// Runs the dry pads through a gentle two-pole low-pass, so they are warm rather than
    /// buzzy, and feeds them to the reverb send. Call it before any other part is played.
    static func warmPads(_ bus: MusicBus, part: PadPart, send: Float) {
        let k = Float(1 - MusicMath.exp(-2 * Double.pi * part.timbre.cutoff / bus.sampleRate))
        let sendLevel = send * 0.4
        var l1: Float = 0, l2: Float = 0, r1: Float = 0, r2: Float = 0
        let left = bus.left, right = bus.right, sendBus = bus.send
        for i in 0..<bus.frames {
            l1 += k * (left[i] - l1)
            r1 += k * (right[i] - r1)
            l2 += k * (l1 - l2)
            r2 += k * (r1 - r2)
            left[i] = l2
            right[i] = r2
            sendBus[i] = (l2 + r2) * sendLevel
        }
    }

    /// A round or picked bass note, centred, with a quick attack and a short release.
    static func playBass(_ note: MusicNote, part: BassPart, on bus: MusicBus) {
        let picked = part.timbre == .picked
        let table: MusicWavetable = picked ? .pickedBass : .roundBass
        let inc = MusicWavetable.increment(frequency: MusicMath.frequency(midi: note.pitch), sampleRate: bus.sampleRate)
        var envelope = MusicEnvelope(attack: picked ? 0.006 : 0.03, decay: picked ? 0.6 : 2.5, sustain: picked ? 0.45 : 0.7,
                                     hold: note.length, release: picked ? 0.08 : 0.15, sampleRate: bus.sampleRate)
        var phase: UInt32 = 0
        let amplitude = part.level * note.velocity * 0.45
        let span = bus.span(start: note.start, length: envelope.length)
        let left = bus.left, right = bus.right
        table.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for i in span {
                let s = musicLookup(t, phase) * envelope.next() * amplitude
                phase &+= inc
                left[i] += s
                right[i] += s
            }
        }
    }

    /// Two-operator phase modulation: an inharmonic modulator (×3.5) gives a soft bell, a
    /// harmonic one (×1) an electric-piano tine. The modulation index decays faster than
    /// the note, so the attack is bright and the tail pure.
    static func playFM(_ note: MusicNote, part: ArpeggioPart?, send: Float, on bus: MusicBus) {
        guard let part else { return }
        let bell = note.instrument == .bell
        let frequency = MusicMath.frequency(midi: note.pitch)
        let carrierInc = MusicWavetable.increment(frequency: frequency, sampleRate: bus.sampleRate)
        let modInc = MusicWavetable.increment(frequency: frequency * (bell ? 3.5 : 1), sampleRate: bus.sampleRate)
        var envelope = MusicEnvelope(attack: bell ? 0.004 : 0.003, decay: part.decay, sustain: 0,
                                     hold: note.length, release: 0.3, sampleRate: bus.sampleRate)
        // Index in radians, scaled to phase units (2^32 / 2π).
        var index = Float(bell ? 0.8 : 1.4) * 683_565_275.6
        let indexDecay = MusicMath.decay(seconds: bell ? 0.6 : 0.5, sampleRate: bus.sampleRate)
        var carrier: UInt32 = 0
        var modulator = UInt32(truncatingIfNeeded: note.seed)
        let amplitude = part.level * note.velocity
        let (gl, gr) = musicPan(note.pan)
        let sendLevel = send * 1.2
        let span = bus.span(start: note.start, length: envelope.length)
        let left = bus.left, right = bus.right, sendBus = bus.send
        MusicWavetable.sine.samples.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            for i in span {
                let m = musicLookup(t, modulator) * index
                let s = musicLookup(t, carrier &+ UInt32(bitPattern: Int32(m))) * envelope.next() * amplitude
                carrier &+= carrierInc
                modulator &+= modInc
                index *= indexDecay
                left[i] += s * gl
                right[i] += s * gr
                sendBus[i] += s * sendLevel
            }
        }
    }
}

extension PadPart.Timbre {
    var table: MusicWavetable {
        switch self {
        case .softSaw: .softSaw
        case .hollow: .hollow
        case .airy: .airy
        }
    }

    /// The low-pass corner for the pad bus, Hz.
    var cutoff: Double {
        switch self {
        case .softSaw: 1_300
        case .hollow: 1_100
        case .airy: 2_000
        }
    }
}
