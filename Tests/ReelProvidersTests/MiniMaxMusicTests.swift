import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// MiniMax music (`POST /v1/music_generation`) over real HTTP through the executor: a song
/// from lyrics, an instrumental cue, what is stored and paid, and how refusals are read.
@Suite struct MiniMaxMusicTests {
    /// The adapter as the `minimax` entry builds it, at $0.15 a song.
    static func music(_ fake: FakeTaskServer, key: String = MiniMaxFakeServer().key) throws -> any MusicGenerator {
        let config = ProviderConfig(id: "minimax", baseURL: fake.baseURL, credentials: ["MINIMAX_API_KEY": Secret(key)],
                                    models: [priced("music-2.6", "minimax", micros: 150_000, per: .clip, medium: .music)])
        let make = try #require(MiniMaxVideoProvider.entry.music)
        return try make(config, try testSupport())
    }

    static func run(_ adapter: any MusicGenerator, _ request: MusicRequest, _ h: AdapterHarness) async throws -> RunSummary {
        func go<G: MusicGenerator>(_ g: G) async throws -> RunSummary { try await h.run(g, request: request, kind: .music) }
        return try await go(adapter)
    }

    static let lyrics = "[Verse]\n雨落在旧站台\n你没有回来\n[Chorus]\n末班车 带走了夏天"

    @Test func aSongIsSungFromItsLyricsInTheStyleAskedAndPaidPerSong() async throws {
        try await withMiniMaxFake { fake, h in
            let adapter = try Self.music(fake)
            #expect(adapter.singsLyrics)
            let song = MusicRequest(mood: .sad, duration: .seconds(31), seed: 9, prompt: "国风流行, 女声, 钢琴与弦乐",
                                    lyrics: Self.lyrics)
            let summary = try await Self.run(adapter, song, h)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[AdapterHarness.node(.music)])
            #expect(output.asset.mediaType == "audio/mpeg" && output.asset.media?.hasAudio == true)
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.song()), "the hex is decoded to the MP3's bytes")
            #expect(output.cost == Money(micros: 150_000))
            let sent = try #require(fake.requests("POST", "/v1/music_generation").first)
            #expect(sent.bearerToken == MiniMaxFakeServer().key)
            #expect(sent.text == JSONValue.object([
                "model": "music-2.6", "prompt": "国风流行, 女声, 钢琴与弦乐", "lyrics": .string(Self.lyrics),
                "audio_setting": ["sample_rate": 44_100, "bitrate": 256_000, "format": "mp3"], "output_format": "hex",
            ]).canonical)
        }
    }

    /// The model sets the length and takes no seed or mood (a cue's prompt says its mood): none
    /// is in the cache key, so a scene that changes length or mood keeps its paid cue or song.
    @Test func anInstrumentalCueIsAskedForWithoutLyricsLengthOrSeed() async throws {
        try await withMiniMaxFake { fake, h in
            let adapter = try Self.music(fake)
            let cue = MusicRequest(mood: .tense, duration: .seconds(12), seed: 3, prompt: "Film underscore for a tense scene")
            #expect(try await Self.run(adapter, cue, h).succeeded)
            let body = try #require(fake.requests("POST", "/v1/music_generation").first?.json)
            #expect(body["is_instrumental"] == .bool(true) && body["lyrics"] == nil)
            var longer = cue
            longer.duration = .seconds(40)
            longer.seed = 8
            longer.mood = .joyful
            func key(_ r: MusicRequest) throws -> String {
                func normalized<G: MusicGenerator>(_ g: G) -> MusicRequest { g.normalize(r) }
                return try JSONValue(encoding: normalized(adapter)).canonical
            }
            #expect(try key(cue) == key(longer))
            var sung = cue
            sung.lyrics = Self.lyrics
            #expect(try key(cue) != key(sung))
        }
    }

    @Test func aRefusalInside200IsClassifiedNeverRetriedAndNeverEchoesTheKey() async throws {
        try await withMiniMaxFake { fake, h in
            let unknown = MusicRequest(mood: .calm, duration: .seconds(5), seed: 1, prompt: "a ballad", model: "speech-02-hd", lyrics: Self.lyrics)
            let refused = try await Self.run(try Self.music(fake), unknown, h)
            let failure = try #require(refused.failures[AdapterHarness.node(.music)])
            #expect(failure.reason == .invalidRequest && failure.message.contains("model"), "\(failure.message)")
            #expect(fake.requests("POST", "/v1/music_generation").count == 1)

            let badKey = "eyJ-wrong-minimax-music-key-5512"
            let locked = try await Self.run(try Self.music(fake, key: badKey), MusicRequest(mood: .calm, duration: .seconds(5), seed: 1,
                                                                                              prompt: "a ballad", lyrics: Self.lyrics), h)
            let lockedOut = try #require(locked.failures[AdapterHarness.node(.music)])
            #expect(lockedOut.reason == .auth && !lockedOut.message.contains(badKey))
            #expect(!(await journalText(h)).contains(badKey))
        }
    }

    @Test func lyricsMiniMaxWouldRefuseAreRefusedBeforeAnythingIsSent() async throws {
        try await withMiniMaxFake { fake, h in
            let long = MusicRequest(mood: .calm, duration: .seconds(5), seed: 1, prompt: "a ballad",
                                    lyrics: String(repeating: "雨", count: MiniMaxMusic.lyricsLimit + 1))
            let refused = try await Self.run(try Self.music(fake), long, h)
            #expect(refused.failures[AdapterHarness.node(.music)]?.message.contains("3501") == true)
            let empty = MusicRequest(mood: .calm, duration: .seconds(5), seed: 1, prompt: "a ballad", lyrics: "")
            #expect(try await Self.run(try Self.music(fake), empty, h).failures[AdapterHarness.node(.music)]?.message == "a song needs its lyrics")
            #expect(fake.requests("POST", "/v1/music_generation").isEmpty)
        }
    }
}
