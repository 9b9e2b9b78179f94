import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// MiniMax speech (`POST /v1/t2a_v2`) over real HTTP through the executor, on the same fake
/// host and key as MiniMax video; and how a voice a user names is found.
@Suite struct MiniMaxSpeechTests {
    /// The adapter as the `minimax` entry builds it (through its secret-scrubbing support).
    static func speech(_ fake: FakeTaskServer, key: String = MiniMaxFakeServer().key) throws -> any SpeechGenerator {
        let config = ProviderConfig(id: "minimax", baseURL: fake.baseURL, credentials: ["MINIMAX_API_KEY": Secret(key)],
                                    models: [priced("speech-02-hd", "minimax", micros: 100_000, per: .thousandCharacters, medium: .speech)])
        let make = try #require(MiniMaxVideoProvider.entry.speech)
        return try make(config, try testSupport())
    }

    @Test func aChineseLineIsVoicedInTheCastVoiceMeasuredAndPaidPerCharacter() async throws {
        try await withMiniMaxFake { fake, h in
            let line = speechRequest("我把每一封信都留着。", language: .chinese, voice: Voice(gender: .female, variant: 1, pitch: 2, pace: -4))
            let summary = try await h.run(try Self.speech(fake), request: line, kind: .speech)
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[AdapterHarness.node(.speech)])
            #expect(output.asset.mediaType == "audio/mpeg")
            #expect(output.asset.media?.hasAudio == true && output.asset.media?.duration != nil)
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.mp3()), "the hex is decoded to the MP3's bytes")
            #expect(output.cost == Money(micros: 1_000))
            let sent = try #require(fake.requests("POST", "/v1/t2a_v2").first)
            #expect(sent.bearerToken == MiniMaxFakeServer().key)
            let body = try #require(sent.json)
            #expect(body["model"] == "speech-02-hd")
            #expect(body["text"]?.stringValue == line.text)
            #expect(body["stream"] == .bool(false))
            #expect(body["voice_setting"]?["voice_id"] == "female-yujie")
            #expect(body["voice_setting"]?["pitch"] == .int(2))
            #expect(body["voice_setting"]?["speed"] == .double(0.8))
            #expect(body["audio_setting"]?["format"] == "mp3")
            #expect(body["language_boost"] == "Chinese")
        }
    }

    @Test func aVoiceTheUserChoseWinsOverTheCast() async throws {
        try await withMiniMaxFake { fake, h in
            let line = speechRequest("You came back.", voice: Voice(gender: .female, providerVoice: ["minimax": "male-qn-badao",
                                                                                                   "openai": "nova"]))
            #expect(try await h.run(try Self.speech(fake), request: line, kind: .speech).succeeded)
            let body = try #require(fake.requests("POST", "/v1/t2a_v2").first?.json)
            #expect(body["voice_setting"]?["voice_id"] == "male-qn-badao")
            #expect(body["language_boost"] == "English")
        }
    }

    @Test func aRefusalInside200IsClassifiedNeverRetriedAndNeverEchoesTheKey() async throws {
        try await withMiniMaxFake { fake, h in
            let unknown = speechRequest(voice: Voice(gender: .male, providerVoice: ["minimax": "moss-audio-typo"]))
            let refused = try await h.run(try Self.speech(fake), request: unknown, kind: .speech)
            #expect(refused.failures[AdapterHarness.node(.speech)]?.reason == .invalidRequest)
            #expect(refused.failures[AdapterHarness.node(.speech)]?.message.contains("voice_id") == true)
            #expect(fake.requests("POST", "/v1/t2a_v2").count == 1)

            let badKey = "eyJ-wrong-minimax-key-9981"
            let locked = try await h.run(try Self.speech(fake, key: badKey), request: speechRequest("Another line."), kind: .speech)
            let failure = try #require(locked.failures[AdapterHarness.node(.speech)])
            #expect(failure.reason == .auth)
            #expect(!failure.message.contains(badKey))
            #expect(!(await journalText(h)).contains(badKey))
        }
    }

    @Test func aVoiceIsFoundByIdOrNameAndATypoIsNotTakenForAnAccountsOwn() throws {
        let openai = try #require(VoiceDirectory.shelf("openai"))
        #expect(openai.voice("nova")?.id == "nova")
        #expect(openai.voice("Nova")?.id == "nova")
        #expect(openai.voice("voice_abc123") == nil, "OpenAI's list is closed")
        let minimax = try #require(VoiceDirectory.shelf("minimax"))
        #expect(minimax.voice("少女")?.id == "female-shaonv")
        #expect(minimax.voice("female-shaonv")?.gender == .female)
        #expect(minimax.voice("moss_audio_0251081c")?.id == "moss_audio_0251081c", "an account's own voice is taken as given")
        #expect(minimax.voice("femal-shaonv") == nil, "a typo of a system voice is not")
        #expect(minimax.voice("two words") == nil)
        let espeak = try #require(VoiceDirectory.shelf("espeak"))
        #expect(espeak.isLocal && espeak.voice("f4")?.gender == .female && espeak.voice("f9") == nil)
        #expect(VoiceDirectory.shelves.map(\.provider) == ["espeak", "openai", "elevenlabs", "minimax"])
    }
}
