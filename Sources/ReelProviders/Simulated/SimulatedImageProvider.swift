import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Keyframes from the simulated provider's image model (`POST /v1/images`, model
/// `sim-image-1`): a priced still made at once, so the keyframe-first way of working —
/// cheap stills, pick one, animate it — runs offline end to end, through the same engine,
/// store and consent gate as a real image model.
///
/// Like OpenAI's Images API the answer carries the picture itself (base64), so this is a
/// ``LocalGenerator``: `submit` makes the call and stores the still; the handle holds only
/// the stored asset, never the key. The call carries the job's idempotency key, so a call
/// retried after a lost answer gets the still already paid for.
public struct SimulatedImageProvider: ImageGenerator, LocalGenerator {
    /// Its calls carry the job's idempotency key: one sent again gets the still already made.
    public var resendsSafely: Bool { true }
    public let baseURL: URL
    let apiKey: String
    public let transport: any HTTPTransport
    public let requestTimeout: Double
    /// The catalog's entries for the provider: the price per still.
    let prices: [ModelCapabilities]
    let policy = HTTPStatusPolicy(provider: "the simulated provider")

    public init(baseURL: URL, apiKey: String, transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 30,
                prices: [ModelCapabilities] = []) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.prices = prices
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "sim", name: "Simulated provider (images)", media: [.image], isLocal: false,
                           isDeterministic: false, pollInterval: 1, timeout: 120, revision: 1)
    }

    /// Keeps the prompt, the size, the model, the seed and the shot (drawn on the still).
    public func normalize(_ request: ImageRequest) -> ImageRequest { request.forRemoteModel(Self.model(request.model)) }

    /// The catalog's price per still; the answer says what was charged.
    public func estimate(_ request: ImageRequest) -> Money? {
        prices.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func make(_ request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        var body: [String: JSONValue] = [
            "model": .string(Self.model(request.model)), "prompt": .string(request.prompt),
            "width": .int(Int64(request.width)), "height": .int(Int64(request.height)),
            "seed": .string(String(request.seed)), "label": .string(request.brief.shot.rawValue),
        ]
        // The cast's references, in order, as data URIs (the simulator takes four).
        let references = try InputImages(request: request, context: context).references(limit: 4)
        if !references.isEmpty { body["references"] = .array(references.map { .string($0.dataURI) }) }
        let http = HTTPRequest.json("POST", baseURL.appendingPathComponent("v1/images"), body: .object(body),
                                    headers: ["Authorization": "Bearer \(apiKey)", "Accept": "application/json",
                                              "Idempotency-Key": context.idempotencyKey],
                                    timeout: requestTimeout)
        let response = try await transport.send(http)
        try policy.check(response, doing: "make a keyframe")
        guard let b64 = response.json?["data"]?["b64"]?.stringValue, let data = Data(base64Encoded: b64),
              data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            // Paid for and unreadable: asking again would pay again, so it fails for good.
            throw JobFailure(.failed, "the simulated provider's image answer has no PNG in data.b64")
        }
        return try ResultDownload.store(data, mediaType: "image/png", into: context.blobs,
                                        cost: SimulatedVideoProvider.cost(response.json?["cost"]) ?? estimate(request),
                                        details: ["model": .string(Self.model(request.model))])
    }

    /// Reel's `default` is `sim-image-1`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "sim-image-1" : name }
}

/// The key never shows, whether the provider is printed, interpolated or dumped.
extension SimulatedImageProvider: CustomStringConvertible, CustomReflectable {
    public var description: String { "SimulatedImageProvider(\(Redaction.url(baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(baseURL)], displayStyle: .struct) }
}
