import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// OpenAI and ElevenLabs speech, and OpenAI images, over real HTTP through the executor.
@Suite struct RemoteSpeechTests {
    static func withOpenAI<T: Sendable>(_ body: (OpenAIFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await OpenAIFakeServer.start(), body)
    }

    static func withEleven<T: Sendable>(_ body: (ElevenLabsFakeServer, AdapterHarness) async throws -> T) async throws -> T {
        try await withVendorFake(try await ElevenLabsFakeServer.start(), body)
    }

    static func config(_ fake: OpenAIFakeServer) -> ProviderConfig {
        ProviderConfig(id: "openai", baseURL: fake.baseURL, credentials: ["OPENAI_API_KEY": Secret(fake.apiKey)],
                       models: [priced("gpt-4o-mini-tts", "openai", micros: 15_000, per: .thousandCharacters, medium: .speech),
                                priced("gpt-image-1", "openai", micros: 42_000, per: .image, medium: .image)])
    }

    @Test func anOpenAILineIsVoicedMeasuredAndPaidPerCharacter() async throws {
        try await Self.withOpenAI { fake, h in
            let speech = try OpenAISpeechProvider(config: Self.config(fake), support: try testSupport(), flavor: .openai)
            let line = speechRequest("我把每一封信都留着。", language: .chinese, voice: Voice(gender: .male, variant: 1, pitch: -1, pace: 2))
            let summary = try await h.run(speech, request: line, kind: .speech)
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[AdapterHarness.node(.speech)])
            #expect(output.asset.mediaType == "audio/mpeg")
            #expect(output.asset.media?.hasAudio == true && output.asset.media?.duration != nil)
            #expect(output.cost == Money(micros: 150))
            let sent = try #require(fake.requests("POST", "audio/speech").first)
            #expect(sent.bearerToken == fake.apiKey)
            let body = try #require(sent.json)
            #expect(body["model"] == "gpt-4o-mini-tts")
            #expect(body["input"]?.stringValue == line.text)
            #expect(body["voice"] == "echo")
            #expect(body["response_format"] == "mp3")
            #expect(body["speed"] == .double(1.1))
            #expect(body["instructions"]?.stringValue?.contains("Mandarin") == true)
            #expect(body["instructions"]?.stringValue?.contains("low") == true)
        }
    }

    @Test func eachCharacterKeepsOneVoiceAndCharactersDiffer() {
        let cast = OpenAISpeechProvider.cast
        let maya = Voice(gender: .female, variant: 0), lin = Voice(gender: .female, variant: 1)
        #expect(cast.voice(for: maya, speaker: "MAYA") == cast.voice(for: maya, speaker: "MAYA"))
        #expect(cast.voice(for: maya, speaker: "MAYA") != cast.voice(for: lin, speaker: "林晓"))
        #expect(cast.voice(for: Voice(gender: .male), speaker: "陈默") == "onyx")
        #expect(cast.voice(for: Voice(gender: .unknown), speaker: "A") != cast.voice(for: Voice(gender: .unknown), speaker: "B"))
        #expect(cast.voice(for: Voice(gender: .female, providerVoice: ["openai": "marin"]), speaker: "X") == "marin")
        #expect(ElevenLabsSpeechProvider.cast.voice(for: Voice(gender: .male), speaker: "X") == "JBFqnCBsd6RMkjVDRZzb")
    }

    @Test func aSpeechAnswerThatIsNotAudioIsNeverStored() async throws {
        try await Self.withOpenAI { fake, h in
            fake.answers.script("speech", .json(["ok": true]), OpenAIFakeServer.error(429, code: "rate_limit_exceeded",
                                                                                     headers: ["retry-after-ms": "1500"]))
            let speech = try OpenAISpeechProvider(config: Self.config(fake), support: try testSupport(), flavor: .openai)
            let summary = try await h.run(speech, request: speechRequest(), kind: .speech)
            #expect(summary.succeeded)
            #expect(fake.requests("POST", "audio/speech").count == 3)
            #expect(await h.sleeper.waits.contains { $0 >= 1.5 && $0 <= 1.7 })
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func anOpenAIStillIsStoredFromB64JSONAndResumesFromTheStore() async throws {
        try await Self.withOpenAI { fake, h in
            let images = try OpenAIImageProvider(config: Self.config(fake), support: try testSupport(probe: false), flavor: .openai)
            let summary = try await h.run(images, request: imageRequest(), kind: .image)
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[AdapterHarness.node(.image)])
            #expect(output.asset.mediaType == "image/png")
            #expect(try Data(contentsOf: h.blobs.url(for: output.asset)) == (try FixtureMedia.png(3)))
            #expect(output.cost == Money(micros: 42_000))
            let body = try #require(fake.requests("POST", "images/generations").first?.json)
            #expect(body["model"] == "gpt-image-1" && body["size"] == "1024x1536" && body["n"] == .int(1))
            #expect(body["response_format"] == nil)
            // The journaled handle holds the stored asset, not the picture or a key.
            guard case .submitted(let handle)? = await h.journal.log.map(\.state).first(where: {
                if case .submitted = $0 { true } else { false }
            }) else { Issue.record("no handle was journaled"); return }
            #expect(try handle.localOutput().asset == output.asset)
            #expect(!(await journalText(h)).contains(fake.apiKey))
        }
    }

    /// A keyframe made from the cast's references is an edit: each reference an `image[]`
    /// part, in the request's order, with exactly the stored bytes; the words go as `prompt`.
    @Test func anOpenAIStillFromReferencesSendsEachAsAnImagePartInOrder() async throws {
        try await Self.withOpenAI { fake, h in
            let images = try OpenAIImageProvider(config: Self.config(fake), support: try testSupport(probe: false), flavor: .openai)
            let inputs = [try h.image(1), try h.image(2)]
            var request = imageRequest()
            request.references = [ImageInput(input: 0, role: .reference, subject: "char:maya"),
                                  ImageInput(input: 1, role: .reference, subject: "loc:kitchen")]
            let summary = try await h.run(images, request: request, kind: .image, inputs: inputs)
            #expect(summary.succeeded, "\(summary.failures)")
            #expect(fake.requests("POST", "images/generations").isEmpty)
            let sent = try #require(fake.requests("POST", "images/edits").first)
            let form = try #require(MultipartBody(sent))
            #expect(form["model"] == "gpt-image-1" && form["size"] == "1024x1536" && form["n"] == "1")
            #expect(form["input_fidelity"] == "high" && form["prompt"] == request.prompt)
            let parts = form.parts.filter { $0.name == "image[]" }
            #expect(parts.map(\.data) == [try FixtureMedia.png(1), try FixtureMedia.png(2)], "the stored bytes, in order")
            #expect(parts.allSatisfy { $0.contentType == "image/png" && $0.fileName?.hasSuffix(".png") == true })
            #expect(!String(decoding: sent.body, as: UTF8.self).contains(fake.apiKey))
            #expect(summary.outputs[AdapterHarness.node(.image)]?.asset.mediaType == "image/png")
        }
    }

    @Test(arguments: [(OpenAIFakeServer.error(400, code: "moderation_blocked"), JobFailure.Reason.moderation),
                      (OpenAIFakeServer.error(401, code: "invalid_api_key"), .auth)])
    func anImageRefusalIsNotRetried(answer: FakeResponse, reason: JobFailure.Reason) async throws {
        try await Self.withOpenAI { fake, h in
            fake.answers.script("image", answer)
            let images = try OpenAIImageProvider(config: Self.config(fake), support: try testSupport(probe: false), flavor: .openai)
            let summary = try await h.run(images, request: imageRequest(), kind: .image)
            #expect(summary.failures[AdapterHarness.node(.image)]?.reason == reason)
            #expect(fake.requests("POST", "images/generations").count == 1)
        }
    }

    static func eleven(_ fake: ElevenLabsFakeServer, key: String? = nil) throws -> ElevenLabsSpeechProvider {
        let config = ProviderConfig(id: "elevenlabs", baseURL: fake.baseURL,
                                    credentials: ["ELEVENLABS_API_KEY": Secret(key ?? fake.apiKey)],
                                    models: [priced("eleven_multilingual_v2", "elevenlabs", micros: 100_000,
                                                    per: .thousandCharacters, medium: .speech)])
        return try ElevenLabsSpeechProvider(config: config, support: try testSupport())
    }

    @Test func anElevenLabsLineIsVoicedInTheCastVoice() async throws {
        try await Self.withEleven { fake, h in
            let line = speechRequest("我把每一封信都留着。", language: .chinese, voice: Voice(gender: .female, variant: 0, pace: -5))
            let summary = try await h.run(try Self.eleven(fake), request: line, kind: .speech)
            #expect(summary.succeeded)
            let output = try #require(summary.outputs[AdapterHarness.node(.speech)])
            #expect(output.asset.media?.hasAudio == true)
            #expect(output.cost == Money(micros: 1_000))
            let sent = try #require(fake.requests.first { $0.method == "POST" })
            #expect(sent.path == "/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL")
            #expect(sent.query["output_format"] == "mp3_44100_128")
            #expect(sent.header("xi-api-key") == fake.apiKey)
            let body = try #require(sent.json)
            #expect(body["text"]?.stringValue == line.text)
            #expect(body["model_id"] == "eleven_multilingual_v2")
            #expect(body["seed"]?.intValue != nil)
            #expect(body["voice_settings"]?["speed"] == .double(0.85))
            #expect(body["language_code"] == nil)
        }
    }

    static let elevenFailures: [(FakeResponse, JobFailure.Reason, Int)] = [
        (ElevenLabsFakeServer.error(401, status: "quota_exceeded", message: "quota"), .budget, 1),
        (ElevenLabsFakeServer.error(400, status: "voice_not_found", message: "no such voice"), .invalidRequest, 1),
        (ElevenLabsFakeServer.error(429, status: "too_many_concurrent_requests", message: "busy", headers: ["Retry-After": "2"]),
         .rateLimited, 2),
    ]

    @Test(arguments: elevenFailures)
    func elevenLabsFailuresAreClassified(answer: FakeResponse, reason: JobFailure.Reason, requests: Int) async throws {
        try await Self.withEleven { fake, h in
            fake.answers.script("speech", answer)
            let summary = try await h.run(try Self.eleven(fake), request: speechRequest(), kind: .speech)
            if reason.isRetryable {
                #expect(summary.succeeded)
                #expect(await h.sleeper.waits.first.map { $0 >= 2 } == true)
            } else {
                #expect(summary.failures[AdapterHarness.node(.speech)]?.reason == reason)
            }
            #expect(fake.requests.filter { $0.method == "POST" }.count == requests)
        }
    }

    @Test func theElevenLabsEntryChecksTheKeyAndNeverShowsIt() async throws {
        try await Self.withEleven { fake, _ in
            let entry = try #require(ProviderDirectory.entry("elevenlabs"))
            let good = ProviderConfig(id: "elevenlabs", baseURL: fake.baseURL, credentials: ["ELEVENLABS_API_KEY": Secret(fake.apiKey)])
            #expect(try await entry.check(good, try testSupport(probe: false)) == "key accepted; 2 models")
            let bad = ProviderConfig(id: "elevenlabs", baseURL: fake.baseURL, credentials: ["ELEVENLABS_API_KEY": Secret("nope")])
            let error = await #expect(throws: JobFailure.self) { _ = try await entry.check(bad, try testSupport(probe: false)) }
            #expect(error?.reason == .auth)
            let adapter = try #require(try entry.speech?(good, try testSupport(probe: false)))
            #expect(!String(describing: adapter).contains(fake.apiKey) && !String(reflecting: adapter).contains(fake.apiKey))
        }
    }
}
