import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// ByteDance Seedance through Volcengine Ark (`ark.cn-beijing.volces.com/api/v3`) or, with
/// the base URL set to `https://ark.ap-southeast.bytepluses.com/api/v3`, BytePlus ModelArk:
/// the same API on another host.
///
/// A take is one content-generation task: `POST /contents/generations/tasks` with the
/// prompt and its images (data URIs with their roles) in a `content` array, then
/// `GET /contents/generations/tasks/{id}` until it ends, then the video downloaded at once
/// (links live 24 h). Ark bills in tokens; the cost is the task's `usage.completion_tokens`
/// at the model's token price, or the catalog price when the task reports none.
///
/// Ark takes no idempotency key: a create that times out may have made a task that Reel
/// will not poll. Its handle holds only the task id.
public struct SeedanceVideoProvider: HostedVideoAdapter {
    public static var providerID: ProviderID { "seedance" }
    public static var providerName: String { "Seedance" }
    public let setup: HostedSetup

    public init(setup: HostedSetup) { self.setup = setup }


    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        let answer = try await client.call("POST", client.url("contents/generations/tasks"), body: body,
                                           doing: "create a video")
        guard let id = answer["id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "Seedance accepted the task but its answer has no id")
        }
        return ProviderHandle(provider: descriptor.id, jobID: id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let url = client.url("contents/generations/tasks").appendingPathComponent(handle.jobID)
        guard let task = try await client.report(url, jobID: handle.jobID) else { return client.forgotten(handle.jobID) }
        let price = Self.tokenPrice(model:option:)
        let option = config.options["token_price"]
        return try Self.status(task, jobID: handle.jobID) { model, tokens in
            price(model, option).map { $0 * (Double(tokens) / 1_000_000) }
        }
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "Seedance reported success without a video link") }
        // Without tokens in the report, the catalog price of the clip.
        let cost = result.cost ?? catalogCost(for: request)
        return try await client.download(link, into: context.blobs, cost: cost, details: result.details)
    }
}
