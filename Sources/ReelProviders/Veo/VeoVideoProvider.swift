import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Veo 3.x through the Gemini API: `POST /models/{model}:predictLongRunning`, then
/// `GET /{operation name}` until `done`, then a GET of the video's URI — all with the
/// `x-goog-api-key` header, never a `?key=` query, so no URL Reel keeps or shows holds it.
///
/// The key goes only to the API's own host: a result URI on another host is downloaded
/// without it. The Gemini API takes no idempotency key: a create that times out is sent
/// again (the handle is journaled as soon as a create is answered, so a crash after that
/// never pays twice).
///
/// ```swift
/// let veo = try VeoVideoProvider(config: config, support: support)
/// registry.register(GenerationRunner(veo), kind: .video, provider: "veo")
/// ```
public struct VeoVideoProvider: VideoGenerator {
    public let baseURL: URL
    let apiKey: Secret
    public let transport: any HTTPTransport
    public let pollInterval: Double
    public let timeout: Double
    public let requestTimeout: Double
    public let probe: MediaProbe?
    let prices: [ModelCapabilities]
    let policy = HTTPStatusPolicy(provider: "Veo")

    public init(baseURL: URL, apiKey: Secret, transport: any HTTPTransport = AsyncHTTPTransport(), pollInterval: Double = 10,
                timeout: Double = 900, requestTimeout: Double = 60, probe: MediaProbe? = nil, prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "veo", name: "Veo", media: [.video], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: timeout)
    }

    /// Keeps what Veo sees — prompt, negative prompt, mode, length, format, images, model —
    /// and the seed, which the Gemini API refuses (it is not sent) but which tells takes apart.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model))
    }

    public func estimate(_ request: VideoRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: Double(Self.seconds(request.duration)))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        let url = api("models/\(Self.model(request.model)):predictLongRunning")
        let response = try await transport.send(.json("POST", url, body: body, headers: headers(), timeout: requestTimeout))
        try policy.check(response, doing: "create a video")
        guard let name = response.json?["name"]?.stringValue, Self.isOperationName(name) else {
            throw JobFailure(.transient, "Veo accepted the video but its answer has no operation name")
        }
        return ProviderHandle(provider: "veo", jobID: name)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard Self.isOperationName(handle.jobID) else {
            return .failed(JobFailure(.expired, "the journaled Veo operation is not one this adapter can poll; it will be made again"))
        }
        let response = try await transport.send(HTTPRequest(url: api(handle.jobID), headers: headers(["Accept": "application/json"]),
                                                            timeout: requestTimeout))
        if response.status == 404 {
            return .failed(JobFailure(.expired, "Veo no longer knows operation \(handle.jobID); it will be made again"))
        }
        try policy.check(response, doing: "report on the video")
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "Veo's report on the video is not JSON")
        }
        return try status(json, operation: handle.jobID)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url, let url = URL(string: link), url.scheme?.hasPrefix("http") == true else {
            throw JobFailure(.transient, "Veo reported a finished video without a usable URI")
        }
        // The key goes with the download only to the API's own host (the URI came from a
        // server's answer); redirects are followed by the transport.
        let keyed = url.host == baseURL.host
        let http = HTTPRequest(url: url, headers: keyed ? headers() : [:], timeout: requestTimeout * 10)
        return try await ResultDownload(provider: "Veo", transport: transport, probe: probe)
            .video(http, into: context.blobs, cost: result.cost ?? estimate(request), details: result.details,
                   expiredStatuses: keyed ? [404, 410] : [403, 404, 410])
    }

    /// `base/path`, with the path's colons and slashes kept as they are.
    func api(_ path: String) -> URL { GeminiAPI.url(baseURL, path) }

    func headers(_ extra: [String: String] = [:]) -> [String: String] { GeminiAPI.headers(apiKey, extra) }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension VeoVideoProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "VeoVideoProvider(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(baseURL), "pollInterval": pollInterval, "timeout": timeout,
                                "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
