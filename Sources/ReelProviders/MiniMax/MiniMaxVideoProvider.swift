import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of MiniMax's Hailuo video API (`api.minimax.io`, v1): text-to-video and
/// image-to-video from a first frame (and a last frame, on Hailuo-02).
///
/// A task is created, queried until `Success`, and its `file_id` is then turned into a
/// download link by `files/retrieve`: that second lookup happens in `poll`, so the link is
/// fresh when `fetch` downloads it. MiniMax reports business errors in
/// `base_resp.status_code`, inside HTTP 200; each is classified. Frames go as data URIs.
/// Answers carry no cost: the catalog price is used.
public struct MiniMaxVideoProvider: TaskVideoAdapter {
    public let client: TaskClient
    public let pollInterval: Double

    public var descriptor: ProviderDescriptor { client.descriptor("minimax", pollInterval: pollInterval) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model))
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        // MiniMax documents no idempotency key: a create resent after a lost answer may make a
        // second task. Polls, which are what a timeout retries, are safe.
        let body = try Self.body(request, images: InputImages(request: request, context: context))
        return try await client.create("v1/video_generation", body: body, provider: "minimax", idPath: ["task_id"])
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("v1/query/video_generation", query: ["task_id": handle.jobID],
                                              jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        let status = try Self.status(json, jobID: handle.jobID, client: client)
        guard case .succeeded = status else { return status }
        guard let file = TaskClient.said(json["file_id"], limit: 128) else {
            throw JobFailure(.transient, "MiniMax reported task \(handle.jobID) done without a file_id")
        }
        guard let retrieved = try await client.send("GET", "v1/files/retrieve", query: ["file_id": file], unknown: [404],
                                                 doing: "find the file of task \(handle.jobID)") else {
            return client.forgotten(handle.jobID)
        }
        guard let link = retrieved["file"]?["download_url"]?.stringValue, !link.isEmpty else {
            throw JobFailure(.transient, "MiniMax's file \(file) has no download_url")
        }
        return .succeeded(ResultLocator(url: link, details: ["job": .string(handle.jobID), "file": .string(file)]))
    }
}
