import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of Vidu's API (`api.vidu.com`): text-to-video, image-to-video, start and end
/// frames, and subjects locked by up to seven reference images.
///
/// Requests carry `Authorization: Token VIDU_API_KEY` (the scheme is `Token`, not `Bearer`);
/// images go as data URIs. Tasks are read at `tasks/{id}/creations`. The cost is the
/// credits the task reports at `providers.vidu.options.credit_price` (default
/// ``defaultCreditPrice``), else the catalog price.
public struct ViduVideoProvider: TaskVideoAdapter {
    public let client: TaskClient
    public let pollInterval: Double
    /// What one Vidu credit costs.
    public let creditPrice: Money?

    public var descriptor: ProviderDescriptor { client.descriptor("vidu", pollInterval: pollInterval) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        // Vidu documents no idempotency key (`payload` is only passed through): a create resent
        // after a lost answer may make a second task. Polls, which are what a timeout retries,
        // are safe.
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        return try await client.create("ent/v2/\(Self.endpoint(request.mode))", body: body, provider: "vidu", idPath: ["task_id"])
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("ent/v2/tasks/\(handle.jobID)/creations", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json, jobID: handle.jobID, client: client, creditPrice: creditPrice)
    }
}
