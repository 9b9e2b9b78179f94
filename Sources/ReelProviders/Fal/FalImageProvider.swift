import Foundation
import ReelEngine
import ReelModel

/// Keyframes from FLUX on fal.ai, through the same queue as fal's video (docs/reference
/// image-models §5.1): words alone go to `fal-ai/flux/dev` at the frame's size; one reference
/// to FLUX Kontext (`fal-ai/flux-pro/kontext`, `image_url`), several to Kontext's multi-image
/// endpoint (`…/kontext/multi`, `image_urls`), as data URIs in the cast's order. The still is
/// the result's `images[0].url`, downloaded. A queued request, not a call: a run killed while
/// fal draws resumes from the journaled request id and never pays twice.
///
/// The catalog's keyframe model is `flux` (Reel picks one of the three by the references);
/// any other fal app path given as the model is used as it is, references going only to a
/// Kontext model that takes them. Left open by the sources: how many
/// images `…/kontext/multi` takes (Reel sends at most 4), and a failed request's statuses
/// beyond `COMPLETED` (read as for video).
public struct FalImageProvider: ImageGenerator, CustomStringConvertible, CustomReflectable {
    public let client: TaskClient
    public let pollInterval: Double
    let prices: [ModelCapabilities]

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "fal", name: "FLUX on fal.ai", media: [.image], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: 600)
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = try FalVideoProvider.client(config: config, support: support)
        pollInterval = support.pollInterval ?? 2
        prices = config.models
    }

    /// Keeps the prompt, the size, the model (chosen by how many references go), the seed
    /// and the references.
    public func normalize(_ request: ImageRequest) -> ImageRequest {
        request.forRemoteModel(Self.model(for: request))
    }

    public func estimate(_ request: ImageRequest) -> Money? {
        let model = Self.model(for: request)
        return prices.first { $0.id == model }?.cost(seconds: 0)
    }

    public func submit(_ request: ImageRequest, context: GenerationContext) async throws -> ProviderHandle {
        let model = Self.model(for: request)
        let references = try InputImages(request: request, context: context).references(limit: Self.maxReferences(model))
        return try await FalVideoProvider.submit(model, input: Self.input(request, model: model, references: references),
                                                 client: client)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await FalVideoProvider.poll(handle, client: client, output: "image") { $0["images"]?.arrayValue?.first?["url"]?.stringValue }
    }

    /// The still, typed by its link's name or fal's answer; the catalog's price (fal's answers carry none).
    public func fetch(_ result: ResultLocator, request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "fal reported a finished image without a link") }
        let model = Self.model(for: request)
        return try await client.download(link, into: context.blobs, mediaType: nil, cost: estimate(request),
                                         details: ["model": .string(model)])
    }

    public var description: String { "FalImageProvider(\(Redaction.url(client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(client.baseURL)], displayStyle: .struct) }
}

extension FalImageProvider {
    /// The model that draws `request`, by its model name and the references it carries.
    static func model(for request: ImageRequest) -> String { model(request.model, references: request.references?.count ?? 0) }

    /// `flux` (the catalog's keyframe model) or `default`: FLUX dev for words alone, Kontext
    /// for one reference, Kontext multi for more; any other name as it is.
    static func model(_ name: String, references: Int) -> String {
        guard ["default", "", "flux"].contains(name) else { return name }
        switch references {
        case 0: return "fal-ai/flux/dev"
        case 1: return "fal-ai/flux-pro/kontext"
        default: return "fal-ai/flux-pro/kontext/multi"
        }
    }

    /// How many references a model takes: Kontext one, its multi-image endpoints several, others none.
    static func maxReferences(_ model: String) -> Int {
        guard model.contains("/kontext"), !model.hasSuffix("/text-to-image") else { return 0 }
        return model.hasSuffix("/multi") ? 4 : 1
    }

    /// The aspects Kontext draws, as width ÷ height.
    static let aspects: [(String, Double)] = [("21:9", 21 / 9), ("16:9", 16 / 9), ("4:3", 4 / 3), ("3:2", 3 / 2), ("1:1", 1),
                                              ("2:3", 2 / 3), ("3:4", 3 / 4), ("9:16", 9 / 16), ("9:21", 9 / 21)]

    /// The model's input: one PNG, the seed; Kontext gets the nearest aspect and its
    /// references (`image_url`, or `image_urls` for the multi-image endpoints); the others the
    /// frame's own size as `image_size`.
    static func input(_ request: ImageRequest, model: String, references: [InputImages.Image]) -> JSONValue {
        var input: [String: JSONValue] = [
            "prompt": .string(request.prompt), "num_images": 1, "output_format": "png",
            "seed": .int(Int64(request.seed % 2_147_483_648)),
        ]
        if model.contains("/kontext") {
            input["aspect_ratio"] = .string(InputImages.nearestAspect(width: request.width, height: request.height, among: aspects))
            if model.hasSuffix("/multi") {
                input["image_urls"] = .array(references.map { .string($0.dataURI) })
            } else if let first = references.first {
                input["image_url"] = .string(first.dataURI)
            }
        } else {
            input["image_size"] = ["width": .int(Int64(request.width)), "height": .int(Int64(request.height))]
        }
        return .object(input)
    }
}
