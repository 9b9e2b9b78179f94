import Foundation
import ReelMedia
import ReelModel
import ReelSnapshot
import Testing

/// The check's pure parts: its one ffmpeg pass, the parsing of ffmpeg's output, the rules.
@Suite struct ClipCheckTests {
    static func frames(_ luma: [Double], scores: [Double] = []) -> [ClipMeasurements.Frame] {
        luma.enumerated().map { i, y in
            ClipMeasurements.Frame(time: Double(i) / 24, luma: y, sceneScore: i < scores.count ? scores[i] : 0.3)
        }
    }

    static let media = MediaInfo(duration: FrameRate.fps24.time(frames: 72), width: 720, height: 1280, frameRate: .fps24,
                                 frameCount: 72, videoCodec: "h264", audioCodec: "aac")

    @Test func theDecodePassIsOneFFmpegRun() {
        let args = ClipCheck.arguments(for: URL(fileURLWithPath: "/clips/take 1.mp4"))
        expectSnapshot(args.joined(separator: "\n"), group: "clip-check", name: "arguments.txt")
    }

    @Test func parsesFramesEventsBoxesLoudnessAndPixelAspect() {
        let stdout = "frame:0    pts:0       pts_time:0\nlavfi.signalstats.YAVG=121.5\nlavfi.scd.mafd=0.000\nlavfi.scd.score=0.000\n"
            + "frame:1    pts:512     pts_time:0.0416667\nlavfi.signalstats.YAVG=20\nlavfi.scd.score=21.151\n"
        let stderr = """
            Stream #0:0[0x1](und): Video: h264 (High), yuv420p(progressive), 720x1280 [SAR 4:3 DAR 3:4], 24 fps
            [Parsed_cropdetect_2 @ 0x1] x1:0 x2:159 y1:20 y2:139 w:160 h:120 x:0 y:20 pts:9728 t:0.79 crop=160:120:0:20
            [Parsed_cropdetect_2 @ 0x1] x1:160 x2:0 y1:160 y2:0 w:-158 h:-158 x:160 y:160 pts:1 t:1 crop=-158:-158:160:160
            [blackdetect @ 0x2] black_start:1 black_end:2.04167 black_duration:1.04167
            [freezedetect @ 0x3] lavfi.freezedetect.freeze_start: 1.25
            [silencedetect @ 0x4] silence_start: -0.0001
            [silencedetect @ 0x4] silence_end: 3.008 | silence_duration: 3.0081
            [Parsed_ebur128_7 @ 0x5] Summary:
              Integrated loudness:
                I:         -21.9 LUFS
              True peak:
                Peak:      -13.0 dBFS
            """
        let m = ClipMeasurements.parse(stdout: stdout, stderr: stderr)
        #expect(m.frames == [.init(time: 0, luma: 121.5, sceneScore: 0), .init(time: 0.0416667, luma: 20, sceneScore: 21.151)])
        #expect(m.boxes == [.init(left: 0, right: 1, top: 0.125, bottom: 0.875)], "a black frame has no box")
        #expect(m.black == [.init(start: 1, end: 2.04167)])
        #expect(m.frozen == [.init(start: 1.25, end: nil)])
        #expect(m.silence == [.init(start: 0, end: 3.008)])
        #expect(m.loudness == LoudnessMeasurement(integrated: -21.9, truePeak: -13))
        #expect(m.pixelAspect == [4, 3])
    }

    @Test func aFlashComesBackAndACutStays() {
        var m = ClipMeasurements()
        var luma = Array(repeating: 120.0, count: 72)
        luma[30] = 235; luma[31] = 230
        for i in 50..<72 { luma[i] = 160 }
        var scores = Array(repeating: 0.3, count: 72)
        scores[30] = 43; scores[32] = 44; scores[50] = 21
        m.frames = Self.frames(luma, scores: scores)
        let problems = ClipCheck.problems(m, media: Self.media, expected: ClipExpectation())
        #expect(problems.map(\.kind) == [.flash, .cut])
        #expect(problems.first?.range == .between(1.25, 1.333))
        #expect(problems.first?.measure == 115)
        #expect(problems.last?.range.start == .milliseconds(2083))
    }

    /// Two pictures of one brightness in different colours: the scene score hardly moves, the
    /// mean colour jumps and stays — a cut. A colour that jumps and comes back is none.
    @Test func aCutBetweenPicturesOfOneBrightnessIsSeenInTheColour() {
        var m = ClipMeasurements()
        m.frames = Self.frames(Array(repeating: 120, count: 72), scores: Array(repeating: 0.3, count: 72))
        for i in 0..<72 { (m.frames[i].u, m.frames[i].v) = i < 48 ? (126.4, 145.2) : (129.7, 110.8) }
        m.frames[48].sceneScore = 5.6
        let problems = ClipCheck.problems(m, media: Self.media, expected: ClipExpectation())
        #expect(problems.map(\.kind) == [.cut] && problems.first?.range.start == .seconds(2))
        #expect(problems.first?.summary == "a cut inside the shot (the colour jumps by 35)")
        for i in 0..<72 { (m.frames[i].u, m.frames[i].v) = (126.4, (20..<22).contains(i) ? 110.8 : 145.2) }
        #expect(ClipCheck.problems(m, media: Self.media, expected: ClipExpectation()).isEmpty, "a flash of colour is no cut")
    }

    @Test func brightnessPumpingIsFlickerNotFlashesOrCuts() {
        var m = ClipMeasurements()
        m.frames = Self.frames((0..<72).map { 120 + 12 * sin(2 * .pi * 7 * Double($0) / 24) }, scores: Array(repeating: 12, count: 72))
        let problems = ClipCheck.problems(m, media: Self.media, expected: ClipExpectation())
        #expect(problems.map(\.kind) == [.flicker])
    }

    @Test func lengthSizeAspectAndBars() {
        var m = ClipMeasurements()
        m.pixelAspect = [4, 3]
        m.boxes = Array(repeating: .init(left: 0.1, right: 0.9, top: 0.01, bottom: 1), count: 10)
        let asked = ClipExpectation(duration: .seconds(4), width: 1280, height: 720)
        let problems = ClipCheck.problems(m, media: Self.media, expected: asked)
        #expect(problems.map(\.kind) == [.duration, .size, .aspect, .pillarbox])
        #expect(problems.map(\.summary) == ["it lasts 3.00 s, not the 4.00 s asked for", "it is 720x1280, not 1280x720",
                                            "its pixels are not square (SAR 4:3), so it shows as 960x1280",
                                            "black bars left and right take 20% of the width"])
        let oneFrameOff = ClipExpectation(duration: FrameRate.fps24.time(frames: 73), width: 720, height: 1280)
        #expect(ClipCheck.problems(ClipMeasurements(), media: Self.media, expected: oneFrameOff).isEmpty)
    }

    @Test func silenceCountsOnlyWhenSpeechIsExpected() {
        var m = ClipMeasurements()
        m.silence = [.init(start: 0.2, end: 0.6), .init(start: 1.2, end: nil)]
        m.loudness = LoudnessMeasurement(integrated: -41, truePeak: -20)
        let speech = ClipCheck.problems(m, media: Self.media, expected: ClipExpectation(speech: true))
        #expect(speech.map(\.kind) == [.loudness, .silence])
        #expect(speech.last?.range == .between(1.2, 3))
        #expect(ClipCheck.problems(m, media: Self.media, expected: ClipExpectation()).map(\.kind) == [.loudness])
        var mute = Self.media
        mute.audioCodec = nil
        #expect(ClipCheck.problems(ClipMeasurements(), media: mute, expected: ClipExpectation(speech: true)).map(\.kind) == [.noAudio])
    }

    @Test func theVerdictIsCodableAndSaysWhetherItPassed() throws {
        let problem = ClipProblem(kind: .black, range: .between(0, 1.04), measure: 16.2, unit: .luma, summary: "the picture is black")
        let verdict = ClipVerdict(file: "/c.mp4", problems: [problem], media: Self.media, loudness: nil)
        let data = try JSONEncoder().encode(verdict)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        #expect(object["schema"] as? String == "reel.clip-check")
        #expect(try JSONDecoder().decode(ClipVerdict.self, from: data) == verdict)
    }
}
