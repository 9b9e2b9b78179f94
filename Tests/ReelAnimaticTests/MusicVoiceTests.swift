import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Music voices start and stop without clicks")
struct MusicVoiceTests {
    static let instruments: [MusicNote.Instrument] = [.pad, .bass, .pluck, .bell, .electricPiano, .kick, .snare, .shaker, .tick]

    /// Plays one note alone on a four-second bus and returns the left channel.
    private func solo(_ instrument: MusicNote.Instrument, start: Int = 4_800, length: Int = 24_000) -> [Float] {
        let style = MusicStyle(for: instrument == .bell ? .calm : instrument == .electricPiano ? .sad : .warm)
        let bus = MusicBus(frames: 192_000, sampleRate: 48_000)
        let note = MusicNote(instrument: instrument, start: start, length: length, pitch: 60,
                             velocity: 1, pan: 0, seed: 77)
        if instrument == .pad {
            MusicSynth.playPad(note, part: style.pad, on: bus)
        } else {
            MusicSynth.play(note, style: style, on: bus)
        }
        return Array(UnsafeBufferPointer(start: bus.left, count: bus.frames))
    }

    @Test("a note is silent before it starts, rises from zero and decays to exactly zero", arguments: instruments)
    func envelopeEnds(instrument: MusicNote.Instrument) throws {
        let samples = solo(instrument)
        let peak = samples.map(abs).max()!
        #expect(peak > 0.01)
        #expect(samples[..<4_800].allSatisfy { $0 == 0 })
        // The first sample is a tiny fraction of the peak: an attack ramp, not a step.
        #expect(abs(samples[4_800]) < 0.02 * peak, "first sample \(samples[4_800]) of peak \(peak)")
        let last = try #require(samples.lastIndex { $0 != 0 })
        #expect(last < 190_000, "still sounding at the end of the bus")
        let tail = samples[(last - 47)...last].map(abs).max()!
        #expect(tail < 0.002 * peak, "the last millisecond reaches \(tail) of peak \(peak)")
    }

    @Test("the envelope's steps are no larger than its attack ramp")
    func envelopeSteps() {
        var envelope = MusicEnvelope(attack: 0.005, decay: 1, sustain: 0.6, hold: 2_000, release: 0.05, sampleRate: 48_000)
        var previous: Float = 0, largest: Float = 0
        for _ in 0..<envelope.length {
            let level = envelope.next()
            largest = max(largest, abs(level - previous))
            previous = level
        }
        #expect(largest <= 1 / 240 + 1e-6)
        #expect(previous == 0)
    }

    @Test("a plucked note is in tune")
    func pluckTuning() {
        let samples = solo(.pluck, start: 0, length: 48_000).map(Double.init)
        // The strongest autocorrelation lag over the steady middle of the note is its period.
        let segment = Array(samples[4_800..<14_400])
        var bestLag = 0, best = -Double.infinity
        for lag in 100...300 {
            var sum = 0.0
            for i in 0..<(segment.count - lag) { sum += segment[i] * segment[i + lag] }
            if sum > best { best = sum; bestLag = lag }
        }
        let frequency = 48_000 / Double(bestLag)
        #expect(abs(frequency - 261.6) < 2, "\(frequency) Hz")   // middle C, lag 183.5
    }
}
