import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of Runway's API (`api.dev.runwayml.com`): image-to-video from a first frame
/// (Gen-4 Turbo, Gen-4.5), and between a first and a last frame (Veo 3.1 through Runway).
///
/// Requests carry `Authorization: Bearer RUNWAYML_API_SECRET` and the API version Runway
/// requires (`X-Runway-Version`). Images go as data URIs in `promptImage`. Runway makes
/// nothing from text alone with these models: a text-only take is refused before any
/// request is sent. Task answers carry no cost, so the catalog price (Runway's credits per
/// second at $0.01 a credit) is used.
public struct RunwayVideoProvider: TaskVideoAdapter {
    /// The API version this adapter speaks.
    public static let apiVersion = "2024-11-06"

    public let client: TaskClient
    public let pollInterval: Double

    public var descriptor: ProviderDescriptor { client.descriptor("runway", pollInterval: pollInterval) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        // Runway documents no idempotency key: a create resent after a lost answer may make a
        // second task. Polls, which are what a timeout retries, are safe.
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        return try await client.create("v1/image_to_video", body: body, provider: "runway")
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("v1/tasks/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json, jobID: handle.jobID, client: client)
    }
}
