import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The client of PixVerse's platform API (`app-api.pixverse.ai/openapi/v2`): text-to-video,
/// image-to-video, first and last frame ("transition") and subjects locked by reference
/// images ("fusion").
///
/// Every request carries `API-KEY` and a fresh `Ai-trace-id` (the docs want one per request).
/// Images are uploaded first (`image/upload`, multipart) and named by the `img_id` the answer
/// gives; a create answers `Resp.video_id`, polled at `video/result/{id}`. Every answer is
/// wrapped as `{ErrCode, ErrMsg, Resp}`, and `ErrCode` ≠ 0 is a refusal even inside HTTP 200.
/// The cost is the credits the task reports at $0.01 each (the docs' 100 credits per dollar),
/// else the catalog price.
public struct PixVerseVideoProvider: TaskVideoAdapter {
    public let client: TaskClient
    public let pollInterval: Double
    /// What one PixVerse credit costs.
    public let creditPrice: Money?

    public var descriptor: ProviderDescriptor { client.descriptor("pixverse", pollInterval: pollInterval) }

    public func normalize(_ request: VideoRequest) -> VideoRequest {
        // Fusion names each reference after its subject: which subject an image locks is part of the request.
        request.forRemoteModel(Self.model(request.model), keepingSubjects: true)
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        // PixVerse documents no idempotency key (a trace id must be new every time): a create
        // sent again after a lost answer may make a second video. Polls are safe.
        let images = try Self.images(request, InputImages(request: request, context: context))
        var ids: [Int64] = []
        for image in images { ids.append(try await upload(image)) }
        let body = try Self.body(request, images: images, ids: ids)
        return try await client.create("openapi/v2/video/\(Self.endpoint(request.mode))/generate", body: body,
                                       provider: "pixverse", idPath: ["Resp", "video_id"])
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("openapi/v2/video/result/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        return try Self.status(json["Resp"] ?? .null, jobID: handle.jobID, client: client, creditPrice: creditPrice)
    }

    /// Uploads one image (`image/upload`, the file as multipart `image`) and returns its `img_id`.
    func upload(_ image: InputImages.Image) async throws -> Int64 {
        let digest = Hashing.sha256(image.data).rawValue.prefix(16)
        var form = MultipartForm(boundary: "reel-\(digest)")
        form.add("image", file: image.data, fileName: "reel-\(digest).\(Asset.fileExtension(for: image.mediaType))",
                 type: image.mediaType)
        let doing = "upload an input image"
        let response = try await client.exchange("POST", client.url("openapi/v2/image/upload"), data: form.data,
                                                 contentType: form.contentType)
        try client.check(response, doing: doing)
        let resp = try client.object(response, doing: doing)["Resp"]
        // The docs' examples say `img_id`; PixVerse's own MCP reads `ImgID`.
        let id = resp?["img_id"] ?? resp?["ImgID"]
        guard let number = id?.intValue ?? id?.stringValue.flatMap({ Int64($0) }) else {
            throw JobFailure(.transient, "PixVerse took the image upload but did not say its img_id")
        }
        return number
    }
}
