import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Any video model on fal.ai, through its queue API: the request is submitted to
/// `queue.fal.run/{model}` (the model id is the fal app path, e.g.
/// `fal-ai/kling-video/v2.1/standard/image-to-video`), its `status_url` polled, and its
/// `response_url` read when it reports `COMPLETED` — a failed job is also `COMPLETED`, and
/// only the result's HTTP status tells. Requests authorise with `Authorization: Key …`.
///
/// Each model's inputs are mapped by ``ModelInputShape`` (``shapes``); images go as data
/// URIs. The status and result URLs are kept in the handle (they carry no secret), and the
/// key is sent only to the configured host. fal takes no idempotency key: a submit that
/// times out may leave a request Reel will not poll.
public struct FalVideoProvider: HostedVideoAdapter {
    public static var providerID: ProviderID { "fal" }
    public static var providerName: String { "fal.ai" }
    public let setup: HostedSetup

    public init(setup: HostedSetup) { self.setup = setup }


    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let model = Self.model(request.model, mode: request.mode)
        var r = request
        r.model = model
        let input = try ModelInputShape.find(model, in: Self.shapes, default: Self.defaultShape)
            .input(r, images: InputImages(request: request, context: context), runner: "fal")
        return try await Self.submit(model, input: .object(input), client: client)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await Self.poll(handle, client: client, output: "video", link: Self.videoURL)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "fal reported success without a video link") }
        let cost = result.cost ?? catalogCost(for: request)
        return try await client.download(link, into: context.blobs, cost: cost, details: result.details)
    }
}

/// fal's queue, for its video and its image models alike.
extension FalVideoProvider {
    /// Submits `input` to the model's queue; the handle keeps the status and result URLs.
    static func submit(_ model: String, input: JSONValue, client: TaskClient) async throws -> ProviderHandle {
        let answer = try await client.call("POST", client.url(model), body: input, doing: "submit to \(model)")
        guard let id = answer["request_id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "fal accepted the request but its answer has no request_id")
        }
        var extra: [String: JSONValue] = ["model": .string(model)]
        for key in ["status_url", "response_url"] {
            if let url = answer[key]?.stringValue { extra[key] = .string(url) }
        }
        return ProviderHandle(provider: providerID, jobID: id, extra: .object(extra))
    }

    /// The request's status; once `COMPLETED`, its result read for the `output` that `link` finds.
    static func poll(_ handle: ProviderHandle, client: TaskClient, output: String,
                     link: (JSONValue) -> String?) async throws -> JobStatus {
        let urls = Self.urls(handle, client: client)
        guard let report = try await client.report(urls.status, jobID: handle.jobID) else { return client.forgotten(handle.jobID) }
        switch report["status"]?.stringValue {
        case "IN_QUEUE": return .queued(position: report["queue_position"]?.intValue.map(Int.init))
        case "IN_PROGRESS": return .running(progress: nil)
        case "COMPLETED": return try await result(urls.response, jobID: handle.jobID, client: client, output: output, link: link)
        case "FAILED", "ERROR":
            let said = report["error"]?.stringValue.map(Redaction.message) ?? "no reason given"
            return .failed(JobFailure(.failed, "fal failed request \(handle.jobID): \(said)"))
        case "CANCELED", "CANCELLED":
            return .failed(JobFailure(.failed, "fal request \(handle.jobID) was cancelled", providerCode: "CANCELED"))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no status"
            throw JobFailure(.transient, "fal's report on request \(handle.jobID) has \(shown)")
        }
    }

    /// Reads a completed request's result: an error status here is how fal says it failed.
    static func result(_ url: URL, jobID: String, client: TaskClient, output: String,
                       link: (JSONValue) -> String?) async throws -> JobStatus {
        let response = try await client.exchange("GET", url)
        if response.status == 404 { return client.forgotten(jobID) }
        if [429, 502, 503, 504].contains(response.status) {
            try client.check(response, doing: "give the result of request \(jobID)")
        }
        if !response.isSuccess {
            do {
                try client.check(response, doing: "give the result of request \(jobID)")
            } catch var failure as JobFailure {
                // The request ran and failed: polling it again would fail the same way.
                if failure.reason.isRetryable { failure.reason = .failed }
                return .failed(failure)
            }
        }
        let json = try client.object(response, doing: "give the result of request \(jobID)")
        guard let file = link(json) else {
            throw JobFailure(.transient, "fal's result for request \(jobID) names no \(output)")
        }
        return .succeeded(ResultLocator(url: file, details: ["request": .string(jobID)]))
    }
}
