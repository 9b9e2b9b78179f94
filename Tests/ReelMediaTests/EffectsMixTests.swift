import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelMedia

extension MediaRenderTests {
    /// The mean volume of `file` between `from` and `to` seconds.
    func volume(_ file: URL, from: Double, to: Double) async throws -> Double {
        let r = try await runner.run(try toolchain.requireFFmpeg(), ["-v", "info", "-ss", "\(from)", "-t", "\(to - from)", "-i", file.path,
                                                                      "-af", "volumedetect", "-f", "null", "-"])
        return try #require(FilmCheck.meanVolume(fromStderr: r.stderrText))
    }

    @Test func anAmbienceShorterThanItsSceneLoopsToItsLengthAndStops() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let rain = dir.file("rain.wav")
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=1000:d=1", "-ar", "44100", "-ac", "2", rain.path])
        var placement = AudioPlacement(input: 0, start: .seconds(2), gainDB: -6, length: .seconds(5), loop: true)
        placement.sourceLength = .seconds(1)
        let spec = MixSpec(duration: .seconds(9), voices: [], music: [], effects: [placement])
        let out = dir.file("mix.m4a")
        try await ffmpeg(Array(AudioMix.arguments(inputs: [rain], output: out, spec: spec, encode: encode).dropFirst(6)))
        let before = try await volume(out, from: 0.2, to: 1.8)
        let looped = try await volume(out, from: 5.2, to: 6.8)
        let after = try await volume(out, from: 7.3, to: 8.8)
        #expect(looped > -45, "the ambience did not loop past its one second: \(looped) dB")
        #expect(before < -80 && after < -80, "sound outside the placement: \(before) dB before, \(after) dB after")
    }

    @Test func effectsAreDuckedUnderTheVoicesWithTheMusic() {
        let spec = MixSpec(duration: .seconds(4), voices: [AudioPlacement(input: 0, start: .zero)],
                           music: [AudioPlacement(input: 1, start: .zero)],
                           effects: [AudioPlacement(input: 2, start: .seconds(1), gainDB: -12, length: .seconds(2))])
        let filter = AudioMix.filterGraph(spec, inputCount: 3).filter
        // Its own level (not the music's), cut at its length, on the bus the voices duck.
        #expect(filter.contains("[2:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,atrim=end_sample=96000,afade=t=out:start_sample=94800:nb_samples=1200,volume=-12dB,adelay=48000S:all=1[e0]"))
        #expect(filter.contains("[m0][e0]amix=inputs=2:normalize=0:dropout_transition=0[score]"))
        #expect(filter.contains("[music][key]sidechaincompress"))
    }

    @Test func aMixWithoutEffectsIsWrittenAsBefore() throws {
        let spec = MixSpec(duration: .seconds(4), voices: [AudioPlacement(input: 0, start: .zero)], music: [])
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(!json.contains("effects") && !json.contains("loop"))
        #expect(try JSONDecoder().decode(MixSpec.self, from: Data(json.utf8)) == spec)
    }
}
