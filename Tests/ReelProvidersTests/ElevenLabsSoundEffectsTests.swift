import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// ElevenLabs sound effects over real HTTP through the executor: what is sent (path, query,
/// key, the exact body), what is stored, how failures are classified, and that the key never
/// shows.
@Suite struct ElevenLabsSoundEffectsTests {
    static func withEleven<T: Sendable>(_ body: (ElevenLabsFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await ElevenLabsFakeServer.start(), body)
    }

    /// $0.002 a second, as the built-in catalog says.
    static let price = priced("eleven_text_to_sound_v2", "elevenlabs", micros: 2_000, per: .second, medium: .effects)

    static func config(_ baseURL: URL, key: String) -> ProviderConfig {
        ProviderConfig(id: "elevenlabs", baseURL: baseURL, credentials: ["ELEVENLABS_API_KEY": Secret(key)], models: [price])
    }

    static func effects(_ fake: ElevenLabsFakeServer, key: String? = nil) throws -> ElevenLabsSoundEffects {
        try ElevenLabsSoundEffects(config: config(fake.baseURL, key: key ?? fake.apiKey), support: try testSupport())
    }

    static let node = AdapterHarness.node(.effect)

    /// One effect through the executor, whatever adapter the entry made.
    static func run<G: SoundEffectGenerator>(_ adapter: G, _ request: SoundEffectRequest, _ h: AdapterHarness) async throws
        -> RunSummary {
        try await h.run(adapter, request: request, kind: .effect)
    }

    /// The body ElevenLabs is sent, exactly (the request goes out as canonical JSON).
    static func body(_ text: String, seconds: Double, loop: Bool) -> String {
        JSONValue.object([
            "text": .string(text), "duration_seconds": .double(seconds), "prompt_influence": .double(0.3),
            "loop": .bool(loop), "model_id": "eleven_text_to_sound_v2",
        ]).canonical
    }

    @Test func anAmbienceLoopsAndIsAskedForThirtySecondsAtMost() async throws {
        try await Self.withEleven { fake, h in
            let rain = SoundEffectRequest(effect: .rain, duration: .seconds(45), seed: 7)
            #expect(rain.loop)
            let summary = try await h.run(try Self.effects(fake), request: rain, kind: .effect)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "audio/mpeg")
            #expect(output.asset.media?.hasAudio == true)
            #expect(output.cost == Money(micros: 60_000), "30 seconds are made and paid for")
            let posts = fake.requests.filter { $0.method == "POST" }
            #expect(posts.count == 1)
            let sent = try #require(posts.first)
            #expect(sent.path == "/v1/sound-generation")
            #expect(sent.query == ["output_format": "mp3_44100_128"])
            #expect(sent.header("xi-api-key") == fake.apiKey)
            #expect(sent.text == Self.body("steady rain falling outside, soft patter, no thunder", seconds: 30, loop: true))
            #expect(!(await journalText(h)).contains(fake.apiKey))
        }
    }

    @Test func aSpotEffectIsAskedForItsOwnLengthWithoutALoop() async throws {
        try await Self.withEleven { fake, h in
            let door = SoundEffectRequest(effect: .door, duration: try #require(SoundEffect.door.spotLength), seed: 7)
            #expect(!door.loop)
            let summary = try await h.run(try Self.effects(fake), request: door, kind: .effect)
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "audio/mpeg")
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.mp3()), "the answer, as sent")
            #expect(output.cost == Money(micros: 3_000))
            let sent = try #require(fake.requests.first { $0.method == "POST" })
            #expect(sent.path == "/v1/sound-generation")
            #expect(sent.query["output_format"] == "mp3_44100_128")
            #expect(sent.header("xi-api-key") == fake.apiKey)
            #expect(sent.text == Self.body("a wooden door slamming shut", seconds: 1.5, loop: false))
        }
    }

    @Test func normalizingKeepsWhatIsSentAndDropsTheSeed() throws {
        let adapter = ElevenLabsSoundEffects(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"))
        #expect(adapter.descriptor.id == "elevenlabs" && adapter.descriptor.media == [.effects])
        #expect(!adapter.descriptor.isLocal && !adapter.descriptor.isDeterministic)
        let asked = SoundEffectRequest(effect: .wind, prompt: "wind in the pines", duration: .milliseconds(45_040), seed: 99)
        let normal = adapter.normalize(asked)
        #expect(normal.effect == .wind && normal.prompt == "wind in the pines" && normal.loop)
        #expect(normal.duration == .seconds(30))
        #expect(normal.model == "eleven_text_to_sound_v2")
        #expect(normal.seed == 0)
        var reseeded = asked
        reseeded.seed = 100
        #expect(adapter.normalize(reseeded) == normal, "the seed is not sent, so it does not change the sound")
        let knock = adapter.normalize(SoundEffectRequest(effect: .knock, duration: .milliseconds(1_260), seed: 1, model: "x"))
        #expect(knock.duration == RationalTime(value: 13, timescale: 10), "to a tenth of a second")
        #expect(knock.model == "x" && !knock.loop)
    }

    @Test func theEstimateIsPerSecondOfSound() {
        let adapter = ElevenLabsSoundEffects(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"), prices: [Self.price])
        #expect(adapter.estimate(SoundEffectRequest(effect: .sea, duration: .seconds(10), seed: 1)) == Money(micros: 20_000))
        #expect(adapter.estimate(SoundEffectRequest(effect: .sea, duration: .seconds(45), seed: 1)) == Money(micros: 60_000))
        let unpriced = ElevenLabsSoundEffects(baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: Secret("k"))
        #expect(unpriced.estimate(SoundEffectRequest(effect: .sea, duration: .seconds(10), seed: 1)) == nil)
    }

    @Test func aRefusedKeyIsAnAuthFailureThatNeverNamesTheKey() async throws {
        try await Self.withEleven { fake, h in
            let wrong = "xi-wrong-effects-key-4711"
            let summary = try await h.run(try Self.effects(fake, key: wrong), request: SoundEffectRequest(effect: .door,
                                          duration: .seconds(2), seed: 7), kind: .effect)
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .auth)
            #expect(!failure.message.contains(wrong) && !String(reflecting: failure).contains(wrong))
            #expect(fake.requests.filter { $0.method == "POST" }.count == 1, "a refused key is not tried again")
            #expect(!(await journalText(h)).contains(wrong))
        }
    }

    @Test func anExhaustedQuotaIsABudgetFailure() async throws {
        try await Self.withEleven { fake, h in
            fake.answers.script("effects", ElevenLabsFakeServer.error(401, status: "quota_exceeded", message: "quota"))
            let summary = try await h.run(try Self.effects(fake), request: SoundEffectRequest(effect: .rain,
                                          duration: .seconds(20), seed: 7), kind: .effect)
            #expect(summary.failures[Self.node]?.reason == .budget)
            #expect(fake.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func theFakeRefusesWhatElevenLabsRefuses() async throws {
        let fake = try await ElevenLabsFakeServer.start()
        do {
            let transport = AsyncHTTPTransport()
            let url = fake.baseURL.appendingPathComponent("v1/sound-generation")
            let cases: [(JSONValue, Int)] = [(["text": "", "duration_seconds": 2], 422),
                                             (["text": "rain", "duration_seconds": 31], 422),
                                             (["text": "rain", "duration_seconds": 0.4], 422),
                                             (["text": "rain", "duration_seconds": 30], 200),
                                             (["text": "rain"], 200)]
            for (body, status) in cases {
                let response = try await transport.send(HTTPRequest.json("POST", url, body: body, headers: ["xi-api-key": fake.apiKey]))
                #expect(response.status == status, "\(body.canonical)")
            }
            let unsigned = try await transport.send(HTTPRequest.json("POST", url, body: ["text": "rain", "duration_seconds": 2]))
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
        #expect(entry.media.contains(.effects))
        let key = "Zq10x-elevenlabs_api_key-7fH2kP9w"
        try await withHarness { h in
            try await EchoingFakeServer.serving(mode) { fake in
                let config = ProviderConfig(id: "elevenlabs", baseURL: fake.baseURL, credentials: ["ELEVENLABS_API_KEY": Secret(key)])
                let make = try #require(entry.effects)
                let adapter = try make(config, AdapterSupport(probe: nil, pollInterval: 0.01, requestTimeout: 5))
                #expect(!String(describing: adapter).contains(key) && !String(reflecting: adapter).contains(key))
                let summary = try await Self.run(adapter, SoundEffectRequest(effect: .thunder, duration: .seconds(4), seed: 7), h)
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
