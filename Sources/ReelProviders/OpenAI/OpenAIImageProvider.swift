import Foundation
import ReelEngine
import ReelModel

/// Stills (keyframes) from OpenAI's Images API: `gpt-image-1` and its successors.
///
/// The API is synchronous: `POST /images/generations` answers with the picture itself, as
/// `b64_json`. So this adapter has the ``LocalGenerator`` shape: `submit` makes the call
/// and stores the image, and the journaled handle holds only the stored asset (no key, no
/// bytes). A resumed job finds the image in the store; if the store lost it, the image is
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
        let doing = "make an image"
        let http = endpoint.post("images/generations", json: Self.body(request))
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
