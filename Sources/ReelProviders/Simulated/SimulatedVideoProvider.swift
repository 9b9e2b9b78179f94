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
public struct SimulatedVideoProvider: TaskVideoAdapter {
    public let client: TaskClient
    public let pollInterval: Double
    public let timeout: Double

    /// - Parameters:
    ///   - baseURL: the server, e.g. `http://127.0.0.1:8787`.
    ///   - apiKey: sent as `Authorization: Bearer`; never stored in a handle or a message.
    ///   - pollInterval: seconds between polls.
    ///   - timeout: seconds of polling before the attempt gives up (the next attempt polls
    ///     the same job again).
    ///   - probe: measures each downloaded file; nil stores it unmeasured.
    public init(baseURL: URL, apiKey: String, transport: any HTTPTransport = AsyncHTTPTransport(), pollInterval: Double = 2,
                timeout: Double = 600, requestTimeout: Double = 30, probe: MediaProbe?) {
        self.client = TaskClient(name: "the simulated provider", baseURL: baseURL, auth: .bearer(Secret(apiKey)),
                                 transport: transport, requestTimeout: requestTimeout, probe: probe)
        self.pollInterval = pollInterval
        self.timeout = timeout
    }

    public var baseURL: URL { client.baseURL }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "sim", name: "Simulated provider", media: [.video], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: timeout, revision: 1)
    }

    /// Keeps what changes the clip — prompt, length, format, seed, model, mode, inputs and
    /// the shot id (drawn on the clip) — and blanks the brief's animatic-only fields, so
    /// a change of blocking or caption that the prompt does not carry makes no new take.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        return try await client.create("v1/generations", body: body, headers: ["Idempotency-Key": context.idempotencyKey],
                                       provider: descriptor.id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("v1/generations/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json, jobID: handle.jobID)
    }

    /// Downloads the clip (a link that is gone says 410) and checks it is the size asked for.
    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else {
            throw JobFailure(.transient, "the simulated provider reported success without a result link")
        }
        return try await client.download(link, into: context.blobs, cost: result.cost, details: result.details,
                                         expiredStatuses: [410]) { info in try Self.check(info, request: request) }
    }
}
