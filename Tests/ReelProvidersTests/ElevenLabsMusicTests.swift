import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// ElevenLabs music over real HTTP through the executor: what is sent (path, query, key, the
/// exact body), what is stored, how failures are classified, and that the key never shows.
@Suite struct ElevenLabsMusicTests {
    static func withEleven<T: Sendable>(_ body: (ElevenLabsFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await ElevenLabsFakeServer.start(), body)
    }

    /// $0.0115 a second ($0.69 a minute), as the built-in catalog says.
    static let price = priced("music_v1", "elevenlabs", micros: 11_500, per: .second, medium: .music)

    static func config(_ baseURL: URL, key: String) -> ProviderConfig {
        ProviderConfig(id: "elevenlabs", baseURL: baseURL, credentials: ["ELEVENLABS_API_KEY": Secret(key)], models: [price])
    }

    static func music(_ fake: ElevenLabsFakeServer, key: String? = nil) throws -> ElevenLabsMusic {
        try ElevenLabsMusic(config: config(fake.baseURL, key: key ?? fake.apiKey), support: try testSupport())
    }

    static let node = AdapterHarness.node(.music)

    static let prompt = "Film underscore for a tense scene (INT. KITCHEN - NIGHT): instrumental, under dialogue"

    /// One cue through the executor, whatever adapter the entry made.
    static func run<G: MusicGenerator>(_ adapter: G, _ request: MusicRequest, _ h: AdapterHarness) async throws -> RunSummary {
        try await h.run(adapter, request: request, kind: .music)
    }

    /// The body ElevenLabs is sent, exactly (the request goes out as canonical JSON).
    static func body(_ prompt: String, milliseconds: Int64) -> String {
        JSONValue.object([
            "prompt": .string(prompt), "music_length_ms": .int(milliseconds), "model_id": "music_v1",
            "force_instrumental": .bool(true),
        ]).canonical
    }

    @Test func aCueIsAskedForItsLengthInWholeMilliseconds() async throws {
        try await Self.withEleven { fake, h in
            let cue = MusicRequest(mood: .tense, duration: .milliseconds(42_500), seed: 7, prompt: Self.prompt)
            let summary = try await Self.run(try Self.music(fake), cue, h)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "audio/mpeg")
            #expect(output.asset.media?.hasAudio == true)
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.mp3()), "the answer, as sent")
            #expect(output.cost == Money(micros: 488_750), "42.5 seconds at $0.0115")
            let posts = fake.requests.filter { $0.method == "POST" }
            #expect(posts.count == 1)
            let sent = try #require(posts.first)
            #expect(sent.path == "/v1/music")
            #expect(sent.query == ["output_format": "mp3_44100_128"])
            #expect(sent.header("xi-api-key") == fake.apiKey)
            #expect(sent.text == Self.body(Self.prompt, milliseconds: 42_500))
            #expect(!(await journalText(h)).contains(fake.apiKey))
        }
    }

    @Test func aShortCueIsAskedForItsOwnLength() async throws {
        try await Self.withEleven { fake, h in
            let cue = MusicRequest(mood: .calm, duration: .seconds(4), seed: 7, prompt: "soft piano, calm")
            let summary = try await Self.run(try Self.music(fake), cue, h)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(summary.outputs[Self.node]?.cost == Money(micros: 46_000))
            let sent = try #require(fake.requests.first { $0.method == "POST" })
            #expect(sent.path == "/v1/music")
            #expect(sent.query["output_format"] == "mp3_44100_128")
            #expect(sent.header("xi-api-key") == fake.apiKey)
            #expect(sent.text == Self.body("soft piano, calm", milliseconds: 4_000), "4 s is within the 3 s…10 min the API makes")
        }
    }

    @Test func aCueShorterThanTheMinimumIsAskedAtTheMinimum() async throws {
        try await Self.withEleven { fake, h in
            let cue = MusicRequest(mood: .joyful, duration: .milliseconds(2_000), seed: 7, prompt: "bright strings, joyful")
            let summary = try await Self.run(try Self.music(fake), cue, h)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(summary.outputs[Self.node]?.cost == Money(micros: 34_500), "3 seconds are made and paid for")
            let sent = try #require(fake.requests.first { $0.method == "POST" })
            #expect(sent.path == "/v1/music")
            #expect(sent.query == ["output_format": "mp3_44100_128"])
            #expect(sent.text == Self.body("bright strings, joyful", milliseconds: 3_000), "the mix cuts it to 2 s")
        }
    }

    @Test func normalizingKeepsWhatIsSentAndDropsTheSeed() throws {
        let adapter = ElevenLabsMusic(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"))
        #expect(adapter.descriptor.id == "elevenlabs" && adapter.descriptor.media == [.music])
        #expect(!adapter.descriptor.isLocal && !adapter.descriptor.isDeterministic)
        let asked = MusicRequest(mood: .mysterious, duration: RationalTime(value: 127, timescale: 3), seed: 99,
                                 prompt: "low drones, mysterious")
        let normal = adapter.normalize(asked)
        #expect(normal.mood == .mysterious && normal.prompt == "low drones, mysterious")
        #expect(normal.duration == .milliseconds(42_333), "to the whole millisecond")
        #expect(normal.model == "music_v1")
        #expect(normal.seed == 0)
        var reseeded = asked
        reseeded.seed = 100
        #expect(adapter.normalize(reseeded) == normal, "the seed is not sent, so it does not change the cue")
        let short = adapter.normalize(MusicRequest(mood: .sad, duration: .milliseconds(1_200), seed: 1, prompt: "p", model: "music_v2"))
        #expect(short.duration == .seconds(3) && short.model == "music_v2")
        let long = adapter.normalize(MusicRequest(mood: .action, duration: .seconds(720), seed: 1, prompt: "p"))
        #expect(long.duration == .seconds(600), "ten minutes at most")
        #expect(adapter.normalize(normal) == normal, "normalizing twice changes nothing")
    }

    @Test func theEstimateIsPerSecondOfMusicSent() {
        let adapter = ElevenLabsMusic(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"), prices: [Self.price])
        #expect(adapter.estimate(MusicRequest(mood: .warm, duration: .seconds(60), seed: 1, prompt: "p")) == Money(micros: 690_000))
        #expect(adapter.estimate(MusicRequest(mood: .warm, duration: .milliseconds(42_500), seed: 1, prompt: "p"))
            == Money(micros: 488_750))
        #expect(adapter.estimate(MusicRequest(mood: .warm, duration: .seconds(1), seed: 1, prompt: "p")) == Money(micros: 34_500),
                "a cue shorter than 3 s is paid as 3 s")
        #expect(adapter.estimate(MusicRequest(mood: .warm, duration: .seconds(60), seed: 1, prompt: "p", model: "music_v2")) == nil,
                "an unpriced model has no estimate")
        let unpriced = ElevenLabsMusic(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"))
        #expect(unpriced.estimate(MusicRequest(mood: .warm, duration: .seconds(60), seed: 1, prompt: "p")) == nil)
    }

    @Test func aRefusedKeyIsAnAuthFailureThatNeverNamesTheKey() async throws {
        try await Self.withEleven { fake, h in
            let wrong = "xi-wrong-music-key-4711"
            let adapter = try Self.music(fake, key: wrong)
            #expect(!String(describing: adapter).contains(wrong) && !String(reflecting: adapter).contains(wrong))
            let summary = try await Self.run(adapter, MusicRequest(mood: .tense, duration: .seconds(20), seed: 7, prompt: Self.prompt), h)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .auth)
            #expect(!failure.message.contains(wrong) && !String(reflecting: failure).contains(wrong))
            #expect(fake.requests.filter { $0.method == "POST" }.count == 1, "a refused key is not tried again")
            #expect(!(await journalText(h)).contains(wrong))
        }
    }

    @Test func anExhaustedQuotaIsABudgetFailure() async throws {
        try await Self.withEleven { fake, h in
            fake.answers.script("music", ElevenLabsFakeServer.error(401, status: "quota_exceeded", message: "quota"))
            let summary = try await Self.run(try Self.music(fake), MusicRequest(mood: .romantic, duration: .seconds(30), seed: 7,
                                                                                 prompt: "warm strings"), h)
            #expect(summary.failures[Self.node]?.reason == .budget)
            #expect(fake.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func theFakeRefusesWhatElevenLabsRefuses() async throws {
        let fake = try await ElevenLabsFakeServer.start()
        do {
            let transport = AsyncHTTPTransport()
            let url = fake.baseURL.appendingPathComponent("v1/music")
            let cases: [(JSONValue, Int)] = [(["prompt": "", "music_length_ms": 30_000], 422),
                                             (["music_length_ms": 30_000], 422),
                                             (["prompt": "calm piano", "music_length_ms": 2_999], 422),
                                             (["prompt": "calm piano", "music_length_ms": 600_001], 422),
                                             (["prompt": "calm piano", "music_length_ms": 30_000.5], 422),
                                             (["prompt": "calm piano", "music_length_ms": 3_000], 200),
                                             (["prompt": "calm piano", "music_length_ms": 600_000], 200),
                                             (["prompt": "calm piano"], 200)]
            for (body, status) in cases {
                let response = try await transport.send(HTTPRequest.json("POST", url, body: body, headers: ["xi-api-key": fake.apiKey]))
                #expect(response.status == status, "\(body.canonical)")
            }
            let unsigned = try await transport.send(HTTPRequest.json("POST", url, body: ["prompt": "calm piano",
                                                                                        "music_length_ms": 30_000]))
            #expect(unsigned.status == 401)
            try await fake.stop()
        } catch {
            try? await fake.stop()
            throw error
        }
    }

    /// Through the directory's entry, whose transport scrubs the configuration's secrets: a
    /// provider that repeats the key in its error shows it nowhere.
    @Test(arguments: [EchoingFakeServer.Mode.status(401), .status(422)])
    func anEchoedKeyShowsNowhere(mode: EchoingFakeServer.Mode) async throws {
        let entry = try #require(ProviderDirectory.entry("elevenlabs"))
        #expect(entry.media.contains(.music))
        let key = "Zq10x-elevenlabs_api_key-8gJ3mQ1x"
        try await withHarness { h in
            try await EchoingFakeServer.serving(mode) { fake in
                let config = ProviderConfig(id: "elevenlabs", baseURL: fake.baseURL, credentials: ["ELEVENLABS_API_KEY": Secret(key)])
                let make = try #require(entry.music)
                let adapter = try make(config, AdapterSupport(probe: nil, pollInterval: 0.01, requestTimeout: 5))
                #expect(!String(describing: adapter).contains(key) && !String(reflecting: adapter).contains(key))
                let summary = try await Self.run(adapter, MusicRequest(mood: .sad, duration: .seconds(12), seed: 7, prompt: "cello"), h)
                let failure = try #require(summary.failures[Self.node])
                #expect(failure.reason == (mode == .status(401) ? JobFailure.Reason.auth : .invalidRequest))
                #expect(fake.received.contains(key), "the key did travel")
                let journal = await journalText(h), entries = await h.journal.entries
                let shown = ["\(summary.failures)", String(reflecting: failure), journal, String(describing: entries)]
                #expect(!shown.contains { $0.contains(key) })
                // The echo did reach the message, so a leak would have shown.
                #expect(failure.message.contains(SecretScrubber.mask))
            }
        }
    }
}
