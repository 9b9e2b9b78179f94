import Foundation
import ReelEngine
import ReelModel

/// The images a request sends to a model (a video's first frame, last frame and references,
/// a keyframe's references), read
/// from the store in the forms APIs accept. Providers cannot read local files: each adapter
/// sends them the one way its API takes (a data URI, bare base64, an upload), or says that
/// a public URL is needed.
///
/// Overlay layers (animatic captions) are never sent.
///
/// ```swift
/// let images = InputImages(request: request, context: context)
/// if let first = try images.first(.firstFrame) { body["image"] = .string(first.dataURI) }
/// ```
public struct InputImages: Sendable {
    /// One image, ready to send.
    public struct Image: Sendable {
        public var input: ImageInput
        public var data: Data
        public var mediaType: String

        /// `data:image/png;base64,…`: OpenAI, Runway, Vidu, Seedance, Wan, fal, Replicate.
        public var dataURI: String { "data:\(mediaType);base64,\(base64)" }
        /// Bare base64, no prefix: Kling, Veo's `bytesBase64Encoded`/`inlineData`.
        public var base64: String { data.base64EncodedString() }
        /// A file name with the right extension, for multipart uploads.
        public var fileName: String { "image-\(input.input).\(Asset.fileExtension(for: mediaType))" }
    }

    /// The request's images, in its order.
    public let images: [ImageInput]
    public let context: GenerationContext

    public init(request: VideoRequest, context: GenerationContext) {
        self.init(images: request.images, context: context)
    }

    /// A keyframe's reference images.
    public init(request: ImageRequest, context: GenerationContext) {
        self.init(images: request.references ?? [], context: context)
    }

    public init(images: [ImageInput], context: GenerationContext) {
        self.images = images
        self.context = context
    }

    /// Every image to send, in request order.
    public func all() throws -> [Image] {
        try images.filter { $0.role != .overlay }.map(load)
    }

    /// The first image with `role`, or nil.
    public func first(_ role: ImageInput.Role) throws -> Image? {
        try images.first { $0.role == role }.map(load)
    }

    /// The reference images (at most `limit`, in order).
    public func references(limit: Int = .max) throws -> [Image] {
        try images.filter { $0.role == .reference }.prefix(limit).map(load)
    }

    /// The name of the aspect among `aspects` (name, width ÷ height) nearest a `width`×`height`
    /// frame, by ratio (log distance: 9:16 is as far from 1:1 as 16:9); "1:1" for none.
    public static func nearestAspect(width: Int, height: Int, among aspects: [(String, Double)]) -> String {
        let ratio = log(Double(max(1, width)) / Double(max(1, height)))
        return aspects.min { abs(log($0.1) - ratio) < abs(log($1.1) - ratio) }?.0 ?? "1:1"
    }

    /// The error for an API that takes images only by public URL.
    public static func needsPublicURL(_ provider: String) -> JobFailure {
        JobFailure(.invalidRequest, "\(provider) takes images only as public URLs and cannot read this machine's files",
                   providerCode: "needs-public-url")
    }

    private func load(_ input: ImageInput) throws -> Image {
        guard context.inputs.indices.contains(input.input) else {
            throw JobFailure(.invalidRequest, "the request names input \(input.input) but the job has \(context.inputs.count)")
        }
        let asset = context.inputs[input.input]
        let url = context.blobs.url(for: asset)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw JobFailure(.failed, "input image \(asset.digest.short) is missing from the store")
        }
        return Image(input: input, data: data, mediaType: asset.mediaType)
    }
}
