import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Music from ElevenLabs (Eleven Music): `POST /v1/music?output_format=mp3_44100_128` with the
/// `xi-api-key` header and a JSON body (`prompt`, `music_length_ms`, `model_id`,
/// `force_instrumental`); the answer is the MP3.
///
/// Synchronous like ElevenLabs' speech and sound effects, so it has the ``LocalGenerator``
/// shape: `submit` makes the call and stores the audio; the journaled handle holds only the
/// stored asset. A cue is asked for its scene's length in whole milliseconds, within the 3 s to
/// 10 min the API makes: a shorter cue is asked for 3 s and the mix cuts it. `force_instrumental`
/// is always sent, so an underscore never sings over the dialogue. The API takes no seed with a
/// prompt (only with a composition plan), so none is sent and asking again makes a new cue.
///
/// ```swift
/// let music = try ElevenLabsMusic(config: config, support: support)
/// registry.register(GenerationRunner(music), kind: .music, provider: "elevenlabs")
/// ```
public struct ElevenLabsMusic: MusicGenerator, LocalGenerator {
    public let baseURL: URL
    let apiKey: Secret
    public let transport: any HTTPTransport
    public let requestTimeout: Double
    public let probe: MediaProbe?
    let prices: [ModelCapabilities]

    /// The shortest and longest cue the API makes, in milliseconds (`music_length_ms`).
    public static let lengthRange: ClosedRange<Int64> = 3_000...600_000

    /// `requestTimeout` is longer than speech's: the answer comes only once the cue is composed.
    public init(baseURL: URL, apiKey: Secret, transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 300,
                probe: MediaProbe? = nil, prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.prices = prices
    }

    /// From the directory: the configuration's key and prices. The one exchange may take five
    /// times the support's request timeout (at least five minutes): the answer is the whole cue,
    /// and an answer lost to a timeout is not asked again (it may have been paid for).
    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("ELEVENLABS_API_KEY"), transport: support.transport,
                  requestTimeout: max(300, support.requestTimeout * 5), probe: support.probe, prices: config.models)
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "elevenlabs", name: "ElevenLabs", media: [.music], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 120)
    }

    /// Keeps the mood, the prompt, the length that is sent (whole milliseconds within 3 s…10 min)
    /// and the model (`default` resolved); the seed is zeroed, since none is sent.
    public func normalize(_ request: MusicRequest) -> MusicRequest {
        var out = request
        out.duration = .milliseconds(Self.milliseconds(request.duration))
        out.model = Self.model(request.model)
        out.seed = 0
        return out
    }

    /// The catalog's price for the seconds that are sent.
    public func estimate(_ request: MusicRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: Double(Self.milliseconds(request.duration)) / 1000)
    }

    public func make(_ request: MusicRequest, context: GenerationContext) async throws -> NodeOutput {
        try await ElevenLabsAudioCall(baseURL: baseURL, apiKey: apiKey, transport: transport, timeout: requestTimeout, probe: probe)
            .post("v1/music", body: Self.body(request), doing: "compose a music cue", into: context.blobs, cost: estimate(request),
                  details: ["mood": .string(request.mood.rawValue)])
    }

    /// Reel's `default` is `music_v1`, the API's own default for `/v1/music` (`music_v2` is
    /// taken by name).
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "music_v1" : name }

    /// The length sent, in whole milliseconds: the one asked, within 3 s…10 min.
    static func milliseconds(_ duration: RationalTime) -> Int64 {
        min(lengthRange.upperBound, max(lengthRange.lowerBound, duration.milliseconds))
    }

    /// The JSON body: only the fields ElevenLabs documents (it takes no seed with a prompt).
    static func body(_ request: MusicRequest) -> JSONValue {
        [
            "prompt": .string(request.prompt),
            "music_length_ms": .int(milliseconds(request.duration)),
            "model_id": .string(model(request.model)),
            "force_instrumental": .bool(true),
        ]
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension ElevenLabsMusic: CustomStringConvertible, CustomReflectable {
    public var description: String { "ElevenLabsMusic(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(baseURL), "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
