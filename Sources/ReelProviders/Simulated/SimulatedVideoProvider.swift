import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of Reel's simulated video provider (`reel dev simulate`, or
/// `SimulatedProviderServer` in tests): a remote provider in every way that matters —
/// queueing, latency, progress, costs, rate limits, failures, expiring links — with
/// nothing to pay. Its protocol is in `docs/SIMULATED-PROVIDER.md`.
///
/// Submitting sends the job's idempotency key, so a create that is retried (or resent
/// after a crash) never makes a second job; the handle holds only the job id. Fetching
/// downloads the result at once, refuses a file cut short, probes it when given a probe,
/// and stores it with the cost the server reported.
///
/// ```swift
/// let sim = SimulatedVideoProvider(baseURL: url, apiKey: key, probe: MediaProbe(ffprobe: ffprobe))
/// registry.register(GenerationRunner(sim), kind: .video, provider: "sim")
/// ```
public struct SimulatedVideoProvider: VideoGenerator {
    public let baseURL: URL
    let apiKey: String
    public let transport: any HTTPTransport
    public let pollInterval: Double
    public let timeout: Double
    /// Seconds one HTTP exchange may take (a download gets ten times as long).
    public let requestTimeout: Double
    public let probe: MediaProbe?
    let policy = HTTPStatusPolicy(provider: "the simulated provider")

    /// - Parameters:
    ///   - baseURL: the server, e.g. `http://127.0.0.1:8787`.
    ///   - apiKey: sent as `Authorization: Bearer`; never stored in a handle or a message.
    ///   - pollInterval: seconds between polls.
    ///   - timeout: seconds of polling before the attempt gives up (the next attempt polls
    ///     the same job again).
    ///   - probe: measures each downloaded file; nil stores it unmeasured.
    public init(baseURL: URL, apiKey: String, transport: any HTTPTransport = AsyncHTTPTransport(), pollInterval: Double = 2,
                timeout: Double = 600, requestTimeout: Double = 30, probe: MediaProbe?) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.requestTimeout = requestTimeout
        self.probe = probe
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "sim", name: "Simulated provider", media: [.video], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: timeout, revision: 1)
    }

    /// Keeps what changes the clip — prompt, length, format, seed, model, mode, inputs and
    /// the shot id (drawn on the clip) — and blanks the brief's animatic-only fields, so
    /// a change of blocking or caption that the prompt does not carry makes no new take.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        var r = request
        r.brief = request.brief.promptOnly
        r.images = request.images.filter { $0.role != .overlay }
        r.model = Self.model(request.model)
        return r
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let http = HTTPRequest.json("POST", baseURL.appendingPathComponent("v1/generations"), body: try Self.body(request, images: InputImages(request: request, context: context)),
                                    headers: headers(["Idempotency-Key": context.idempotencyKey]), timeout: requestTimeout)
        let response = try await transport.send(http)
        try policy.check(response, doing: "create a video")
        guard let id = response.json?["id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "the simulated provider accepted the job but its answer has no id")
        }
        return ProviderHandle(provider: descriptor.id, jobID: id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let url = baseURL.appendingPathComponent("v1/generations").appendingPathComponent(handle.jobID)
        let response = try await transport.send(HTTPRequest(url: url, headers: headers(), timeout: requestTimeout))
        if response.status == 404 {
            return .failed(JobFailure(.expired, "the simulated provider no longer knows job \(handle.jobID); it will be made again"))
        }
        try policy.check(response, doing: "report on job \(handle.jobID)")
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "the simulated provider's report on job \(handle.jobID) is not JSON")
        }
        return try Self.status(json, jobID: handle.jobID)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url, let url = URL(string: link) else {
            throw JobFailure(.transient, "the simulated provider reported success without a result link")
        }
        let download = ResultDownload(provider: "the simulated provider", transport: transport, probe: probe)
        return try await download.file(HTTPRequest(url: url, timeout: requestTimeout * 10), into: context.blobs,
                                       mediaType: "video/mp4", cost: result.cost, details: result.details,
                                       expiredStatuses: [410]) { info in try Self.check(info, request: request) }
    }

    /// Authorization, and whatever else this request needs.
    func headers(_ extra: [String: String] = [:]) -> [String: String] {
        var all = extra
        all["Authorization"] = "Bearer \(apiKey)"
        all["Accept"] = "application/json"
        return all
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension SimulatedVideoProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "SimulatedVideoProvider(\(Redaction.url(baseURL)))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(baseURL), "pollInterval": pollInterval, "timeout": timeout,
                                "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
