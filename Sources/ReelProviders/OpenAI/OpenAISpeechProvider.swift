import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Dialogue from OpenAI's speech endpoint (`POST /audio/speech`), or from any server that
/// speaks it (give the `openai` entry another base URL).
///
/// Like images, speech is synchronous — the answer is the audio — so the adapter has the
/// ``LocalGenerator`` shape: `submit` makes the call and stores the MP3 (measured, when a
/// probe is given), and the journaled handle holds only the stored asset.
///
/// Each character keeps one voice (``VoiceCast``); the voice's pace becomes `speed`, and on
/// models that take `instructions` its pitch and the line's language become a direction
/// ("a lower voice; speak Mandarin Chinese").
public struct OpenAISpeechProvider: SpeechGenerator, LocalGenerator {
    public let endpoint: OpenAIEndpoint
    public let probe: MediaProbe?
    let prices: [ModelCapabilities]

    public static let cast = VoiceCast(provider: "openai", female: ["nova", "shimmer", "coral", "sage"],
                                       male: ["onyx", "echo", "ash", "verse"], neutral: ["alloy", "fable"])

    /// The endpoint's built-in voices (provider-apis §12c); `marin` and `cedar` only on
    /// `gpt-4o-mini-tts`. Every one speaks Chinese as well as English.
    public static let voices: [VoiceOption] = [
        ("alloy", "Alloy", Voice.Gender.unknown, "neutral, even"),
        ("ash", "Ash", .male, "clear, direct"),
        ("ballad", "Ballad", .male, "soft, British"),
        ("coral", "Coral", .female, "warm, friendly"),
        ("echo", "Echo", .male, "resonant"),
        ("fable", "Fable", .unknown, "British, storytelling"),
        ("nova", "Nova", .female, "bright, young"),
        ("onyx", "Onyx", .male, "deep"),
        ("sage", "Sage", .female, "calm, measured"),
        ("shimmer", "Shimmer", .female, "light, gentle"),
        ("verse", "Verse", .male, "expressive"),
        ("marin", "Marin", .female, "natural (gpt-4o-mini-tts)"),
        ("cedar", "Cedar", .male, "natural (gpt-4o-mini-tts)"),
    ].map { VoiceOption(provider: "openai", id: $0.0, name: $0.1, gender: $0.2, note: $0.3) }

    public init(endpoint: OpenAIEndpoint, probe: MediaProbe? = nil, prices: [ModelCapabilities] = []) {
        self.endpoint = endpoint
        self.probe = probe
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: endpoint.flavor.id, name: endpoint.flavor.name + " speech", media: [.speech], isLocal: false,
                           isDeterministic: false, pollInterval: 1, timeout: 120)
    }

    /// Keeps what the endpoint hears: the line, its language, the voice cast for the
    /// speaker, pace and pitch, the model.
    public func normalize(_ request: SpeechRequest) -> SpeechRequest {
        Self.cast.normalized(request, model: Self.model(request.model))
    }

    public func voiceName(for voice: Voice, speaker: String, language: Language) -> String {
        Self.cast.voice(for: voice, speaker: speaker)
    }

    public func estimate(_ request: SpeechRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(characters: request.text.count)
    }

    public func make(_ request: SpeechRequest, context: GenerationContext) async throws -> NodeOutput {
        guard request.text.count <= 4096 else {
            throw JobFailure(.invalidRequest, "a line of \(request.text.count) characters is over the 4,096 the speech endpoint takes")
        }
        var http = endpoint.post("audio/speech", json: Self.body(request))
        http.headers["Accept"] = "audio/mpeg"
        let response = try await endpoint.send(http, doing: "voice a line")
        return try await ResultDownload(provider: endpoint.flavor.name, transport: endpoint.transport, probe: probe)
            .audio(response, mediaType: "audio/mpeg", into: context.blobs, cost: estimate(request),
                   details: ["voice": .string(Self.cast.voice(for: request.voice, speaker: request.speaker))])
    }
}

extension OpenAISpeechProvider {
    /// Reel's `default` is `gpt-4o-mini-tts`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "gpt-4o-mini-tts" : name }

    /// `POST /audio/speech`. `speed` is a JSON number (0.25–4; Reel's pace −10…10 maps to
    /// 0.5–1.5); `instructions` is sent only to models that take it (not `tts-1`/`tts-1-hd`).
    static func body(_ request: SpeechRequest) -> JSONValue {
        let model = model(request.model)
        var body: [String: JSONValue] = [
            "model": .string(model), "input": .string(request.text),
            "voice": .string(cast.voice(for: request.voice, speaker: request.speaker)), "response_format": "mp3",
        ]
        if request.voice.pace != 0 { body["speed"] = .double(1 + Double(max(-10, min(10, request.voice.pace))) * 0.05) }
        if !model.hasPrefix("tts-1"), let direction = instructions(request) { body["instructions"] = .string(direction) }
        return .object(body)
    }

    /// A direction from the voice's pitch and the line's language; nil when there is nothing to say.
    static func instructions(_ request: SpeechRequest) -> String? {
        var parts: [String] = []
        if request.voice.pitch < 0 { parts.append(request.voice.pitch <= -5 ? "Use a low, deep voice." : "Pitch the voice a little low.") }
        if request.voice.pitch > 0 { parts.append(request.voice.pitch >= 5 ? "Use a high, light voice." : "Pitch the voice a little high.") }
        if request.language == .chinese { parts.append("Speak Mandarin Chinese (Putonghua).") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension OpenAISpeechProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "OpenAISpeechProvider(\(endpoint))" }
    public var customMirror: Mirror { Mirror(self, children: ["endpoint": endpoint.description], displayStyle: .struct) }
}
