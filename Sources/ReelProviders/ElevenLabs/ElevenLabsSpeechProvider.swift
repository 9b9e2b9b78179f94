import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Dialogue from ElevenLabs: `POST /v1/text-to-speech/{voice_id}?output_format=mp3_44100_128`
/// with the `xi-api-key` header; the answer is the MP3.
///
/// Synchronous like OpenAI's speech, so it has the ``LocalGenerator`` shape: `submit` makes
/// the call and stores the audio; the journaled handle holds only the stored asset.
/// Characters keep one premade voice each (``VoiceCast``); `eleven_multilingual_v2` (the
/// default) voices English and Chinese lines alike. The seed is sent (ElevenLabs takes one,
/// 0…4294967295), so a line asked again comes out alike (as far as ElevenLabs promises).
///
/// ```swift
/// let voices = try ElevenLabsSpeechProvider(config: config, support: support)
/// registry.register(GenerationRunner(voices), kind: .speech, provider: "elevenlabs")
/// ```
public struct ElevenLabsSpeechProvider: SpeechGenerator, LocalGenerator {
    public let baseURL: URL
    let apiKey: Secret
    public let transport: any HTTPTransport
    public let requestTimeout: Double
    public let probe: MediaProbe?
    let prices: [ModelCapabilities]
    let policy = HTTPStatusPolicy(provider: "ElevenLabs")

    /// Premade voices every account has (Sarah, Laura, Alice, Jessica, Aria; George, Liam,
    /// Callum, Charlie, Roger; River).
    public static let cast = VoiceCast(
        provider: "elevenlabs",
        female: ["EXAVITQu4vr4xnSDxMaL", "FGY2WhTYpPnrIDTdsKH5", "Xb7hH8MSUJpSbSDYk0k2", "cgSgspJ2msm6clMCkdW9",
                 "9BWtsMINqrJLrRacOk9x"],
        male: ["JBFqnCBsd6RMkjVDRZzb", "TX3LPaxmHKxFdv7VOQHJ", "N2lVS1w4EtoT3dr4eOWO", "IKne3meq5aSn9XLyUdCD",
               "CwhRBWXzGAHq8TQ4Fs17"],
        neutral: ["SAz9YHcvj6GT2YYXdXww"])

    public init(baseURL: URL, apiKey: Secret, transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 60,
                probe: MediaProbe? = nil, prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "elevenlabs", name: "ElevenLabs", media: [.speech], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 120)
    }

    /// Keeps the line, its language, the voice cast for the speaker, pace and the model.
    public func normalize(_ request: SpeechRequest) -> SpeechRequest {
        Self.cast.normalized(request, model: Self.model(request.model), takesPitch: false)
    }

    public func voiceName(for voice: Voice, speaker: String, language: Language) -> String {
        Self.cast.voice(for: voice, speaker: speaker)
    }

    public func estimate(_ request: SpeechRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(characters: request.text.count)
    }

    public func make(_ request: SpeechRequest, context: GenerationContext) async throws -> NodeOutput {
        let voice = Self.cast.voice(for: request.voice, speaker: request.speaker)
        return try await ElevenLabsAudioCall(baseURL: baseURL, apiKey: apiKey, transport: transport, timeout: requestTimeout, probe: probe)
            .post("v1/text-to-speech/\(voice)", body: Self.body(request), doing: "voice a line", into: context.blobs,
                  cost: estimate(request), details: ["voice": .string(voice)])
    }

    func headers(_ extra: [String: String] = [:]) -> [String: String] {
        var all = extra
        all["xi-api-key"] = apiKey.reveal()
        return all
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension ElevenLabsSpeechProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "ElevenLabsSpeechProvider(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(baseURL), "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
