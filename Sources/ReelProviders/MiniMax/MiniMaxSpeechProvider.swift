import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Dialogue from MiniMax's speech models (`POST /v1/t2a_v2`): strongest in Mandarin, with
/// system voices named for the parts of a Chinese drama (少女, 御姐, 霸道青年, 男性主持人…).
///
/// Synchronous like the other speech providers, so it has the ``LocalGenerator`` shape. The
/// answer carries the audio hex-encoded in `data.audio`; a refusal comes as HTTP 200 with
/// `base_resp.status_code` ≠ 0, read by the same ``MiniMaxVideoProvider/vendorFailure(_:_:_:)``
/// as the video jobs (1004 key, 1008 balance, 1026 content, 2013 parameters). The voice's pace
/// becomes `speed` (0.5–2), its pitch `pitch` (−12…12), and `language_boost` names the line's
/// language. It shares the `minimax` entry, host and key with MiniMax Hailuo.
///
/// ```swift
/// let voices = try MiniMaxSpeechProvider(config: config, support: support)
/// registry.register(GenerationRunner(voices), kind: .speech, provider: "minimax")
/// ```
public struct MiniMaxSpeechProvider: SpeechGenerator, LocalGenerator {
    public let client: TaskClient

    public init(client: TaskClient) { self.client = client }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = TaskClient(name: "MiniMax speech", baseURL: config.baseURL, auth: .bearer(try config.credential("MINIMAX_API_KEY")),
                            support: support, catalog: config.models, vendorFailure: MiniMaxVideoProvider.vendorFailure)
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "minimax", name: "MiniMax speech", media: [.speech], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 120)
    }

    /// The system voices every account has (MiniMax's voice list); cloned and designed voices
    /// have ids of the user's own, so others are taken as given.
    public static let voices: [VoiceOption] = [
        ("female-shaonv", "少女 Young woman", Voice.Gender.female, "bright, youthful"),
        ("female-yujie", "御姐 Poised woman", .female, "mature, assured"),
        ("female-chengshu", "成熟女性 Mature woman", .female, "calm, warm"),
        ("female-tianmei", "甜美女性 Sweet woman", .female, "soft, sweet"),
        ("presenter_female", "女性主持人 Female presenter", .female, "clear, formal"),
        ("audiobook_female_1", "女性有声书1 Female narrator 1", .female, "storytelling"),
        ("audiobook_female_2", "女性有声书2 Female narrator 2", .female, "storytelling"),
        ("male-qn-qingse", "青涩青年 Shy young man", .male, "gentle, young"),
        ("male-qn-jingying", "精英青年 Elite young man", .male, "confident, crisp"),
        ("male-qn-badao", "霸道青年 Domineering young man", .male, "forceful, the CEO of a short drama"),
        ("male-qn-daxuesheng", "青年大学生 Student", .male, "light, casual"),
        ("presenter_male", "男性主持人 Male presenter", .male, "clear, formal"),
        ("audiobook_male_1", "男性有声书1 Male narrator 1", .male, "storytelling"),
        ("audiobook_male_2", "男性有声书2 Male narrator 2", .male, "storytelling"),
        ("clever_boy", "聪明男童 Clever boy", .male, "a child"),
        ("lovely_girl", "萌萌女童 Lovely girl", .female, "a child"),
    ].map { VoiceOption(provider: "minimax", id: $0.0, name: $0.1, gender: $0.2, languages: [.chinese, .english], note: $0.3) }

    public static let cast = VoiceCast(
        provider: "minimax",
        female: ["female-shaonv", "female-yujie", "female-chengshu", "female-tianmei", "presenter_female"],
        male: ["male-qn-jingying", "male-qn-qingse", "male-qn-badao", "male-qn-daxuesheng", "presenter_male"],
        neutral: ["audiobook_female_1", "audiobook_male_1"])

    /// Keeps what the endpoint hears: the line, its language, the voice cast for the speaker,
    /// pace and pitch, the model.
    public func normalize(_ request: SpeechRequest) -> SpeechRequest {
        Self.cast.normalized(request, model: Self.model(request.model))
    }

    public func voiceName(for voice: Voice, speaker: String, language: Language) -> String {
        Self.cast.voice(for: voice, speaker: speaker)
    }

    public func estimate(_ request: SpeechRequest) -> Money? {
        client.catalog.first { $0.id == Self.model(request.model) }?.cost(characters: request.text.count)
    }

    public func make(_ request: SpeechRequest, context: GenerationContext) async throws -> NodeOutput {
        guard request.text.count <= 10_000 else {
            throw JobFailure(.invalidRequest, "a line of \(request.text.count) characters is over the 10,000 MiniMax voices at once")
        }
        let voice = Self.cast.voice(for: request.voice, speaker: request.speaker)
        let json = try await client.require("POST", "v1/t2a_v2", body: Self.body(request, voice: voice), doing: "voice a line")
        guard let hex = json["data"]?["audio"]?.stringValue, let audio = Data(hexadecimal: hex), !audio.isEmpty else {
            throw JobFailure(.transient, "MiniMax's answer carries no audio (data.audio)")
        }
        return try await ResultDownload(provider: client.name, transport: client.transport, probe: client.probe)
            .audio(audio, mediaType: "audio/mpeg", into: context.blobs, cost: estimate(request),
                   details: ["voice": .string(voice)])
    }

    /// Reel's `default` is `speech-02-hd`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "speech-02-hd" : name }

    /// The JSON body: MP3 at 32 kHz mono; `speed` from pace (0.5–2, a step of 5% per point),
    /// `pitch` from pitch (an integer, −12…12).
    static func body(_ request: SpeechRequest, voice: String) -> JSONValue {
        let pace = Double(max(-10, min(10, request.voice.pace)))
        let speed = ((1 + pace * 0.05) * 100).rounded() / 100
        let pitch = Int64(max(-12, min(12, request.voice.pitch)))
        return [
            "model": .string(model(request.model)), "text": .string(request.text), "stream": false,
            "voice_setting": ["voice_id": .string(voice), "speed": .double(speed), "vol": 1, "pitch": .int(pitch)],
            "audio_setting": ["sample_rate": 32000, "bitrate": 128_000, "format": "mp3", "channel": 1],
            "language_boost": .string(request.language == .chinese ? "Chinese" : "English"),
        ]
    }
}

extension Data {
    /// Bytes from hexadecimal text (`49443304…`), nil when it is not whole pairs of hex digits.
    init?(hexadecimal text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var i = 0
        while i < utf8.count {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
            i += 2
        }
        self.init(bytes)
    }
}
