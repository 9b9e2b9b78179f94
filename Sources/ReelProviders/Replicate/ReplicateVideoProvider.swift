import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Any video model on Replicate, through its predictions API: `POST
/// /models/{owner}/{name}/predictions` (or `POST /predictions` with a `version` for
/// `owner/name:version`), polled at the prediction's `urls.get`, its output file downloaded
/// at once (Replicate deletes API outputs after an hour).
///
/// `Cancel-After` (default `30m`, option `cancel_after`) makes Replicate stop a prediction
/// that runs away; `Prefer: wait=N` (option `prefer_wait`) holds the create open up to N
/// seconds. Inputs are mapped per model by ``ModelInputShape``; images go as data URIs.
/// The cost is `metrics.predict_time` at the catalog's per-second price. Replicate takes no
/// idempotency key: a create that times out may leave a prediction Reel will not poll.
public struct ReplicateVideoProvider: HostedVideoAdapter {
    public static var providerID: ProviderID { "replicate" }
    public static var providerName: String { "Replicate" }
    public let setup: HostedSetup

    public init(setup: HostedSetup) { self.setup = setup }


    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        var r = request
        r.model = Self.model(request.model, mode: request.mode)
        let input = try ModelInputShape.find(r.model, in: Self.shapes, default: Self.defaultShape)
            .input(r, images: InputImages(request: request, context: context), runner: "Replicate")
        return try await Self.create(r.model, input: input, client: client, config: config)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await Self.poll(handle, client: client, config: config)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "Replicate reported success without an output file") }
        let cost = result.cost ?? catalogCost(for: request)
        return try await client.download(link, into: context.blobs, cost: cost, details: result.details)
    }

    /// Creates a prediction of `model` (for video and images alike); the handle keeps its `urls.get`.
    static func create(_ model: String, input: [String: JSONValue], client: TaskClient, config: ProviderConfig) async throws
        -> ProviderHandle {
        let (path, version) = route(model)
        var body: [String: JSONValue] = ["input": .object(input)]
        if let version { body["version"] = .string(version) }
        var headers = ["Cancel-After": config.options["cancel_after"] ?? "30m"]
        if let wait = config.options["prefer_wait"] { headers["Prefer"] = "wait=\(wait)" }
        let prediction = try await client.call("POST", client.url(path), body: .object(body), headers: headers,
                                               doing: "create a prediction on \(model)")
        guard let id = prediction["id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "Replicate accepted the prediction but its answer has no id")
        }
        var extra: [String: JSONValue] = ["model": .string(model)]
        if let get = prediction["urls"]?["get"]?.stringValue { extra["get"] = .string(get) }
        return ProviderHandle(provider: providerID, jobID: id, extra: .object(extra))
    }

    /// The prediction's state, read at its own `urls.get` when that is on the configured host.
    static func poll(_ handle: ProviderHandle, client: TaskClient, config: ProviderConfig) async throws -> JobStatus {
        let stored = handle.extra?["get"]?.stringValue.flatMap(URL.init(string:)).flatMap { client.isOwnServer($0) ? $0 : nil }
        let url = stored ?? client.url("predictions").appendingPathComponent(handle.jobID)
        guard let prediction = try await client.report(url, jobID: handle.jobID) else { return client.forgotten(handle.jobID) }
        let model = handle.extra?["model"]?.stringValue ?? ""
        return try status(prediction, jobID: handle.jobID) { seconds in cost(config, model: model, seconds: seconds) }
    }

    /// The run's `predict_time` at the catalog's per-second price (a per-clip price is the clip's).
    static func cost(_ config: ProviderConfig, model: String, seconds: Double) -> Money? {
        config.models.first { $0.id == model }?.cost(seconds: seconds)
    }
}
