import Foundation
import ReelEngine
import ReelModel

/// Keyframes from Seedream (ByteDance's image models on Volcengine Ark or BytePlus
/// ModelArk, the same `ARK_API_KEY` as Seedance): `POST /images/generations`, JSON in and
/// out, synchronous. The cast's reference images go as the `image` list of data URIs, in
/// order; the picture comes back as `b64_json` (asked for: the default is a link that
/// expires). So this is a ``LocalGenerator``: `submit` makes the call and stores the still.
///
/// Left open by the sources (docs/reference image-models §4): the reference limit (14 in
/// mirrors; Reel sends at most 10, so input and output stay under the 15 said to be the
/// total), and the error codes (those naming sensitive content are moderation).
public struct SeedreamImageProvider: ImageGenerator, LocalGenerator {
    public let client: TaskClient
    let prices: [ModelCapabilities]

    public init(client: TaskClient, prices: [ModelCapabilities] = []) {
        self.client = client
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "seedream", name: "Seedream images", media: [.image], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 300)
    }

    /// Keeps the prompt, the size, the model, the seed and the references.
    public func normalize(_ request: ImageRequest) -> ImageRequest { request.forRemoteModel(Self.model(request.model)) }

    public func estimate(_ request: ImageRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func make(_ request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        let references = try InputImages(request: request, context: context).references(limit: Self.maxReferences)
        let json = try await client.call("POST", client.url("images/generations"), body: Self.body(request, references: references),
                                         doing: "make an image")
        return try ResultDownload.store(try Self.image(json), mediaType: "image/png", into: context.blobs, cost: estimate(request),
                                        details: ["model": .string(Self.model(request.model))])
    }

    /// Lists one task with the key (the same call as Seedance's check): 200 means it was accepted.
    public func check() async throws -> String {
        _ = try await client.send("GET", "contents/generations/tasks", query: ["page_num": "1", "page_size": "1"],
                                  doing: "check the key")
        return "key accepted"
    }
}

extension SeedreamImageProvider {
    /// Reel's `default` is Seedream 4.0 on Ark.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "doubao-seedream-4-0-250828" : name }

    static let maxReferences = 10

    /// The 2K size nearest the frame's aspect, in the `WxH` form (ComfyUI's presets).
    public static func size(width: Int, height: Int) -> String {
        let ratio = Double(width) / Double(max(1, height))
        if ratio > 1.2 { return "2848x1600" }
        if ratio < 1 / 1.2 { return "1600x2848" }
        return "2048x2048"
    }

    /// The request: one picture (no sequence), as base64, without Ark's watermark; the
    /// references as data URIs, in order.
    static func body(_ request: ImageRequest, references: [InputImages.Image]) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)), "prompt": .string(request.prompt),
            "size": .string(size(width: request.width, height: request.height)),
            "sequential_image_generation": "disabled", "response_format": "b64_json", "watermark": false,
            "seed": .int(Int64(request.seed % 2_147_483_648)),
        ]
        if !references.isEmpty { body["image"] = .array(references.map { .string($0.dataURI) }) }
        return .object(body)
    }

    /// The picture in `data[0].b64_json`; an `error` in its place is the refusal it names.
    static func image(_ json: JSONValue) throws -> Data {
        let first = json["data"]?.arrayValue?.first
        if let b64 = first?["b64_json"]?.stringValue, let data = Data(base64Encoded: b64), !data.isEmpty { return data }
        let error = first?["error"] ?? json["error"]
        let code = TaskClient.said(error?["code"], limit: 64)
        if TaskClient.isModeration(code) {
            throw JobFailure(.moderation, "Seedream refused the image (\(code ?? "sensitive content"))", providerCode: code)
        }
        // Paid for and without a picture: asking again would pay again, so it fails for good.
        throw JobFailure(.failed, "Seedream's answer has no picture in data[0].b64_json\(code.map { " (\($0))" } ?? "")",
                         providerCode: code)
    }

    /// Seedream as a configurable provider: the Ark host (Beijing) unless
    /// `providers.seedream.base_url` / `REEL_SEEDREAM_BASE_URL` names BytePlus ModelArk;
    /// `keyframes: seedream`.
    public static let entry = ProviderEntry(
        id: "seedream", name: "Seedream images (Volcengine Ark / BytePlus ModelArk)",
        defaultBaseURL: "https://ark.cn-beijing.volces.com/api/v3", credentials: ["ARK_API_KEY"],
        image: { config, support in try SeedreamImageProvider(config: config, support: support) },
        check: { config, support in try await SeedreamImageProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(client: TaskClient(name: "Seedream", baseURL: config.baseURL, auth: .bearer(try config.credential("ARK_API_KEY")),
                                     support: support),
                  prices: config.models)
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension SeedreamImageProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "SeedreamImageProvider(\(Redaction.url(client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(client.baseURL)], displayStyle: .struct) }
}
