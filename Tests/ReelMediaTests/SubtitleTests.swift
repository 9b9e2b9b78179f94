import Foundation
import ReelModel
import Testing

@testable import ReelMedia

@Suite struct SubtitleTests {
    @Test func englishWrapsAtWordsWithinTheWidth() {
        let lines = SubtitleLayout(maxLineWidth: 22).wrap("Because I was afraid you'd ask me to stay.")
        #expect(lines == ["Because I was afraid", "you'd ask me to stay."])
        #expect(lines.allSatisfy { $0.count <= 22 })
    }

    @Test func chineseWrapsByCharacterAndKeepsPunctuationOffTheLineStart() {
        let lines = SubtitleLayout(maxLineWidth: 12).wrap("妈每天晚上都在等你回家。")
        #expect(lines == ["妈每天晚上都", "在等你回家。"])
        let tight = SubtitleLayout(maxLineWidth: 10).wrap("还是那个味道，好吃。")
        #expect(!tight.contains { $0.hasPrefix("，") || $0.hasPrefix("。") })
    }

    @Test func longLinesBecomeSeveralCuesThatShareTheTimeExactlyToTheFrame() {
        let rate = FrameRate.fps24
        let cues = SubtitleLayout(maxLineWidth: 16, maxLines: 1).cues(
            for: "one two three four five six seven eight nine ten", start: rate.time(frames: 24),
            duration: rate.time(frames: 96), rate: rate)
        #expect(cues.count == 4)
        #expect(cues.first?.start == rate.time(frames: 24))
        #expect(cues.last?.end == rate.time(frames: 120))
        for (a, b) in zip(cues, cues.dropFirst()) { #expect(a.end == b.start) }
    }

    @Test func srtAndVttClocks() {
        let cue = SubtitleCue(start: FrameRate.fps23_976.time(frames: 1), end: .milliseconds(3_723_004), text: "Hi")
        #expect(SubtitleWriter.srt([cue]) == "1\n00:00:00,042 --> 01:02:03,004\nHi\n\n")
        #expect(SubtitleWriter.vtt([cue]) == "WEBVTT\n\n00:00:00.042 --> 01:02:03.004\nHi\n\n")
    }

    @Test func assIsSizedToTheVideoAndEscapesOverrideBraces() {
        let ass = SubtitleWriter.ass([SubtitleCue(start: .zero, end: .seconds(2), text: "{bold}\n林晓")], width: 720, height: 1280)
        #expect(ass.contains("PlayResX: 720\nPlayResY: 1280"))
        #expect(ass.contains("Noto Sans CJK SC"))
        #expect(ass.contains("Dialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,0,,\\{bold\\}\\N林晓"))
    }
}

@Suite struct FilmCheckTests {
    let expected = FilmExpectation(width: 720, height: 1280, frames: 240, shots: 5, expectsSound: true)
    func media(frames: Int64 = 240, audio: Bool = true) -> MediaInfo {
        MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: frames, videoCodec: "h264",
                  pixelFormat: "yuv420p", audioCodec: audio ? "aac" : nil)
    }
    func thumbs(_ values: [UInt8]) -> [[UInt8]] { values.map { [UInt8](repeating: $0, count: 256) } }

    @Test func aGoodFilmPasses() {
        let m = FilmMeasurements(media: media(), keyframeLuma: [90, 120, 60], keyframeThumbnails: thumbs([90, 120, 60]),
                                 meanVolumeDB: -22)
        #expect(FilmCheck.problems(m, expected: expected).isEmpty)
    }

    @Test(arguments: [
        ("black", FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 240, videoCodec: "h264", audioCodec: "aac"),
                                   keyframeLuma: [16, 16, 17], keyframeThumbnails: [[UInt8](repeating: 16, count: 256), [UInt8](repeating: 16, count: 256), [UInt8](repeating: 17, count: 256)], meanVolumeDB: -20),
         "the picture is black"),
        ("frozen", FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 240, videoCodec: "h264", audioCodec: "aac"),
                                    keyframeLuma: [90, 90, 90], keyframeThumbnails: Array(repeating: [UInt8](repeating: 90, count: 256), count: 3), meanVolumeDB: -20),
         "the picture never changes across 5 shots"),
        ("short", FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 239, videoCodec: "h264", audioCodec: "aac"),
                                   keyframeLuma: [90, 120], keyframeThumbnails: [[UInt8](repeating: 90, count: 256), [UInt8](repeating: 120, count: 256)], meanVolumeDB: -20),
         "it has 239 frames, not the storyboard's 240"),
        ("silent", FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 240, videoCodec: "h264", audioCodec: "aac"),
                                    keyframeLuma: [90, 120], keyframeThumbnails: [[UInt8](repeating: 90, count: 256), [UInt8](repeating: 120, count: 256)], meanVolumeDB: -91),
         "the soundtrack is silent (mean volume -91 dB)"),
        ("no sound", FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 240, videoCodec: "h264"),
                                      keyframeLuma: [90, 120], keyframeThumbnails: [[UInt8](repeating: 90, count: 256), [UInt8](repeating: 120, count: 256)], meanVolumeDB: nil),
         "it has no audio stream"),
        ("wrong size", FilmMeasurements(media: MediaInfo(width: 1280, height: 720, frameRate: .fps24, frameCount: 240, videoCodec: "h264", audioCodec: "aac"),
                                        keyframeLuma: [90, 120], keyframeThumbnails: [[UInt8](repeating: 90, count: 256), [UInt8](repeating: 120, count: 256)], meanVolumeDB: -20),
         "it is 1280x720, not 720x1280"),
    ])
    func badFilmsFailWithTheReason(name: String, measured: FilmMeasurements, reason: String) {
        #expect(FilmCheck.problems(measured, expected: expected) == [reason])
    }

    @Test func volumeIsReadFromVolumedetect() {
        #expect(FilmCheck.meanVolume(fromStderr: "[Parsed_volumedetect_0 @ 0x1] mean_volume: -23.4 dB\n") == -23.4)
        #expect(FilmCheck.meanVolume(fromStderr: "mean_volume: -inf dB") == -.infinity)
        #expect(FilmCheck.meanVolume(fromStderr: "nothing") == nil)
    }
}

@Suite struct MediaProbeTests {
    @Test func readsFramesSizeAndCodecsFromFFprobeJSON() throws {
        let json = """
        {"streams":[{"codec_name":"h264","codec_type":"video","width":720,"height":1280,"pix_fmt":"yuv420p","r_frame_rate":"24000/1001","nb_read_packets":"48","duration":"2.002"},
                    {"codec_name":"aac","codec_type":"audio","sample_rate":"48000","channels":2}],
         "format":{"duration":"2.050"}}
        """
        let info = try MediaProbe.parse(Data(json.utf8), file: "x.mp4")
        #expect(info.frameCount == 48)
        #expect(info.frameRate == .fps23_976)
        #expect(info.duration == FrameRate.fps23_976.time(frames: 48))
        #expect(info.width == 720 && info.height == 1280)
        #expect(info.audioCodec == "aac" && info.sampleRate == 48000 && info.channels == 2)
    }

    @Test func garbageIsAClearError() {
        #expect(throws: ReelError.self) { try MediaProbe.parse(Data("nope".utf8), file: "x.mp4") }
    }
}
