import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of Kling's video API (`api-singapore.klingai.com`): text-to-video,
/// image-to-video (a first frame, and a last frame as `image_tail`), and subjects locked by
/// up to four reference images (`multi-image2video`).
///
/// Every request carries a fresh HS256 JWT made from `KLING_ACCESS_KEY` and
/// `KLING_SECRET_KEY`. Creates send the job's idempotency key as `external_task_id`; a
/// create resent after its answer was lost finds the task made the first time by that id.
/// Kling puts business errors in a `code` that is not 0, inside HTTP 200 as often as not;
/// each is classified. The cost is the resource-pack units the task reports
/// (`final_unit_deduction`) at `providers.kling.options.unit_price` (default
/// ``defaultUnitPrice``), else the catalog price.
public struct KlingVideoProvider: TaskVideoAdapter {
    public let client: TaskClient
    public let pollInterval: Double
    /// What one Kling unit costs.
    public let unitPrice: Money?

    public var descriptor: ProviderDescriptor { client.descriptor("kling", pollInterval: pollInterval, timeout: 1800) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model, mode: request.mode))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        let family = Self.family(request.mode)
        let body = try Self.body(request, images: InputImages(request: request, context: context), key: context.idempotencyKey)
        do {
            return try await client.create("v1/videos/\(family)", body: body, provider: "kling", idPath: ["data", "task_id"],
                                        extra: ["family": .string(family)])
        } catch let refused as JobFailure where refused.reason == .invalidRequest {
            // external_task_id is unique per account: a create resent after a lost answer is
            // refused, and the task made the first time is found by that id.
            let found = try? await client.send("GET", "v1/videos/\(family)/\(context.idempotencyKey)", unknown: [400, 404],
                                            doing: "look for the task already made")
            guard let found, found["data"]?["task_id"]?.stringValue != nil else { throw refused }
            return try client.handle(found, provider: "kling", idPath: ["data", "task_id"], extra: ["family": .string(family)])
        }
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let family = handle.extra?["family"]?.stringValue ?? "text2video"
        guard let json = try await client.report("v1/videos/\(family)/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json["data"] ?? .null, jobID: handle.jobID, client: client, unitPrice: unitPrice)
    }
}
