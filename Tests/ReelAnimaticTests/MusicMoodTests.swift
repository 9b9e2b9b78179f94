import Foundation
import ReelModel
import ReelSnapshot
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Music moods sound different", .offThePool)
struct MusicMoodTests {
    private func render(_ mood: Mood, seconds: Int64 = 12, seed: UInt64 = 1) -> MusicAnalysis {
        MusicAnalysis(MusicSynth.render(MusicCue(mood: mood, duration: .seconds(seconds), seed: seed)))
    }

    @Test("action is busy and sad is sparse: onset rates differ several times over")
    func onsetRates() {
        let action = render(.action).onsetsPerSecond()
        let sad = render(.sad).onsetsPerSecond()
        #expect(action > 4, "action: \(action) onsets/s")
        #expect(action > 3 * sad, "action \(action) vs sad \(sad) onsets/s")
    }

    @Test("joyful moves faster than calm")
    func joyfulOverCalm() {
        let joyful = render(.joyful).onsetsPerSecond()
        let calm = render(.calm).onsetsPerSecond()
        #expect(joyful > 2 * calm, "joyful \(joyful) vs calm \(calm) onsets/s")
    }

    @Test("the third above the tonic is the mode's: minor moods sound minor, major ones major",
          arguments: Mood.allCases)
    func modeThird(mood: Mood) {
        let style = MusicStyle(for: mood)
        let audio = render(mood)
        let chroma = audio.chroma(0..<audio.frames)
        let minorThird = chroma[(style.tonic + 3) % 12], majorThird = chroma[(style.tonic + 4) % 12]
        if style.scale.isMinor {
            #expect(minorThird > 4 * majorThird, "\(style.keyName): m3 \(minorThird), M3 \(majorThird)")
        } else {
            #expect(majorThird > 4 * minorThird, "\(style.keyName): M3 \(majorThird), m3 \(minorThird)")
        }
    }

    @Test("sad is in D minor: F sounds, F♯ does not")
    func sadIsMinor() {
        let style = MusicStyle(for: .sad)
        #expect(style.keyName == "D minor")
        let audio = render(.sad, seed: 11)
        let chroma = audio.chroma(0..<audio.frames)
        #expect(chroma[5] > 0.2 && chroma[6] < 0.02, "F \(chroma[5]), F♯ \(chroma[6])")
    }

    @Test("the harmony changes with the chord: the second chord's new notes arrive with it",
          arguments: Mood.allCases)
    func chordChanges(mood: Mood) {
        let style = MusicStyle(for: mood)
        let cue = MusicCue(mood: mood, duration: .seconds(Int64((4 * 60 / style.tempo * Double(style.beatsPerBar * style.barsPerChord)).rounded(.up))), seed: 1)
        let score = MusicScore(style: style, cue: cue, frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
        let chord = score.chordFrames / 48_000
        let first = Set(score.changes[0].chord.pitchClasses(tonic: style.tonic))
        let arriving = Set(score.changes[1].chord.pitchClasses(tonic: style.tonic)).subtracting(first)
        let audio = MusicAnalysis(MusicSynth.render(cue))
        // The middle of each chord, away from attacks, release tails and reverb.
        let before = audio.chroma(audio.seconds(0.3 * chord, 0.95 * chord))
        let after = audio.chroma(audio.seconds(1.3 * chord, 1.95 * chord))
        let share = { (chroma: [Double]) in arriving.reduce(0) { $0 + chroma[$1] } / chroma.reduce(0, +) }
        #expect(share(after) > 10 * share(before),
                "\(score.changes[1].chord.numeral)'s new notes: \(share(before)) → \(share(after)) of the energy")
    }

    @Test("tempos order the moods from sad to action")
    func tempos() {
        let tempo = { (mood: Mood) in MusicStyle(for: mood).tempo }
        #expect(tempo(.sad) < tempo(.calm))
        #expect(tempo(.calm) < tempo(.warm))
        #expect(tempo(.warm) < tempo(.joyful))
        #expect(tempo(.joyful) < tempo(.action))
    }

    @Test("intensity thickens the arrangement: warm gains shaker and kick, joyful a faster arpeggio")
    func intensityArrangement() {
        func notes(_ mood: Mood, _ intensity: Double, _ instruments: Set<MusicNote.Instrument>) -> Int {
            let cue = MusicCue(mood: mood, duration: .seconds(20), seed: 6, intensity: intensity)
            let score = MusicScore(style: MusicStyle(for: mood), cue: cue,
                                   frames: cue.frameCount(sampleRate: 48_000), sampleRate: 48_000)
            return score.notes.filter { instruments.contains($0.instrument) }.count
        }
        #expect(notes(.warm, 0.2, [.shaker, .kick]) == 0)
        #expect(notes(.warm, 0.9, [.shaker, .kick]) > 20)
        #expect(notes(.joyful, 0.9, [.pluck]) > 2 * notes(.joyful, 0.2, [.pluck]))
        #expect(notes(.tense, 0.2, [.kick]) == 0 && notes(.tense, 0.6, [.kick]) > 0)
    }
}
