import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Sora 2 through OpenAI's Videos API, or through Azure OpenAI's v1 API (the same schema;
/// only the base URL and the key header differ, see ``OpenAIEndpoint/Flavor``).
///
/// `POST /videos` (multipart, as OpenAI's SDK sends it; a first frame goes up as the
/// `input_reference` file), `GET /videos/{id}` until `completed`, then
/// `GET /videos/{id}/content` with the key. The Videos API takes no idempotency key: a
/// create that times out is sent again and may make a second video (the job's handle is
/// journaled as soon as a create is answered, so a crash after that never does).
///
/// Note: OpenAI retires the Videos API and the Sora 2 models on 2026-09-24.
///
/// ```swift
/// let sora = try OpenAIVideoProvider(config: config, support: support)
/// registry.register(GenerationRunner(sora), kind: .video, provider: "openai")
/// ```
public struct OpenAIVideoProvider: VideoGenerator {
    public let endpoint: OpenAIEndpoint
    public let pollInterval: Double
    public let timeout: Double
    public let probe: MediaProbe?
    /// The catalog's prices for this provider (Sora's answers carry no cost).
    let prices: [ModelCapabilities]

    public init(endpoint: OpenAIEndpoint, pollInterval: Double = 10, timeout: Double = 900, probe: MediaProbe? = nil,
                prices: [ModelCapabilities] = []) {
        self.endpoint = endpoint
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.probe = probe
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: endpoint.flavor.id, name: endpoint.flavor.name + " Sora", media: [.video], isLocal: false,
                           isDeterministic: false, pollInterval: pollInterval, timeout: timeout)
    }

    /// Keeps what Sora sees — prompt, length, format, first frame, model — and the seed: Sora
    /// takes none, but the seed is what tells take 2 of a shot from take 1.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        var r = request.forRemoteModel(Self.model(request.model))
        r.negativePrompt = nil
        return r
    }

    public func estimate(_ request: VideoRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: Double(Self.seconds(request.duration)))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let form = try Self.form(request, image: try Self.inputReference(request, context: context),
                                 boundary: "reel-" + context.idempotencyKey)
        let http = form.request("POST", endpoint.url("videos"), headers: endpoint.headers(), timeout: endpoint.requestTimeout)
        let json = try endpoint.object(try await endpoint.send(http, doing: "create a video"), doing: "create a video")
        guard let id = json["id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "\(endpoint.flavor.name) accepted the video but its answer has no id")
        }
        return ProviderHandle(provider: descriptor.id, jobID: id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let response = try await endpoint.transport.send(endpoint.get("videos/\(handle.jobID)"))
        if response.status == 404 {
            return .failed(JobFailure(.expired, "\(endpoint.flavor.name) no longer knows video \(handle.jobID); it will be made again"))
        }
        let doing = "report on video \(handle.jobID)"
        try endpoint.policy.check(response, doing: doing)
        return try status(try endpoint.object(response, doing: doing), id: handle.jobID)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url, let url = URL(string: link) else {
            throw JobFailure(.transient, "\(endpoint.flavor.name) reported a finished video without its content path")
        }
        // The content GET carries the key, so 401/403 are the key's fault, not an expired link.
        let http = HTTPRequest(url: url, headers: endpoint.headers(["Accept": "application/binary"]),
                               timeout: endpoint.requestTimeout * 10)
        return try await ResultDownload(provider: endpoint.flavor.name, transport: endpoint.transport, probe: probe)
            .video(http, into: context.blobs, cost: result.cost, details: result.details, expiredStatuses: [404, 410])
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension OpenAIVideoProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "OpenAIVideoProvider(\(endpoint))" }
    public var customMirror: Mirror { Mirror(self, children: ["endpoint": endpoint.description], displayStyle: .struct) }
}
