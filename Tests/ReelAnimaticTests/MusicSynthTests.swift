import Foundation
import ReelModel
import ReelSnapshot
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Music synthesis: level, cleanliness, determinism", .offThePool)
struct MusicSynthTests {
    @Test("the same cue and seed render identical samples; another seed or intensity does not")
    func determinism() {
        let cue = MusicCue(mood: .warm, duration: .seconds(6), seed: 42)
        let first = MusicSynth.render(cue)
        #expect(MusicSynth.render(cue) == first)
        var reseeded = cue
        reseeded.seed = 43
        #expect(MusicSynth.render(reseeded) != first)
        var louder = cue
        louder.intensity = 0.9
        #expect(MusicSynth.render(louder) != first)
    }

    @Test("every mood sits at a bed level, never clips, has no DC and fades from and to silence",
          arguments: Mood.allCases)
    func levels(mood: Mood) {
        let audio = MusicAnalysis(MusicSynth.render(MusicCue(mood: mood, duration: .seconds(10), seed: 1)))
        let rms = audio.rmsDB()
        #expect(rms > -26 && rms < -16, "RMS \(rms) dBFS")
        #expect(audio.peakDB < -1, "peak \(audio.peakDB) dBFS")
        #expect(abs(audio.dcOffset.left) < 0.001 && abs(audio.dcOffset.right) < 0.001)
        let head = audio.rmsDB(0..<480), tail = audio.rmsDB((audio.frames - 480)..<audio.frames)
        #expect(head < -60, "first 10 ms at \(head) dBFS")
        #expect(tail < -60, "last 10 ms at \(tail) dBFS")
        #expect(audio.left.first == 0 && audio.left.last == 0)
    }

    @Test("every mood is gently stereo: the channels differ but stay closely related",
          arguments: Mood.allCases)
    func stereoWidth(mood: Mood) {
        let audio = MusicAnalysis(MusicSynth.render(MusicCue(mood: mood, duration: .seconds(6), seed: 2)))
        let correlation = audio.channelCorrelation
        #expect(correlation > 0.6 && correlation < 0.98, "L/R correlation \(correlation)")
    }

    @Test("intensity raises the level by several dB")
    func intensityLevel() {
        let quiet = MusicAnalysis(MusicSynth.render(MusicCue(mood: .joyful, duration: .seconds(8), intensity: 0)))
        let loud = MusicAnalysis(MusicSynth.render(MusicCue(mood: .joyful, duration: .seconds(8), intensity: 1)))
        #expect(loud.rmsDB() - quiet.rmsDB() > 4)
    }

    @Test("a long fade-in is honoured: the first half second is far quieter than the body")
    func longFadeIn() {
        let cue = MusicCue(mood: .sad, duration: .seconds(10), seed: 5, fadeIn: .seconds(3))
        let audio = MusicAnalysis(MusicSynth.render(cue))
        #expect(audio.rmsDB(audio.seconds(4, 8)) - audio.rmsDB(audio.seconds(0, 0.5)) > 20)
    }

    @Test("fades longer than the cue shrink to fit and still start and end in silence")
    func shortCue() {
        let cue = MusicCue(mood: .action, duration: .milliseconds(300), fadeIn: .seconds(1), fadeOut: .seconds(2))
        let audio = MusicAnalysis(MusicSynth.render(cue))
        #expect(audio.frames == 14_400)
        #expect(audio.left.first == 0 && audio.left.last == 0)
        #expect(audio.rmsDB() > -60)
    }

    @Test("a long cue keeps going: no gap or restart anywhere between the fades")
    func seamlessLongCue() {
        let audio = MusicAnalysis(MusicSynth.render(MusicCue(mood: .warm, duration: .seconds(40), seed: 9)))
        let window = audio.sampleRate / 4
        let levels = stride(from: audio.sampleRate, to: audio.frames - 2 * audio.sampleRate, by: window).map {
            audio.rmsDB($0..<($0 + window))
        }
        let median = levels.sorted()[levels.count / 2]
        #expect(levels.min()! > median - 10, "a quarter second drops to \(levels.min()!) dB against \(median) dB")
    }

    /// The digest of a fixed set of cues. Caches key beds by ``MusicSynth/version``; when a
    /// change alters the sound this fails: bump the version, then record the new digest.
    @Test("the sound of each MusicSynth.version is pinned")
    func pinnedSound() {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a
        for mood in Mood.allCases {
            for sample in MusicSynth.render(MusicCue(mood: mood, duration: .seconds(3), seed: 1, intensity: 0.7)) {
                hash = (hash ^ UInt64(UInt16(bitPattern: sample))) &* 0x0000_0100_0000_01B3
            }
        }
        #expect(MusicSynth.version == 1)
        #expect(hash == 0x7A81_5571_8E21_A763, "digest \(String(hash, radix: 16)): if the change is meant, bump MusicSynth.version")
    }
}
