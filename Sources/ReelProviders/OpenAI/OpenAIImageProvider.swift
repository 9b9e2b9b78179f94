import Foundation
import ReelEngine
import ReelModel

/// Stills (keyframes) from OpenAI's Images API: `gpt-image-1` and its successors.
///
/// A keyframe from words alone is `POST /images/generations`; one made from the cast's
/// reference images is `POST /images/edits` with the images as `image[]` parts. Both are
/// synchronous: the answer is the picture itself, as `b64_json`. So this adapter has the
/// ``LocalGenerator`` shape: `submit` makes the call and stores the image, and the journaled
/// handle holds only the stored asset (no key, no bytes). A resumed job finds the image in the store; if the store lost it, the image is
/// made again. A crash during the call itself cannot be resumed: the API has no job to poll.
///
/// ```swift
/// let stills = try OpenAIImageProvider(config: config, support: support, flavor: .openai)
/// registry.register(GenerationRunner(stills), kind: .image, provider: "openai")
/// ```
public struct OpenAIImageProvider: ImageGenerator, LocalGenerator {
    public let endpoint: OpenAIEndpoint
    let prices: [ModelCapabilities]

    public init(endpoint: OpenAIEndpoint, prices: [ModelCapabilities] = []) {
        self.endpoint = endpoint
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: endpoint.flavor.id, name: endpoint.flavor.name + " Images", media: [.image], isLocal: false,
                           isDeterministic: false, pollInterval: 1, timeout: 300)
    }

    /// Keeps the prompt, the size the API will be asked for, the model and the seed (which
    /// tells takes apart); drops what only animatic panels draw.
    public func normalize(_ request: ImageRequest) -> ImageRequest { request.forRemoteModel(Self.model(request.model)) }

    public func estimate(_ request: ImageRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func make(_ request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        let model = Self.model(request.model)
        let references = try InputImages(request: request, context: context).references(limit: Self.maxReferences)
        let doing = references.isEmpty ? "make an image" : "make an image from \(references.count) reference images"
        // From words alone, a generation; from the cast's references, an edit of them.
        let http = references.isEmpty ? endpoint.post("images/generations", json: Self.body(request))
            : Self.editForm(request, references: references, boundary: "reel-\(context.idempotencyKey.prefix(24))")
                .request("POST", endpoint.url("images/edits"), headers: endpoint.headers(), timeout: endpoint.requestTimeout)
        let json = try endpoint.object(try await endpoint.send(http, doing: doing), doing: doing)
        let data = try Self.image(json, provider: endpoint.flavor.name)
        return try ResultDownload.store(data, mediaType: "image/png", into: context.blobs, cost: estimate(request),
                                        details: ["model": .string(model)])
    }
}

extension OpenAIImageProvider {
    /// Reel's `default` is `gpt-image-1`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "gpt-image-1" : name }

    /// The sizes GPT image models take: square, landscape or portrait, whichever the frame is
    /// closest to (Reel conforms the still to the film's frame afterwards).
    static func size(width: Int, height: Int) -> String {
        let ratio = Double(width) / Double(max(1, height))
        if ratio > 1.2 { return "1536x1024" }
        if ratio < 1 / 1.2 { return "1024x1536" }
        return "1024x1024"
    }

    /// `POST /images/generations`: one PNG. GPT image models always answer `b64_json`, so
    /// `response_format` (dall-e only) is not sent.
    static func body(_ request: ImageRequest) -> JSONValue {
        ["model": .string(model(request.model)), "prompt": .string(request.prompt), "n": 1,
         "size": .string(size(width: request.width, height: request.height)), "output_format": "png"]
    }

    /// What GPT image models take in one edit (the SDK's docs).
    static let maxReferences = 16

    /// `POST /images/edits`, as OpenAI's SDK sends it: multipart, each reference an `image[]`
    /// file part in the order given (who is in frame first, then the place), and high input
    /// fidelity so faces and costumes are kept (gpt-image-1 and later; not the mini models).
    static func editForm(_ request: ImageRequest, references: [InputImages.Image], boundary: String) -> MultipartForm {
        let model = model(request.model)
        var form = MultipartForm(boundary: boundary)
        form.add("model", model)
        form.add("prompt", request.prompt)
        form.add("n", "1")
        form.add("size", size(width: request.width, height: request.height))
        form.add("output_format", "png")
        if !model.contains("mini") { form.add("input_fidelity", "high") }
        for image in references { form.add("image[]", file: image.data, fileName: image.fileName, type: image.mediaType) }
        return form
    }

    /// The picture in `data[0].b64_json`.
    static func image(_ json: JSONValue, provider: String) throws -> Data {
        guard let b64 = json["data"]?.arrayValue?.first?["b64_json"]?.stringValue,
              let data = Data(base64Encoded: b64), !data.isEmpty else {
            throw JobFailure(.transient, "\(provider)'s image answer has no picture in data[0].b64_json")
        }
        return data
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension OpenAIImageProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "OpenAIImageProvider(\(endpoint))" }
    public var customMirror: Mirror { Mirror(self, children: ["endpoint": endpoint.description], displayStyle: .struct) }
}
