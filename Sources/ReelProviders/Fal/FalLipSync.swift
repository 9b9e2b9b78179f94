import Foundation
import ReelEngine
import ReelModel

/// Lip-sync on fal.ai: Kling LipSync (`fal-ai/kling-video/lipsync/audio-to-video`, the
/// default) or another fal app that takes `video_url` and `audio_url` (`fal-ai/sync-lipsync`,
/// named by `providers: { fal: { lipsync_model: … } }`; Kling's limits still decide which takes
/// go), through the same queue as fal's video. The take and the shot's voices go as data URIs
/// (fal reads them as files); the result is the take with its mouths moved to the words,
/// downloaded. A queued request, so a run killed while fal works resumes from the journaled
/// request id and never pays twice.
///
/// Kling LipSync takes a video of 2–10 s (720p or 1080p, each side 720–1920 px, ≤ 100 MB)
/// and a voice of 2–60 s (≤ 5 MB); fal bills $0.014 a second of video, rounded up to 5 s.
/// Takes outside ``pictureSeconds`` or ``pictureSides`` are left as they are; a take and voices
/// heavier than ``maxBytes`` are refused before anything is sent.
public struct FalLipSync: LipSyncGenerator, CustomStringConvertible, CustomReflectable {
    public let client: TaskClient
    public let pollInterval: Double
    let prices: [ModelCapabilities]

    /// The picture lengths Kling LipSync takes.
    public var pictureSeconds: ClosedRange<Double> { 2...10 }
    /// Each side of the picture Kling LipSync takes (720p or 1080p).
    public var pictureSides: ClosedRange<Int> { 720...1920 }
    /// The model `default` names (`providers: { fal: { lipsync_model: … } }` names another).
    public static let defaultModel = "fal-ai/kling-video/lipsync/audio-to-video"
    /// The most a take and its voices may weigh together: they travel inside the request.
    public static let maxBytes = 40_000_000
    /// The model used for `default`.
    let model: String

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "fal", name: "Kling LipSync on fal.ai", media: [.lipsync], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: 900)
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = try FalVideoProvider.client(config: config, support: support)
        pollInterval = support.pollInterval ?? 5
        prices = config.models
        model = config.options["lipsync_model"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultModel
    }

    func model(_ name: String) -> String { ["default", ""].contains(name) ? model : name }

    /// Keeps the model and the seconds (what is charged); the language is not sent.
    public func normalize(_ request: LipSyncRequest) -> LipSyncRequest {
        LipSyncRequest(language: request.language, seconds: request.seconds, model: model(request.model))
    }

    /// The catalog's price a second, for the seconds fal bills (whole 5 s steps).
    public func estimate(_ request: LipSyncRequest) -> Money? {
        let billed = (max(request.seconds, 0.001) / 5).rounded(.up) * 5
        return prices.first { $0.id == model(request.model) }?.cost(seconds: billed)
    }

    public func submit(_ request: LipSyncRequest, context: GenerationContext) async throws -> ProviderHandle {
        guard context.inputs.count == 2 else {
            throw JobFailure(.invalidRequest, "a lip-sync job needs a take and its voices; it has \(context.inputs.count) inputs")
        }
        let (video, audio) = (context.inputs[0], context.inputs[1])
        let bytes = [video, audio].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: context.blobs.url(for: $1).path)[.size]
            as? Int) ?? 0) }
        guard bytes <= Self.maxBytes else {
            throw JobFailure(.invalidRequest, "the take and its voices weigh \(bytes / 1_000_000) MB; a lip-sync request carries \(Self.maxBytes / 1_000_000) MB at most")
        }
        let input: JSONValue = [
            "video_url": .string(try Self.dataURI(video, context: context)),
            "audio_url": .string(try Self.dataURI(audio, context: context)),
        ]
        return try await FalVideoProvider.submit(model(request.model), input: input, client: client)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await FalVideoProvider.poll(handle, client: client, output: "video", link: FalVideoProvider.videoURL)
    }

    public func fetch(_ result: ResultLocator, request: LipSyncRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "fal reported a finished lip-sync without a video link") }
        return try await client.download(link, into: context.blobs, cost: estimate(request),
                                         details: ["model": .string(model(request.model))])
    }

    /// A stored file as `data:TYPE;base64,…`.
    static func dataURI(_ asset: Asset, context: GenerationContext) throws -> String {
        let data = try Data(contentsOf: context.blobs.url(for: asset))
        return "data:\(asset.mediaType);base64,\(data.base64EncodedString())"
    }

    public var description: String { "FalLipSync(\(Redaction.url(client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(client.baseURL)], displayStyle: .struct) }
}
