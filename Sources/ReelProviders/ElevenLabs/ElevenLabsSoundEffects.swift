import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Sound effects from ElevenLabs: `POST /v1/sound-generation?output_format=mp3_44100_128`
/// with the `xi-api-key` header and a JSON body (`text`, `duration_seconds`, `prompt_influence`,
/// `loop`, `model_id`); the answer is the MP3.
///
/// Synchronous like ElevenLabs' speech, so it has the ``LocalGenerator`` shape: `submit` makes
/// the call and stores the audio; the journaled handle holds only the stored asset.
/// `eleven_text_to_sound_v2` (the default) makes 0.5–30 seconds and is the model that honours
/// `loop` (a bed that loops without a seam); a longer ambience is asked for 30 seconds and the
/// mix loops it. The API takes no seed, so none is sent and asking again makes a new sound.
///
/// ```swift
/// let effects = try ElevenLabsSoundEffects(config: config, support: support)
/// registry.register(GenerationRunner(effects), kind: .effect, provider: "elevenlabs")
/// ```
public struct ElevenLabsSoundEffects: SoundEffectGenerator, LocalGenerator {
    public let baseURL: URL
    let apiKey: Secret
    public let transport: any HTTPTransport
    public let requestTimeout: Double
    public let probe: MediaProbe?
    let prices: [ModelCapabilities]

    /// The shortest and longest sound the API makes, in seconds.
    public static let durationRange: ClosedRange<Double> = 0.5...30
    /// How closely the sound follows the prompt (0…1): ElevenLabs' documented default, sent
    /// so a change of default does not change what a cached request stands for.
    public static let promptInfluence = 0.3

    public init(baseURL: URL, apiKey: Secret, transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 60,
                probe: MediaProbe? = nil, prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.prices = prices
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("ELEVENLABS_API_KEY"), transport: support.transport,
                  requestTimeout: support.requestTimeout, probe: support.probe, prices: config.models)
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "elevenlabs", name: "ElevenLabs", media: [.effects], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 120)
    }

    /// Keeps the effect, the prompt, the length that is sent (at most 30 s, to 0.1 s), loop
    /// and the model (`default` resolved); the seed is zeroed, since none is sent. A loop is
    /// always asked for 30 s, whatever its scene's length: the mix repeats or cuts it, so every
    /// scene with rain shares one paid rain, and a scene's new length asks for nothing new.
    public func normalize(_ request: SoundEffectRequest) -> SoundEffectRequest {
        var out = request
        out.duration = RationalTime(value: request.loop ? Self.tenths(.seconds(30)) : Self.tenths(request.duration), timescale: 10)
        out.model = Self.model(request.model)
        out.seed = 0
        return out
    }

    /// The catalog's price for the seconds that are sent.
    public func estimate(_ request: SoundEffectRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: Self.seconds(request.duration))
    }

    public func make(_ request: SoundEffectRequest, context: GenerationContext) async throws -> NodeOutput {
        try await ElevenLabsAudioCall(baseURL: baseURL, apiKey: apiKey, transport: transport, timeout: requestTimeout, probe: probe)
            .post("v1/sound-generation", body: Self.body(request), doing: "make a sound effect", into: context.blobs,
                  cost: estimate(request), details: ["effect": .string(request.effect.rawValue)])
    }

    /// Reel's `default` is `eleven_text_to_sound_v2` (the API's own default, the one that loops).
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "eleven_text_to_sound_v2" : name }

    /// The length sent, in tenths of a second: the one asked, within 0.5…30 s.
    static func tenths(_ duration: RationalTime) -> Int64 {
        let asked = duration.seconds.isFinite ? duration.seconds : durationRange.upperBound
        let clamped = min(durationRange.upperBound, max(durationRange.lowerBound, asked))
        return Int64((clamped * 10).rounded())
    }

    /// The seconds sent (`duration_seconds`).
    static func seconds(_ duration: RationalTime) -> Double { Double(tenths(duration)) / 10 }

    /// The JSON body: only the fields ElevenLabs documents (it takes no seed).
    static func body(_ request: SoundEffectRequest) -> JSONValue {
        [
            "text": .string(request.prompt),
            "duration_seconds": .double(seconds(request.duration)),
            "prompt_influence": .double(promptInfluence),
            "loop": .bool(request.loop),
            "model_id": .string(model(request.model)),
        ]
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension ElevenLabsSoundEffects: CustomStringConvertible, CustomReflectable {
    public var description: String { "ElevenLabsSoundEffects(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(baseURL), "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
