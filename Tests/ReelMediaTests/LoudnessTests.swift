import Foundation
import ReelEngine
import ReelModel
import ReelSnapshot
import ReelTesting
import Testing

@testable import ReelMedia

/// The soundtrack is mastered to a loudness target (−14 LUFS, true peak ≤ −1 dBTP by
/// default) in the pass that encodes it, and the film check holds it there.
@Suite struct LoudnessTests {
    static let summary = """
        [Parsed_ebur128_0 @ 0x55a540c16300] Summary:

          Integrated loudness:
            I:         -15.5 LUFS
            Threshold: -25.5 LUFS

          Loudness range:
            LRA:         7.8 LU
            Threshold: -35.2 LUFS

          True peak:
            Peak:       -1.4 dBFS
        """

    @Test func ebur128sSummaryIsRead() {
        #expect(LoudnessMeasurement.parse(ebur128: Self.summary) == LoudnessMeasurement(integrated: -15.5, truePeak: -1.4))
        #expect(LoudnessMeasurement.parse(ebur128: "Summary:\n I: -70.0 LUFS\n True peak:\n Peak: -inf dBFS")?.truePeak == -.infinity)
        #expect(LoudnessMeasurement.parse(ebur128: "nothing") == nil)
    }

    func check(_ l: LoudnessMeasurement?, target: LoudnessTarget? = .phone) -> [String] {
        let m = FilmMeasurements(media: MediaInfo(width: 720, height: 1280, frameRate: .fps24, frameCount: 240,
                                                  videoCodec: "h264", audioCodec: "aac"),
                                 keyframeLuma: [90, 120], keyframeThumbnails: [[UInt8](repeating: 90, count: 256),
                                                                               [UInt8](repeating: 120, count: 256)],
                                 meanVolumeDB: -20, loudness: l)
        return FilmCheck.problems(m, expected: FilmExpectation(width: 720, height: 1280, frames: 240, shots: 2,
                                                               expectsSound: true, loudness: target))
    }

    @Test func theCheckFailsAFilmOffItsTargetOrOverItsCeiling() {
        #expect(check(LoudnessMeasurement(integrated: -14.6, truePeak: -1.3)).isEmpty)
        #expect(check(LoudnessMeasurement(integrated: -21.3, truePeak: -4)) == ["the soundtrack is at -21.3 LUFS, not the -14.0 LUFS it was mastered to"])
        #expect(check(LoudnessMeasurement(integrated: -14, truePeak: 0.2)) == ["its true peak is 0.2 dBTP, over the -1.0 dBTP ceiling"])
        #expect(check(LoudnessMeasurement(integrated: -14, truePeak: -1)).isEmpty)
        #expect(check(LoudnessMeasurement(integrated: -21.3, truePeak: -4), target: nil).isEmpty, "not mastered, not held to it")
        #expect(check(LoudnessMeasurement(integrated: -16.2, truePeak: -3), target: LoudnessTarget(integrated: -16)).isEmpty)
    }

    @Test func theMasterStageIsAGainAndAnOversampledLimiter() {
        let spec = MixSpec(duration: .seconds(10), voices: [AudioPlacement(input: 0, start: .seconds(1))],
                           music: [AudioPlacement(input: 1, start: .zero)], master: LoudnessTarget(integrated: -16))
        let inputs = [URL(fileURLWithPath: "/store/v.wav"), URL(fileURLWithPath: "/store/m.wav")]
        let premix = URL(fileURLWithPath: "/store/tmp/premix.wav")
        // Mixed once into a float WAV the film's length; measured and encoded from it.
        let mixed = AudioMix.premixArguments(inputs: inputs, output: premix, spec: spec)
        #expect(Array(mixed.suffix(5)) == ["-c:a", "pcm_f32le", "-f", "wav", premix.path])
        #expect(mixed.contains { $0.hasSuffix("apad,atrim=end_sample=480000,asetpts=N/SR/TB,anull[out]") && !$0.contains("192000") })
        let args = AudioMix.masterArguments(premix: premix, output: URL(fileURLWithPath: "/store/tmp/mix.m4a"), spec: spec,
                                            encode: EncodeSettings(format: .default), gainDB: 6.25)
        expectSnapshot((mixed + ["--"] + args).joined(separator: "\n") + "\n", group: "mix", name: "mastered.txt")
        let measure = AudioMix.measureArguments(premix: premix, spec: spec, gainDB: 6.25)
        #expect(Array(measure.suffix(3)) == ["-f", "null", "-"] && measure.contains(premix.path) && !measure.contains(inputs[0].path))
        #expect(measure.contains { $0.contains("volume=6.25dB,aresample=192000,alimiter=limit=-1.50dB") && $0.contains("ebur128=peak=true") })
    }

    @Test func theGainIsMeasuredAgainWhenTheLimiterWillWork() async throws {
        // A mix at −24 LUFS whose peaks would pass the ceiling: the limiter takes 0.8 LU,
        // so the second measurement corrects the gain.
        let gain = try await LoudnessMaster.gain(for: .phone) { g in
            g == 0 ? LoudnessMeasurement(integrated: -24, truePeak: -3) : LoudnessMeasurement(integrated: -24 + g - 0.8, truePeak: -1.5)
        }
        #expect(gain == 10.8)
        let quiet = try await LoudnessMaster.gain(for: .phone) { g in LoudnessMeasurement(integrated: -18 + g, truePeak: -9 + g) }
        #expect(quiet == 4)
        let silent = try await LoudnessMaster.gain(for: .phone) { _ in LoudnessMeasurement(integrated: -70, truePeak: -.infinity) }
        #expect(silent == nil)
    }
}

/// Masters a real mix with ffmpeg and measures the result as a player would.
@Suite(.serialized) struct LoudnessRenderTests {
    let toolchain = Toolchain.discover()
    let runner = LocalProcessRunner()

    func ffmpeg(_ args: [String]) async throws -> ProcessResult {
        let r = try await runner.run(try toolchain.requireFFmpeg(), args)
        #expect(r.status == 0, "ffmpeg failed: \(r.stderrTail())")
        return r
    }

    /// A quiet, peaky voice (noise bursts) over a soft chord: about −25 LUFS with peaks near
    /// full scale, so the limiter has work to do.
    func master(to target: LoudnessTarget, in dir: TemporaryDirectory) async throws -> LoudnessMeasurement {
        let voice = dir.file("v.wav")
        let music = dir.file("m.wav")
        _ = try await ffmpeg(["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                              "anoisesrc=d=6:c=pink:a=0.9:seed=7,volume='if(lt(mod(t,1),0.35),1,0.05)':eval=frame",
                              "-ar", "22050", "-ac", "1", voice.path])
        _ = try await ffmpeg(["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=f=110:d=9,volume=0.05",
                              "-ar", "48000", "-ac", "2", music.path])
        let spec = MixSpec(duration: .seconds(8), voices: [AudioPlacement(input: 0, start: .seconds(1))],
                           music: [AudioPlacement(input: 1, start: .zero)], master: target)
        let premix = dir.file("premix.wav")
        _ = try await ffmpeg(AudioMix.premixArguments(inputs: [voice, music], output: premix, spec: spec))
        let gain = try await LoudnessMaster.gain(for: target) { g in
            LoudnessMeasurement.parse(ebur128: try await ffmpeg(AudioMix.measureArguments(premix: premix, spec: spec, gainDB: g)).stderrText)
        }
        #expect(gain != nil)
        let out = dir.file("mix.m4a")
        _ = try await ffmpeg(AudioMix.masterArguments(premix: premix, output: out, spec: spec,
                                                      encode: EncodeSettings(format: .default), gainDB: gain))
        let measured = try await ffmpeg(FilmCheck.loudnessArguments(out))
        return try #require(LoudnessMeasurement.parse(ebur128: measured.stderrText))
    }

    @Test(arguments: [-14.0, -16.0])
    func aMasteredMixLandsOnItsTargetUnderItsCeiling(target: Double) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let l = try await master(to: LoudnessTarget(integrated: target), in: dir)
        #expect(abs(l.integrated - target) <= 1, "\(l.description)")
        #expect(l.truePeak <= -1, "\(l.description)")
    }
}
