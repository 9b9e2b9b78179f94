import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Music and songs from MiniMax's music model (`POST /v1/music_generation`): a sung song from
/// lyrics (`[Verse]`/`[Chorus]` tags, a line per line) in a style asked in words, or an
/// instrumental cue (`is_instrumental`) for a scene.
///
/// Synchronous like MiniMax speech, so it has the ``LocalGenerator`` shape: one exchange, the
/// MP3 hex-encoded in `data.audio`, a refusal as HTTP 200 with `base_resp.status_code` ≠ 0
/// (read by ``MiniMaxVideoProvider/vendorFailure(_:_:_:)``). The model sets the length itself
/// (a song is as long as its lyrics need), so none is sent and none is in the cache key: the
/// mix cuts the cue at its place and fades its last second. The API takes no seed, so asking
/// again makes a new song. Limits are MiniMax's: a prompt of at most 2,000 characters (at
/// least 1 for an instrumental), lyrics of 1 to 3,500. It shares the `minimax` entry, host and
/// key with MiniMax Hailuo.
///
/// ```swift
/// let music = try MiniMaxMusic(config: config, support: support)
/// registry.register(GenerationRunner(music), kind: .music, provider: "minimax")
/// ```
public struct MiniMaxMusic: MusicGenerator, LocalGenerator {
    public let client: TaskClient

    /// The longest prompt and lyrics the API takes, in characters.
    public static let promptLimit = 2_000
    public static let lyricsLimit = 3_500

    public init(client: TaskClient) { self.client = client }

    /// From the directory: the configuration's key and prices. The one exchange may take five
    /// times the support's request timeout (at least five minutes): the answer is the whole song.
    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = TaskClient(name: "MiniMax music", baseURL: config.baseURL, auth: .bearer(try config.credential("MINIMAX_API_KEY")),
                            transport: support.transport, requestTimeout: max(300, support.requestTimeout * 5),
                            probe: support.probe, catalog: config.models, vendorFailure: MiniMaxVideoProvider.vendorFailure)
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "minimax", name: "MiniMax music", media: [.music], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 600)
    }

    public var singsLyrics: Bool { true }

    /// Keeps what the endpoint hears: the prompt, the lyrics, the model. The length, seed and
    /// mood are not sent (a cue's prompt says its mood in words), so they are one value in
    /// every key: a song whose scene changes mood or length is not paid for again.
    public func normalize(_ request: MusicRequest) -> MusicRequest {
        var out = request
        out.duration = .zero
        out.seed = 0
        out.mood = .calm
        out.model = Self.model(request.model)
        return out
    }

    /// The catalog's price for one song or cue.
    public func estimate(_ request: MusicRequest) -> Money? {
        client.catalog.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func make(_ request: MusicRequest, context: GenerationContext) async throws -> NodeOutput {
        guard request.prompt.count <= Self.promptLimit else {
            throw JobFailure(.invalidRequest, "a music prompt of \(request.prompt.count) characters is over the \(Self.promptLimit) MiniMax takes")
        }
        if let lyrics = request.lyrics, !(1...Self.lyricsLimit).contains(lyrics.utf16.count) {
            throw JobFailure(.invalidRequest, lyrics.isEmpty ? "a song needs its lyrics"
                                : "lyrics of \(lyrics.utf16.count) characters are over the \(Self.lyricsLimit) MiniMax sings")
        }
        let json = try await client.require("POST", "v1/music_generation", body: Self.body(request),
                                            doing: request.lyrics == nil ? "compose a music cue" : "sing a song")
        guard let hex = json["data"]?["audio"]?.stringValue, let audio = Data(hexadecimal: hex), !audio.isEmpty else {
            throw JobFailure(.transient, "MiniMax's answer carries no audio (data.audio)")
        }
        var details: [String: JSONValue] = [:]
        if let length = json["extra_info"]?["music_duration"]?.doubleValue { details["milliseconds"] = .double(length) }
        return try await ResultDownload(provider: client.name, transport: client.transport, probe: client.probe)
            .audio(audio, mediaType: "audio/mpeg", into: context.blobs, cost: estimate(request), details: .object(details))
    }

    /// Reel's `default` is `music-2.6`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "music-2.6" : name }

    /// The JSON body: the lyrics when there are any, else an instrumental; MP3 at 44.1 kHz,
    /// returned in the answer as hex.
    static func body(_ request: MusicRequest) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)), "prompt": .string(request.prompt),
            "audio_setting": ["sample_rate": 44_100, "bitrate": 256_000, "format": "mp3"],
            "output_format": "hex",
        ]
        if let lyrics = request.lyrics {
            body["lyrics"] = .string(lyrics)
        } else {
            body["is_instrumental"] = true
        }
        return .object(body)
    }
}
