import Foundation
import ReelEngine
import ReelModel

/// Keyframes from Gemini's image models ("Nano Banana": `gemini-2.5-flash-image`,
/// `gemini-3-pro-image-preview`) on the Gemini API: `POST /models/{model}:generateContent`
/// with the prompt as a text part and each of the cast's reference images as an `inlineData`
/// part beside it, `x-goog-api-key` in the header (never `?key=`).
///
/// The call is synchronous — the answer carries the picture as base64 in an `inlineData`
/// part — so this is a ``LocalGenerator``: `submit` makes the call and stores the still; the
/// journaled handle holds only the stored asset. The API takes no idempotency key: a call
/// whose answer is lost after it went out is not sent again by the run (it may have been paid).
///
/// A blocked prompt answers 200 with `promptFeedback.blockReason` and no candidates; a
/// finished candidate can hold no image (`NO_IMAGE`, `IMAGE_SAFETY`): refusals of the content
/// are `moderation`, an answer without a picture otherwise a failure, never stored.
///
/// ```swift
/// let stills = try GeminiImageProvider(config: config, support: support)
/// registry.register(GenerationRunner(stills), kind: .image, provider: "gemini")
/// ```
public struct GeminiImageProvider: ImageGenerator, LocalGenerator {
    public let baseURL: URL
    let apiKey: Secret
    public let transport: any HTTPTransport
    public let requestTimeout: Double
    let prices: [ModelCapabilities]
    let policy = HTTPStatusPolicy(provider: "Gemini")

    public init(baseURL: URL, apiKey: Secret, transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 120,
                prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "gemini", name: "Gemini images", media: [.image], isLocal: false, isDeterministic: false,
                           pollInterval: 1, timeout: 300)
    }

    /// Keeps the prompt, the size (its aspect is what is asked), the model, the seed (which
    /// tells takes apart; the API is not sent it) and the references.
    public func normalize(_ request: ImageRequest) -> ImageRequest { request.forRemoteModel(Self.model(request.model)) }

    public func estimate(_ request: ImageRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func make(_ request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        let model = Self.model(request.model)
        let references = try InputImages(request: request, context: context).references()
        let url = GeminiAPI.url(baseURL, "models/\(model):generateContent")
        let response = try await transport.send(.json("POST", url, body: Self.body(request, references: references),
                                                      headers: GeminiAPI.headers(apiKey), timeout: requestTimeout))
        try policy.check(response, doing: "make an image")
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "Gemini's image answer is not JSON")
        }
        let (data, mediaType) = try Self.image(json)
        return try ResultDownload.store(data, mediaType: mediaType, into: context.blobs, cost: estimate(request),
                                        details: ["model": .string(model)])
    }

    /// Lists the models: one cheap authenticated call.
    public func check() async throws -> String {
        let response = try await transport.send(HTTPRequest(url: GeminiAPI.url(baseURL, "models"),
                                                            headers: GeminiAPI.headers(apiKey, ["Accept": "application/json"]),
                                                            timeout: requestTimeout))
        try policy.check(response, doing: "check the key")
        let images = response.json?["models"]?.arrayValue?.filter { $0["name"]?.stringValue?.contains("-image") == true }.count ?? 0
        return "key accepted; \(images) image models"
    }
}

extension GeminiImageProvider {
    /// Reel's `default` is `gemini-3-pro-image-preview` (Nano Banana Pro): its 14 reference images are
    /// the first-party figure (the cookbook), and the Flash models' end dates are near.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "gemini-3-pro-image-preview" : name }

    /// The aspect ratios `imageConfig.aspectRatio` takes (the SDK's docstring).
    static let aspects: [(name: String, ratio: Double)] = [
        ("1:1", 1), ("2:3", 2.0 / 3), ("3:2", 1.5), ("3:4", 0.75), ("4:3", 4.0 / 3), ("9:16", 9.0 / 16), ("16:9", 16.0 / 9),
        ("21:9", 21.0 / 9),
    ]

    /// The aspect nearest the frame's (Reel conforms the still to the frame afterwards).
    public static func aspect(width: Int, height: Int) -> String {
        InputImages.nearestAspect(width: width, height: height, among: aspects.map { ($0.name, $0.ratio) })
    }

    /// The request as the REST docs write it: one user turn whose parts are the prompt, then
    /// each reference as `inlineData` (camelCase, bare base64), in order; an image answer only.
    /// A 1080p frame asks the Gemini 3 models for `imageSize: 2K` (1K, the default, is short of
    /// 1920 pixels; the 2.5 models take no size).
    public static func body(_ request: ImageRequest, references: [InputImages.Image]) -> JSONValue {
        let parts: [JSONValue] = [["text": .string(request.prompt)]]
            + references.map { ["inlineData": ["mimeType": .string($0.mediaType), "data": .string($0.base64)]] }
        var config: [String: JSONValue] = ["aspectRatio": .string(aspect(width: request.width, height: request.height))]
        if max(request.width, request.height) > 1400, model(request.model).hasPrefix("gemini-3") { config["imageSize"] = "2K" }
        return [
            "contents": [["role": "user", "parts": .array(parts)]],
            "generationConfig": ["responseModalities": ["IMAGE"], "imageConfig": .object(config)],
        ]
    }

    /// Finish reasons that are a refusal of the content.
    static let refusals: Set<String> = ["SAFETY", "PROHIBITED_CONTENT", "SPII", "BLOCKLIST", "IMAGE_SAFETY",
                                        "IMAGE_PROHIBITED_CONTENT", "RECITATION", "IMAGE_RECITATION"]

    /// The first image part of the first candidate that is not a thought, and its type.
    static func image(_ json: JSONValue) throws -> (Data, String) {
        if let blocked = json["promptFeedback"]?["blockReason"]?.stringValue {
            throw JobFailure(.moderation, "Gemini refused the prompt (\(blocked))", providerCode: blocked)
        }
        let candidate = json["candidates"]?.arrayValue?.first
        for part in candidate?["content"]?["parts"]?.arrayValue ?? [] where part["thought"]?.boolValue != true {
            guard let inline = part["inlineData"], let b64 = inline["data"]?.stringValue else { continue }
            guard let data = Data(base64Encoded: b64), !data.isEmpty else { break }
            return (data, inline["mimeType"]?.stringValue ?? "image/png")
        }
        let reason = candidate?["finishReason"]?.stringValue ?? "no candidate"
        if refusals.contains(reason) {
            throw JobFailure(.moderation, "Gemini made no image: the content was refused (\(reason))", providerCode: reason)
        }
        // Paid for and without a picture: asking again would pay again, so it fails for good.
        throw JobFailure(.failed, "Gemini's answer has no image (\(reason))", providerCode: reason)
    }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension GeminiImageProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "GeminiImageProvider(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(baseURL)], displayStyle: .struct) }
}
