import Foundation
import ReelModel
import ReelTesting
import ReelSnapshot
import Testing

@testable import ReelMedia

/// The ffmpeg commands Reel runs, as text: a change to any of them shows up here.
@Suite struct FFmpegArgumentTests {
    let encode = EncodeSettings(format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
    let out = URL(fileURLWithPath: "/store/tmp/out.mp4")

    @Test func conformWithFadesAndLabel() {
        let spec = ConformSpec(frames: 96, fadeInFrames: 14, fadeOutFrames: 14, labelUntilFrame: 72)
        let args = Conform.arguments(input: URL(fileURLWithPath: "/store/take.mp4"), output: out, spec: spec, encode: encode)
        expectSnapshot(args.joined(separator: "\n") + "\n", group: "conform", name: "fades-and-label.txt")
    }

    /// Over the animatic's caption band the label goes below it (at 480p it covered the caption's text).
    @Test func theLabelKeepsBelowWhatCoversTheTop() {
        let corner = Conform.filter(ConformSpec(frames: 96, labelUntilFrame: 72), encode: encode)
        let below = Conform.filter(ConformSpec(frames: 96, labelUntilFrame: 72, labelBelow: 0.1), encode: encode)
        // 720x1280: size 23, margin 29; the corner's pill at 29 + 11, below the band at 128 + 14 + 11.
        #expect(corner.contains(":y=40:") && below.contains(":y=153:"), "\(corner)\n\(below)")
    }

    @Test func mixWithVoicesAndMusicDucksTheMusic() {
        let spec = MixSpec(duration: .seconds(10),
                           voices: [AudioPlacement(input: 0, start: .milliseconds(350)),
                                    AudioPlacement(input: 1, start: .milliseconds(4000), tempo: 1.1)],
                           music: [AudioPlacement(input: 2, start: .zero), AudioPlacement(input: 3, start: .seconds(5))])
        let inputs = (0..<4).map { URL(fileURLWithPath: "/store/a\($0).wav") }
        let args = AudioMix.arguments(inputs: inputs, output: URL(fileURLWithPath: "/store/tmp/mix.m4a"), spec: spec,
                                      encode: encode)
        expectSnapshot(args.joined(separator: "\n") + "\n", group: "mix", name: "voices-and-music.txt")
    }

    @Test func mixWithNothingIsExactSilence() {
        let graph = AudioMix.filterGraph(MixSpec(duration: .seconds(3), voices: [], music: []), inputCount: 0)
        #expect(graph.extraInputs == ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"])
        #expect(graph.filter == "[0:a]apad,atrim=end_sample=144000,asetpts=N/SR/TB,volumedetect[out]")
    }

    @Test func cutByStreamCopy() {
        let spec = AssemblySpec(title: "The Last Train", label: AIGCLabel(produceID: "reel-1"), frames: 2400)
        let args = FilmAssembly.arguments(list: URL(fileURLWithPath: "/store/tmp/list.txt"),
                                          audio: URL(fileURLWithPath: "/store/mix.m4a"), output: out, spec: spec)
        expectSnapshot(args.joined(separator: "\n") + "\n", group: "assembly", name: "copy.txt")
    }

    @Test func subtitlesAreBurnedIntoOneClipAtATime() {
        let args = BurnParams.arguments(input: URL(fileURLWithPath: "/store/clip.mp4"),
                                        subtitles: URL(fileURLWithPath: "/store/tmp/it's.ass"), output: out, frames: 96,
                                        encode: encode)
        expectSnapshot(args.joined(separator: "\n") + "\n", group: "assembly", name: "burn-clip.txt")
    }

    @Test func aClipGetsTheCuesThatOverlapItInItsOwnTime() {
        let cues = [
            SubtitleCue(start: .seconds(1), end: .seconds(3), text: "before and into"),
            SubtitleCue(start: .seconds(4), end: .seconds(5), text: "inside"),
            SubtitleCue(start: .seconds(5), end: .seconds(9), text: "out of"),
            SubtitleCue(start: .seconds(9), end: .seconds(10), text: "after"),
        ]
        let local = BurnParams.cues(cues, start: .seconds(2), duration: .seconds(6))
        #expect(local.map(\.text) == ["before and into", "inside", "out of"])
        #expect(local.map(\.start) == [.zero, .seconds(2), .seconds(3)])
        #expect(local.map(\.end) == [.seconds(1), .seconds(3), .seconds(6)])
    }

    @Test func concatListQuotesPaths() {
        let list = FilmAssembly.concatList([URL(fileURLWithPath: "/a/b.mp4"), URL(fileURLWithPath: "/a/it's.mp4")])
        #expect(list == "file '/a/b.mp4'\nfile '/a/it'\\''s.mp4'\n")
    }

    @Test func theAIGCRecordHasTheFieldsTheStandardNames() throws {
        let json = AIGCLabel(produceID: "reel-abc").json
        let object = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(Set(object.keys) == ["Label", "ContentProducer", "ProduceID", "ContentPropagator", "PropagateID"])
        #expect(object["Label"] == "1")
        #expect(object["ProduceID"] == "reel-abc")
    }
}

@Suite struct EspeakVoiceTests {
    @Test func charactersOfTheSameGenderGetDifferentVoices() {
        let names = (0..<5).map { EspeakVoice.name(for: Voice(gender: .female, variant: $0), language: .english) }
        #expect(Set(names).count == 5)
        let men = (0..<6).map { EspeakVoice.name(for: Voice(gender: .male, variant: $0), language: .chinese) }
        #expect(Set(men).count == 6)
    }

    @Test func chineseUsesThePinyinVoiceThatSpeaksHanCharacters() {
        let name = EspeakVoice.name(for: Voice(gender: .female), language: .chinese)
        #expect(name.hasPrefix("cmn-latn-pinyin+"))
    }

    @Test func textGoesThroughStdinSoALeadingDashIsNotAnOption() {
        let line = SpeechLine(text: "-- no --", language: .english, voice: Voice(gender: .male))
        let args = EspeakVoice.arguments(for: line, output: URL(fileURLWithPath: "/t/x.wav"))
        #expect(args.last == "--stdin")
        #expect(!args.contains("-- no --"))
        #expect(String(decoding: EspeakVoice.input(for: line), as: UTF8.self) == "-- no --\n")
    }
}
