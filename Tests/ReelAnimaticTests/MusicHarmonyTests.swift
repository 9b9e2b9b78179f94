import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Music harmony and score")
struct MusicHarmonyTests {
    @Test("C to F keeps the common C and moves the others by step")
    func voiceLeadingByStep() {
        let f = MusicVoicing.voice([5, 9, 0], after: [60, 64, 67], center: 62, low: 52, high: 76)
        #expect(f == [60, 65, 69])
    }

    @Test("G7 resolves to Cmaj7 keeping G and B, D falling to C and F to E")
    func dominantResolution() {
        let g7 = [55, 59, 62, 65]   // G B D F
        let c = MusicVoicing.voice([0, 4, 7, 11], after: g7, center: 60, low: 50, high: 74)
        #expect(c == [55, 59, 60, 64])
        #expect(MusicVoicing.motion(from: g7, to: c) == 3)
    }

    @Test("voicings hold every chord tone inside the register")
    func voicingRange() {
        for pcs in [[2, 6, 9, 1], [4, 8, 11, 6], [9, 0, 4, 11], [1, 5, 8]] {
            let notes = MusicVoicing.voice(pcs, after: [50, 57, 62, 66], center: 60, low: 50, high: 74)
            #expect(Set(notes.map { $0 % 12 }) == Set(pcs))
            #expect(notes.allSatisfy { (50...74).contains($0) })
        }
    }

    @Test("every mood's pad moves smoothly: under four semitones per voice per change on average",
          arguments: Mood.allCases)
    func smoothPads(mood: Mood) {
        let style = MusicStyle(for: mood)
        let cue = MusicCue(mood: mood, duration: .seconds(60), seed: 4)
        let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
        var moved = 0.0, voices = 0
        for (a, b) in zip(score.changes, score.changes.dropFirst()) {
            moved += MusicVoicing.motion(from: a.voicing, to: b.voicing)
            voices += b.voicing.count
        }
        #expect(moved / Double(voices) < 4, "\(moved / Double(voices)) semitones per voice")
        let centres = score.changes.map { Double($0.voicing.reduce(0, +)) / Double($0.voicing.count) }
        #expect(centres.max()! - centres.min()! < 12, "the pad drifts over \(centres.max()! - centres.min()!) semitones")
    }

    @Test("chords follow the progression continuously and land on the tonic chord", arguments: Mood.allCases)
    func progressionCycles(mood: Mood) throws {
        let style = MusicStyle(for: mood)
        let cue = MusicCue(mood: mood, duration: .seconds(45), seed: 8)
        let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
        let progression = try #require(style.progressions.first { $0[0] == score.changes[0].chord && $0[1] == score.changes[1].chord })
        for (index, change) in score.changes.enumerated() {
            #expect(abs(Double(change.start) - Double(index) * score.chordFrames) <= 0.5)
            #expect(index == 0 || change.start == score.changes[index - 1].end)
            if index < score.changes.count - 1 {
                #expect(change.chord == progression[index % progression.count])
            }
        }
        // The last chord is the tonic, reaches the end and is never a fragment.
        let last = score.changes.last!
        #expect(last.chord == progression[0])
        #expect(last.end == cue.frameCount(sampleRate: 48_000))
        #expect(Double(last.end - last.start) >= 0.5 * score.chordFrames)
    }

    @Test("the seed picks between progressions and varies the opening voicing")
    func seedVariation() {
        let style = MusicStyle(for: .warm)
        let openings = Set((0..<16).map { seed -> [Int] in
            let cue = MusicCue(mood: .warm, duration: .seconds(12), seed: UInt64(seed))
            let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
            return score.changes[1].voicing + [score.changes[1].chord.root]
        })
        #expect(openings.count > 2)
    }

    @Test("the arpeggio stays in the mid register")
    func arpeggioCeiling() {
        for mood in Mood.allCases {
            let style = MusicStyle(for: mood)
            let cue = MusicCue(mood: mood, duration: .seconds(30), seed: 3, intensity: 1)
            let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
            let highest = score.notes.filter { [.pluck, .bell, .electricPiano].contains($0.instrument) }.map(\.pitch).max() ?? 0
            #expect(highest <= MusicScore.arpeggioCeiling, "\(mood): \(highest)")
        }
    }

    @Test("chords spell the right pitch classes")
    func chordSpelling() {
        #expect(MusicChord("♭VI", root: 8, .major).pitchClasses(tonic: 2) == [10, 2, 5])
        #expect(MusicChord("Imaj7", root: 0, .major7).pitchClasses(tonic: 2) == [2, 6, 9, 1])
        #expect(MusicStyle(for: .romantic).keyName == "E♭ major")
        #expect(MusicScale.dorian.isMinor && !MusicScale.lydian.isMinor)
    }

    @Test("the deterministic sin and exp agree with libm")
    func deterministicMath() {
        for x in stride(from: -20.0, through: 20.0, by: 0.37) {
            #expect(abs(MusicMath.sin(x) - sin(x)) < 1e-12)
        }
        for x in stride(from: -30.0, through: 30.0, by: 0.53) {
            #expect(abs(MusicMath.exp(x) - exp(x)) / exp(x) < 1e-13)
        }
        #expect(abs(MusicMath.frequency(midi: 69) - 440) < 1e-9)
        #expect(abs(MusicMath.frequency(midi: 60) - 261.625_565_3) < 1e-6)
    }

    @Test("each chord's bass and arpeggio stay inside it: nothing from one chord sounds on the next one's downbeat",
          arguments: Mood.allCases)
    func partsStayInTheirChord(mood: Mood) {
        let style = MusicStyle(for: mood)
        let cue = MusicCue(mood: mood, duration: .seconds(40), seed: 2, intensity: 1)
        let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
        let jitter = 150   // humanised timing, frames
        for note in score.notes where note.instrument == .bass || note.instrument == .pluck
            || note.instrument == .bell || note.instrument == .electricPiano {
            let change = score.changes.last { $0.start <= note.start + jitter }!
            let classes = Set(change.chord.pitchClasses(tonic: style.tonic))
            let root = change.chord.rootClass(tonic: style.tonic)
            if note.instrument == .bass {
                let interval = ((note.pitch - root) % 12 + 12) % 12
                #expect([0, 7].contains(interval), "\(mood): bass \(note.pitch) over \(change.chord.numeral)")
            } else {
                #expect(classes.contains(note.pitch % 12), "\(mood): \(note.pitch) over \(change.chord.numeral)")
            }
        }
    }

    @Test("slot counts ignore sub-frame rounding")
    func slotCount() {
        #expect(MusicScore.count(96_000, per: 47_999.999) == 2)
        #expect(MusicScore.count(96_000, per: 48_000.4) == 2)
        #expect(MusicScore.count(120_000, per: 48_000) == 3)
        #expect(MusicScore.count(0, per: 48_000) == 0)
    }
}
