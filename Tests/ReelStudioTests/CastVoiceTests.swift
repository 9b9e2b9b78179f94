import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel cast voice` and `reel voices` as use cases: a cast voice is what the speech provider
/// hears for that character's lines and no one else's, a sample is the film's own job, and
/// bad input changes nothing.
@Suite(.serialized) struct CastVoiceTests {
    func production(_ dir: TemporaryDirectory, yaml: String = "") throws -> Production {
        try TestProject.production(dir, yaml: yaml)
    }

    /// The speech job params of each character's first line, as the film would run it.
    func voiceParams(_ studio: Studio, _ production: Production) async throws -> [String: JSONValue] {
        let board = try await studio.plan(production, save: false)
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        var out: [String: JSONValue] = [:]
        for shot in board.shots {
            for cue in shot.dialogue {
                guard let speaker = board.subject(cue.speaker), out[speaker.name] == nil else { continue }
                out[speaker.name] = try builder.generators.voiceNode("v", line: cue.text, language: cue.language, speaker: speaker,
                                                                     shot: shot.id).spec.params
            }
        }
        return out
    }

    @Test func aCastVoiceChangesThatCharactersLinesOnlyAndAResetUndoesIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let studio = Studio()
        let before = try await voiceParams(studio, production)

        let maya = try await studio.castVoice(production, VoiceCasting(name: "maya", voice: "f4", pitch: 3))
        let voice = try #require(maya.voice)
        #expect(voice.cast && voice.provider == "espeak" && voice.chosen == ["espeak": "f4"])
        #expect(voice.heard.hasSuffix("+f4") && voice.pitch == 3)
        let after = try await voiceParams(studio, production)
        #expect(after["MAYA"] != before["MAYA"])
        #expect(after["MAYA"]?["voice"]?["providerVoice"]?["espeak"] == "f4")
        #expect(after["BEN"] == before["BEN"], "BEN's lines keep their jobs (and cache keys)")
        // A voice on another provider is kept for it and does not change what espeak-ng says.
        _ = try await studio.castVoice(production, VoiceCasting(name: "MAYA", voice: "minimax:female-yujie"))
        #expect(try await voiceParams(studio, production)["MAYA"] == after["MAYA"])
        #expect(try await studio.cast(production).first { $0.name == "MAYA" }?.voice?.chosen == ["espeak": "f4", "minimax": "female-yujie"])

        // A man's voice on OpenAI changes neither her gender (the panels draw it) nor any espeak-ng job.
        let onyx = try await studio.castVoice(production, VoiceCasting(name: "MAYA", voice: "openai:onyx"))
        #expect(onyx.voice?.gender == .female && onyx.voice?.chosen["openai"] == "onyx")
        #expect(try await voiceParams(studio, production)["MAYA"] == after["MAYA"])

        let reset = try await studio.castVoice(production, VoiceCasting(name: "MAYA", reset: true))
        #expect(reset.voice?.cast == false && reset.voice?.chosen == [:])
        #expect(try await voiceParams(studio, production) == before)
    }

    @Test func badInputSaysWhatAndChangesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let studio = Studio()
        _ = try await studio.castVoice(production, VoiceCasting(name: "BEN", voice: "m3"))
        let saved = try await production.repository.castEntries()
        let cases: [(VoiceCasting, ReelError.Code, String)] = [
            (VoiceCasting(name: "MAYAA", voice: "f4"), .notFound, "did you mean MAYA?"),
            (VoiceCasting(name: "KITCHEN", voice: "f4"), .usage, "only characters have voices"),
            (VoiceCasting(name: "BEN", voice: "m9"), .notFound, "reel voices --provider espeak"),
            (VoiceCasting(name: "BEN", voice: "openai:onix"), .notFound, "did you mean openai:onyx?"),
            (VoiceCasting(name: "BEN", voice: "minimax:male-qn-badoa"), .notFound, "did you mean minimax:male-qn-badao?"),
            (VoiceCasting(name: "BEN", voice: "sora:x"), .usage, "speech providers: espeak, openai, elevenlabs, minimax"),
            (VoiceCasting(name: "BEN", voice: "m1", pitch: 11), .usage, "-10 … +10"),
            (VoiceCasting(name: "BEN", pace: -12), .usage, "-10 … +10"),
        ]
        for (casting, code, says) in cases {
            do {
                _ = try await studio.castVoice(production, casting)
                Issue.record("\(casting) was taken")
            } catch let error as ReelError {
                #expect(error.code == code, "\(casting): \(error.message)")
                #expect((error.message + " " + (error.hint ?? "")).contains(says), "\(casting): \(error.message) → \(error.hint ?? "")")
            }
        }
        #expect(try await production.repository.castEntries() == saved, "nothing changed")
        // With nothing to change it says what the voice is, and saves nothing.
        #expect(try await studio.castVoice(production, VoiceCasting(name: "ben")).voice?.chosen == ["espeak": "m3"])
    }

    @Test func everyOfflineVoiceSpeaksItsSampleIntoItsOwnFile() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let shelves = try await Studio().voices(production, VoiceQuery(provider: "espeak", language: .chinese, samples: true))
        let shelf = try #require(shelves.first)
        #expect(shelves.count == 1 && shelf.speaksThisProject && shelf.offline)
        let files = shelf.voices.compactMap(\.sample)
        #expect(files.count == EspeakSpeech.voices.count)
        let bytes = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(bytes.allSatisfy { $0.count > 1_000 && $0.prefix(4) == Data("RIFF".utf8) })
        #expect(Set(bytes).count == bytes.count, "each voice sounds different")
        #expect(files.allSatisfy { $0.hasPrefix(production.rendersDirectory.appendingPathComponent("voice-samples").path) })
        await #expect(throws: ReelError.self) { try await Studio().voices(production, VoiceQuery(provider: "kling")) }
    }

    @Test func miniMaxHearsTheCastVoiceForEachCharactersLinesAndASampleIsTheFilmsOwnLine() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fake = try await FakeTaskServer.start(MiniMaxFakeServer())
        let production = try production(dir, yaml: "voices: minimax\n")
        defer { production.close() }
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["MINIMAX_API_KEY"] = MiniMaxFakeServer().key
        env["REEL_MINIMAX_BASE_URL"] = fake.baseURL.absoluteString
        let studio = Studio(environment: env)

        let maya = try await studio.castVoice(production, VoiceCasting(name: "MAYA", voice: "御姐", pitch: 2))
        #expect(maya.voice?.provider == "minimax" && maya.voice?.heard == "female-yujie")
        let film = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        let spoken = fake.requests("POST", "/v1/t2a_v2").compactMap(\.json)
        let byText = Dictionary(spoken.map { ($0["text"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(spoken.count == 2)
        #expect(byText["You came back."]?["voice_setting"]?["voice_id"] == "female-yujie")
        #expect(byText["You came back."]?["voice_setting"]?["pitch"] == .int(2))
        #expect(byText["I never left."]?["voice_setting"]?["voice_id"] == "male-qn-jingying", "BEN keeps the cast's first male voice")
        #expect(try await RemoteProductionTests.aigcRecord(film.film).contains("\"Label\":\"1\""))

        // BEN's sample is his first line: the film's job, voiced already — nothing more is asked of MiniMax.
        let ben = try await studio.castVoice(production, VoiceCasting(name: "BEN", sample: true))
        let sample = try #require(ben.voice?.sample)
        #expect(sample.hasSuffix("/voice-samples/BEN.mp3"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: sample)) == (try FixtureMedia.mp3()))
        #expect(fake.requests("POST", "/v1/t2a_v2").count == 2)
        try await fake.stop()
    }
}
