import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of Luma's two video APIs, which differ in shape but not in kind: the legacy
/// Dream Machine API (`api.lumalabs.ai/dream-machine/v1`, Ray 2, provider `luma`) and the
/// Agents API (`agents.lumalabs.ai/v1`, Ray 3.2, provider `luma-agents`).
///
/// One adapter serves both: the create → poll → download flow, the auth and the error
/// handling are the same, and only the body, the state names and where the result link
/// sits differ (``API``). Both are `Authorization: Bearer LUMA_API_KEY`.
///
/// The legacy API takes keyframes only as public URLs, which a local project does not
/// have: a take with images is refused (``InputImages/needsPublicURL(_:)``). The Agents API
/// takes them inline (`{data, media_type}`), so first frames and first+last frames work
/// there. Neither API reports a cost: the catalog price is used.
public struct LumaVideoProvider: TaskVideoAdapter {
    /// Which of Luma's APIs the adapter speaks.
    public enum API: String, Sendable, Hashable {
        /// Dream Machine: `POST /generations/video`, states `queued`/`dreaming`/`completed`/`failed`.
        case dreamMachine = "luma"
        /// Agents: `POST /generations` with `type: video`, states `queued`/`processing`/`completed`/`failed`.
        case agents = "luma-agents"
    }

    public let flavor: API
    public let client: TaskClient
    public let pollInterval: Double

    public var descriptor: ProviderDescriptor { client.descriptor(ProviderID(flavor.rawValue), pollInterval: pollInterval) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model, flavor: flavor))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        // Neither API documents an idempotency key: a create resent after a lost answer may
        // make a second generation. Polls, which are what a timeout retries, are safe.
        let images = InputImages(request: request, context: context)
        let body = try flavor == .agents ? Self.agentsBody(request, images: images) : Self.dreamMachineBody(request)
        let path = flavor == .agents ? "generations" : "generations/video"
        return try await client.create(path, body: body, provider: descriptor.id)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("generations/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json, jobID: handle.jobID, flavor: flavor, client: client)
    }
}
