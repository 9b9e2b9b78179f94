import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Alibaba's Wan models through DashScope (Model Studio): an asynchronous video-synthesis
/// task (`X-DashScope-Async: enable` is required), polled at `GET /api/v1/tasks/{id}`,
/// its video downloaded at once (links and task ids live 24 h).
///
/// DashScope reports business errors as a `code` in the body — sometimes with HTTP 200 —
/// and an expired or unknown task as `task_status: UNKNOWN` with HTTP 200; both are read.
/// Images go as data URIs in `img_url` (first frame) or `first_frame_url`/`last_frame_url`
/// (keyframe models, `…kf2v…`, which have their own endpoint).
///
/// DashScope takes no idempotency key: a create that times out may have made a task that
/// Reel will not poll. The handle holds only the task id.
public struct WanVideoProvider: HostedVideoAdapter {
    public static var providerID: ProviderID { "wan" }
    public static var providerName: String { "Wan" }
    public let setup: HostedSetup

    public init(setup: HostedSetup) { self.setup = setup }


    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let model = Self.model(request.model, mode: request.mode)
        let body = try Self.body(request, model: model, images: InputImages(request: request, context: context))
        let answer = try await client.call("POST", client.url(Self.createPath(model)), body: body,
                                           headers: ["X-DashScope-Async": "enable"], doing: "create a video")
        try Self.checkCode(answer, doing: "create a video")
        guard let id = answer["output"]?["task_id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "DashScope accepted the task but its answer has no task_id")
        }
        return ProviderHandle(provider: descriptor.id, jobID: id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let url = client.url("api/v1/tasks").appendingPathComponent(handle.jobID)
        guard let report = try await client.report(url, jobID: handle.jobID) else { return client.forgotten(handle.jobID) }
        if report["output"]?["task_status"] == nil { try Self.checkCode(report, doing: "report on task \(handle.jobID)") }
        return try Self.status(report, jobID: handle.jobID)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "DashScope reported success without a video link") }
        // DashScope reports seconds made (`usage.video_duration`), not money: the catalog prices them.
        let seconds = result.details?["seconds"]?.doubleValue ?? request.duration.seconds
        let cost = result.cost ?? catalogCost(for: request, seconds: seconds)
        return try await client.download(link, into: context.blobs, cost: cost, details: result.details)
    }
}
