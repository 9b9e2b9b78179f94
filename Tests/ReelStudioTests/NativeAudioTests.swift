import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelSimulator
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `audio: native`: a model that makes sound is asked for it, and its take speaks its shot —
/// the model's soundtrack in the mix instead of Reel's voice for that shot's lines (their
/// subtitles stay), cut with the picture at the shot's end, the music ducked under it.
@Suite(.serialized) struct NativeAudioTests {
    @Test func aTakesOwnSoundSpeaksItsShotInsteadOfReelsVoice() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (sim, production, studio) = try await KeyframeTests.simProject(dir, size: .p480, settings: "audio: native\n")
        defer { production.close() }
        #expect(production.config.audio == .native)

        let board = try await studio.plan(production, save: true)
        let shot = try #require(board.shots.first { !$0.dialogue.isEmpty })
        let made = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let create = try #require(sim.requests.last { $0.path == "/v1/generations" && $0.method == "POST" })
        #expect(create.json?["audio"] == .bool(true), "the model that makes sound is asked for it")
        let line = shot.dialogue[0]
        let said = "\(board.subject(line.speaker)?.name ?? "") says: \"\(line.text)\""
        #expect(create.json?["prompt"]?.stringValue?.contains(said) == true, "it is told the script's words: \(said)")
        let take = try #require(try await production.repository.takes(of: shot.id).first)
        let file = URL(fileURLWithPath: try #require(try await studio.takes(production, shot: shot.id).first?.output))
        let probe = MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe())
        #expect(try await probe.probe(file).hasAudio, "the take carries its soundtrack")
        #expect(try await studio.takes(production, shot: shot.id).first?.sound == true, "and its report says so")

        // The cut: the take's sound is a voice of the mix, cut at the shot's end; the shot's
        // lines get no voice of Reel's; the other shots keep theirs.
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let output = try #require(take.output)
        let film = try builder.build(sources: [shot.id: .stored(take, output)])
        // Its check held it to speech where the shot has lines (a silent take would fail it), and it passed.
        #expect(builder.checkParams(shot: shot, provider: "sim", model: "sim-1", generatedMilliseconds: nil, take: take.id)
            .expected.speech)
        let silentShot = try #require(board.shots.first { $0.dialogue.isEmpty })
        #expect(!builder.checkParams(shot: silentShot, provider: "sim", model: "sim-1", generatedMilliseconds: nil, take: take.id)
            .expected.speech)
        #expect(take.verdict?.passed == true, "\(String(describing: take.verdict))")
        let mix = try #require(film.graph["mix"])
        #expect(mix.inputs.contains(NodeID("take:\(take.id)")))
        #expect(!film.graph.nodes.contains { $0.id.rawValue.hasPrefix("voice:\(shot.id):") }, "no synthetic voice for its lines")
        let others = board.shots.filter { $0.id != shot.id }.flatMap { s in s.dialogue.indices.map { "voice:\(s.id):\($0 + 1)" } }
        #expect(others.allSatisfy { film.graph[NodeID($0)] != nil }, "the other shots keep Reel's voices")
        let params = try mix.spec.params.decode(MixParams.self)
        let own = try #require(params.spec.voices.last)
        #expect(own.length == shot.duration && own.start == (board.shotStarts[shot.id] ?? .zero))
        #expect(params.voiceSlots.last == .some(nil), "cut, never sped up to fit")
        #expect(film.cues.contains { $0.text.contains(shot.dialogue[0].text) }, "its subtitles stay")

        // Rendered: the shot's stretch of the soundtrack carries the model's tone (a sine whose
        // pitch the simulator takes from the seed), well above what another shot has at that pitch.
        let cut = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        #expect(cut.summary.succeeded && cut.sources[shot.id] == take.id.rawValue)
        var random = SeededRandom(seed: take.seed, stream: "sim-tone")
        let pitch = 220 + Int(random.unit() * 440)
        func level(_ s: Shot) async throws -> Double {
            let start = (board.shotStarts[s.id] ?? .zero).seconds
            let measured = try await LocalProcessRunner().run(try Toolchain.discover().requireFFmpeg(), [
                "-v", "info", "-nostdin", "-ss", String(start + 0.1), "-t", String(s.duration.seconds - 0.2), "-i", cut.film.path,
                "-vn", "-af", "bandpass=f=\(pitch):width_type=q:w=20,volumedetect", "-f", "null", "-"])
            return try #require(FilmCheck.meanVolume(fromStderr: measured.stderrText))
        }
        let other = try #require(board.shots.first { $0.id != shot.id && !$0.dialogue.isEmpty })
        let (tone, theirs) = (try await level(shot), try await level(other))
        #expect(tone > theirs + 10, "at \(pitch) Hz: \(tone) dB under \(shot.id), \(theirs) dB under \(other.id)")
        try await sim.stop()
    }

    @Test func aPlacementWithALengthIsCutNotSpedUp() {
        let spec = MixSpec(duration: .milliseconds(4000), voices: [AudioPlacement(input: 0, start: .milliseconds(1000),
                                                                                   length: .milliseconds(2500))],
                           music: [], master: nil)
        let graph = AudioMix.filterGraph(spec, inputCount: 1).filter
        #expect(graph.contains("atrim=end_sample=120000"), "\(graph)")
        #expect(!graph.contains("atempo"))
    }

    @Test func audioInReelYAMLIsSyntheticOrNative() throws {
        #expect(try ProjectConfig.parse("script: s.fountain\n", file: "reel.yaml").audio == .synthetic)
        #expect(try ProjectConfig.parse("script: s.fountain\naudio: native\n", file: "reel.yaml").audio == .native)
        let bad = #expect(throws: ReelError.self) { try ProjectConfig.parse("script: s.fountain\naudio: loud\n", file: "reel.yaml") }
        #expect(bad?.message == "audio: must be synthetic or native")
        #expect(bad?.location == "reel.yaml:2")
    }
}
