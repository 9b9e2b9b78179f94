import Foundation
import ReelModel
import ReelSnapshot
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Music cue", .offThePool)
struct MusicCueTests {
    @Test("frame count is round(duration × rate), exact for NTSC durations", arguments: [
        (RationalTime.seconds(1), 48_000, 48_000),
        (.milliseconds(1), 48_000, 48),
        (FrameRate.fps23_976.time(frames: 1), 48_000, 2_002),          // 1001/24000 s
        (FrameRate.fps23_976.time(frames: 180), 48_000, 360_360),      // 7.5075 s
        (FrameRate.fps29_97.time(frames: 1), 48_000, 1_602),           // 1601.6
        (FrameRate.fps29_97.time(frames: 1), 44_100, 1_471),           // 1471.47
        (RationalTime(value: 1, timescale: 96_000), 48_000, 1),        // exactly half: rounds up
        (RationalTime(value: 1, timescale: 3), 44_100, 14_700),
        (.zero, 48_000, 0),
        (RationalTime(value: -5, timescale: 1), 48_000, 0),
    ])
    func frameCount(duration: RationalTime, rate: Int, expected: Int) {
        let cue = MusicCue(mood: .calm, duration: duration)
        #expect(cue.frameCount(sampleRate: rate) == expected)
    }

    @Test("the render has exactly two samples per frame", arguments: [
        FrameRate.fps23_976.time(frames: 37),
        FrameRate.fps29_97.time(frames: 61),
        RationalTime(value: 2_999, timescale: 1_000),
        RationalTime(value: 1, timescale: 48_000),
        RationalTime(value: 7, timescale: 3),
    ])
    func renderLength(duration: RationalTime) {
        let cue = MusicCue(mood: .joyful, duration: duration, seed: 3)
        #expect(MusicSynth.render(cue).count == 2 * cue.frameCount(sampleRate: 48_000))
    }

    @Test("an empty or negative duration renders nothing")
    func emptyRender() {
        #expect(MusicSynth.render(MusicCue(mood: .sad, duration: .zero)).isEmpty)
        #expect(MusicSynth.render(MusicCue(mood: .sad, duration: RationalTime(value: -1, timescale: 2))).isEmpty)
    }

    @Test("other sample rates give their own exact length")
    func otherRates() {
        let cue = MusicCue(mood: .tense, duration: FrameRate.fps23_976.time(frames: 48))
        #expect(MusicSynth.render(cue, sampleRate: 44_100).count == 2 * 88_288)   // 88288.2
        #expect(MusicSynth.render(cue, sampleRate: 22_050).count == 2 * 44_144)   // 44144.1
    }

    @Test("JSON without the optional fields decodes to the defaults")
    func decodingDefaults() throws {
        let json = #"{"mood":"warm","duration":{"value":5,"timescale":1}}"#
        let cue = try JSONDecoder().decode(MusicCue.self, from: Data(json.utf8))
        #expect(cue == MusicCue(mood: .warm, duration: .seconds(5)))
        #expect(cue.seed == 0)
        #expect(cue.intensity == 0.5)
        #expect(cue.fadeIn == .milliseconds(500))
        #expect(cue.fadeOut == .seconds(1))
    }

    @Test("a cue survives a JSON round trip")
    func codableRoundTrip() throws {
        let cue = MusicCue(mood: .mysterious, duration: FrameRate.fps23_976.time(frames: 100), seed: .max,
                           intensity: 0.8, fadeIn: .zero, fadeOut: .milliseconds(250))
        let data = try JSONEncoder().encode(cue)
        #expect(try JSONDecoder().decode(MusicCue.self, from: data) == cue)
    }

    @Test("intensity is clamped and NaN falls back to the default")
    func intensityClamp() {
        #expect(MusicCue(mood: .calm, duration: .seconds(1), intensity: 3).clampedIntensity == 1)
        #expect(MusicCue(mood: .calm, duration: .seconds(1), intensity: -1).clampedIntensity == 0)
        #expect(MusicCue(mood: .calm, duration: .seconds(1), intensity: .nan).clampedIntensity == 0.5)
    }
}
