import Foundation
import ReelEngine
import ReelModel

/// Keyframes from FLUX on Replicate, through the same predictions as Replicate's video
/// (docs/reference image-models §5.2): FLUX Kontext Pro (`black-forest-labs/flux-kontext-pro`)
/// for words alone or one reference (`input_image`), FLUX.2 Flex
/// (`black-forest-labs/flux-2-flex`) for several (`input_images`, up to 10, in the cast's
/// order); images as data URIs, the frame's nearest aspect, a PNG. The still is the
/// prediction's output file, downloaded at once (Replicate deletes outputs after an hour). A
/// prediction, not a call: a run killed meanwhile polls it again and never pays twice.
///
/// The catalog's keyframe model is `flux` (Reel picks one of the two by the references); any
/// other model given (`owner/name` or `owner/name:version`) gets the same input, references
/// going only to the two above. Left open by the sources: `safety_tolerance`'s range for FLUX.2
/// (Reel leaves it at the model's default) and whether Flex answers one file or a list (both read).
public struct ReplicateImageProvider: ImageGenerator, CustomStringConvertible, CustomReflectable {
    public let client: TaskClient
    public let pollInterval: Double
    let config: ProviderConfig

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "replicate", name: "FLUX on Replicate", media: [.image], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: 600)
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = try ReplicateVideoProvider.client(config: config, support: support)
        pollInterval = support.pollInterval ?? 2
        self.config = config
    }

    /// Keeps the prompt, the size, the model (chosen by how many references go), the seed
    /// and the references.
    public func normalize(_ request: ImageRequest) -> ImageRequest {
        request.forRemoteModel(Self.model(for: request))
    }

    public func estimate(_ request: ImageRequest) -> Money? {
        let model = Self.model(for: request)
        return config.models.first { $0.id == model }?.cost(seconds: 0)
    }

    public func submit(_ request: ImageRequest, context: GenerationContext) async throws -> ProviderHandle {
        let model = Self.model(for: request)
        let references = try InputImages(request: request, context: context).references(limit: Self.maxReferences(model))
        return try await ReplicateVideoProvider.create(model, input: Self.input(request, model: model, references: references),
                                                       client: client, config: config)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await ReplicateVideoProvider.poll(handle, client: client, config: config)
    }

    /// The still, typed by its link's name or the answer; the price the prediction reported, else the catalog's.
    public func fetch(_ result: ResultLocator, request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "Replicate reported a finished image without a file") }
        return try await client.download(link, into: context.blobs, mediaType: nil, cost: result.cost ?? estimate(request),
                                         details: result.details)
    }

    public var description: String { "ReplicateImageProvider(\(Redaction.url(client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(client.baseURL)], displayStyle: .struct) }
}

extension ReplicateImageProvider {
    static let kontext = "black-forest-labs/flux-kontext-pro"
    static let flex = "black-forest-labs/flux-2-flex"

    /// The model that draws `request`, by its model name and the references it carries.
    static func model(for request: ImageRequest) -> String { model(request.model, references: request.references?.count ?? 0) }

    /// `flux` (the catalog's keyframe model) or `default`: Kontext Pro for words alone or one
    /// reference, FLUX.2 Flex for more; any other name as it is.
    static func model(_ name: String, references: Int) -> String {
        guard ["default", "", "flux"].contains(name) else { return name }
        return references > 1 ? flex : kontext
    }

    static func maxReferences(_ model: String) -> Int {
        if model.hasPrefix(flex) { return 10 }
        return model.hasPrefix(kontext) || model.hasPrefix("black-forest-labs/flux-kontext") ? 1 : 0
    }

    /// The aspects FLUX Kontext draws on Replicate, as width ÷ height.
    static let aspects: [(String, Double)] = [("21:9", 21 / 9), ("16:9", 16 / 9), ("3:2", 3 / 2), ("4:3", 4 / 3), ("5:4", 5 / 4),
                                              ("1:1", 1), ("4:5", 4 / 5), ("3:4", 3 / 4), ("2:3", 2 / 3), ("9:16", 9 / 16),
                                              ("9:21", 9 / 21)]

    /// The prediction's input: the prompt, the frame's nearest aspect (never `match_input_image`:
    /// the keyframe is the film's shape, not the reference's), the seed, a PNG, and the references.
    static func input(_ request: ImageRequest, model: String, references: [InputImages.Image]) -> [String: JSONValue] {
        var input: [String: JSONValue] = [
            "prompt": .string(request.prompt), "output_format": "png", "seed": .int(Int64(request.seed % 2_147_483_648)),
            "aspect_ratio": .string(InputImages.nearestAspect(width: request.width, height: request.height, among: aspects)),
        ]
        if model.hasPrefix(flex) {
            if !references.isEmpty { input["input_images"] = .array(references.map { .string($0.dataURI) }) }
        } else if let first = references.first {
            input["input_image"] = .string(first.dataURI)
        }
        return input
    }
}
