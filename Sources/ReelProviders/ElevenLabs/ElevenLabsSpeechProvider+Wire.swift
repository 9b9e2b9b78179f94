import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// ElevenLabs' wire format and entry: speech, sound effects (``ElevenLabsSoundEffects``) and
/// music (``ElevenLabsMusic``).
///
/// Left open by the docs (provider-apis §12d, §14): the continuity fields (`previous_text`,
/// `next_text`, request ids) are not sent; `language_code` is sent only to the v2.5 models,
/// the ones said to enforce a language; no idempotency key exists (a line whose answer was lost
/// after it went out is not sent again by the run; the next render voices it again, same seed).
extension ElevenLabsSpeechProvider {
    public static let entry = ProviderEntry(
        id: "elevenlabs", name: "ElevenLabs", defaultBaseURL: "https://api.elevenlabs.io", credentials: ["ELEVENLABS_API_KEY"],
        speech: { config, support in try ElevenLabsSpeechProvider(config: config, support: support) },
        effects: { config, support in try ElevenLabsSoundEffects(config: config, support: support) },
        music: { config, support in try ElevenLabsMusic(config: config, support: support) },
        voices: voices, takesOtherVoices: true,
        check: { config, support in try await ElevenLabsSpeechProvider(config: config, support: support).check() })

    /// The premade voices every account has; voices of the account's own (its library,
    /// cloned ones) are taken by id.
    public static let voices: [VoiceOption] = [
        ("EXAVITQu4vr4xnSDxMaL", "Sarah", Voice.Gender.female, "young, soft"),
        ("FGY2WhTYpPnrIDTdsKH5", "Laura", .female, "young, upbeat"),
        ("Xb7hH8MSUJpSbSDYk0k2", "Alice", .female, "British, confident"),
        ("cgSgspJ2msm6clMCkdW9", "Jessica", .female, "young, expressive"),
        ("9BWtsMINqrJLrRacOk9x", "Aria", .female, "middle-aged, husky"),
        ("JBFqnCBsd6RMkjVDRZzb", "George", .male, "British, warm narrator"),
        ("TX3LPaxmHKxFdv7VOQHJ", "Liam", .male, "young, articulate"),
        ("N2lVS1w4EtoT3dr4eOWO", "Callum", .male, "gravelly, intense"),
        ("IKne3meq5aSn9XLyUdCD", "Charlie", .male, "Australian, casual"),
        ("CwhRBWXzGAHq8TQ4Fs17", "Roger", .male, "confident, easy"),
        ("SAz9YHcvj6GT2YYXdXww", "River", .unknown, "calm, neutral"),
    ].map { VoiceOption(provider: "elevenlabs", id: $0.0, name: $0.1, gender: $0.2, note: $0.3) }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("ELEVENLABS_API_KEY"), transport: support.transport,
                  requestTimeout: support.requestTimeout, probe: support.probe, prices: config.models)
    }

    /// Lists the models: one cheap authenticated call.
    public func check() async throws -> String {
        let url = baseURL.appendingPathComponent("v1/models")
        let response = try await transport.send(HTTPRequest(url: url, headers: headers(["Accept": "application/json"]),
                                                            timeout: requestTimeout))
        try policy.check(response, doing: "check the key")
        return "key accepted; \(response.json?.arrayValue?.count ?? 0) models"
    }

    /// Reel's `default` is `eleven_multilingual_v2` (English and Chinese).
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "eleven_multilingual_v2" : name }

    /// The JSON body: `seed` is an integer (``SpeechRequest/seed32``);
    /// `voice_settings.speed` (0.7–1.2) carries the voice's pace when it has one.
    static func body(_ request: SpeechRequest) -> JSONValue {
        let model = model(request.model)
        var body: [String: JSONValue] = [
            "text": .string(request.text), "model_id": .string(model),
            "seed": .int(Int64(request.seed32)),
        ]
        if request.voice.pace != 0 {
            let speed = 1 + Double(max(-10, min(10, request.voice.pace))) * (request.voice.pace < 0 ? 0.03 : 0.02)
            body["voice_settings"] = ["speed": .double((speed * 100).rounded() / 100)]
        }
        if model.contains("v2_5") { body["language_code"] = .string(request.language.rawValue) }
        return .object(body)
    }
}

extension SpeechRequest {
    /// A 32-bit seed for APIs that take one, from the line's text and cast voice (speech
    /// requests carry no seed of their own; the same line in the same voice gets the same seed).
    var seed32: UInt32 {
        let cast = voice.providerVoice.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return UInt32(truncatingIfNeeded: Hashing.seed("speech:\(text)|\(cast)"))
    }
}

/// ElevenLabs' one exchange for audio, shared by its speech, sound effects and music: a JSON
/// `POST` to `path` asking for an MP3 (`output_format=mp3_44100_128`) with the `xi-api-key`
/// header; a refusal is a classified failure (an exhausted quota is a budget one), an answer
/// the MP3, stored.
struct ElevenLabsAudioCall: Sendable {
    let baseURL: URL
    let apiKey: Secret
    let transport: any HTTPTransport
    let timeout: Double
    let probe: MediaProbe?
    static let policy = HTTPStatusPolicy(provider: "ElevenLabs")

    func post(_ path: String, body: JSONValue, doing: String, into blobs: any BlobStore, cost: Money?,
              details: JSONValue) async throws -> NodeOutput {
        var url = baseURL.appendingPathComponent(path)
        url = URL(string: url.absoluteString + "?output_format=mp3_44100_128") ?? url
        let http = HTTPRequest.json("POST", url, body: body, headers: ["Accept": "audio/mpeg", "xi-api-key": apiKey.reveal()],
                                    timeout: timeout)
        let response = try await transport.send(http)
        if var failure = Self.policy.failure(for: response, doing: doing) {
            if failure.providerCode == "quota_exceeded" { failure.reason = .budget }
            throw failure
        }
        return try await ResultDownload(provider: "ElevenLabs", transport: transport, probe: probe)
            .audio(response, mediaType: "audio/mpeg", into: blobs, cost: cost, details: details)
    }
}
