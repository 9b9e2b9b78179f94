import Foundation
import ReelEngine
import ReelModel

/// Where an OpenAI-shaped API lives and how it is signed: OpenAI itself, Azure OpenAI's v1
/// API (the same schema under `https://<resource>.openai.azure.com/openai/v1`, with an
/// `api-key` header), and any OpenAI-compatible server (DeepSeek, Qwen, Moonshot, Ollama,
/// vLLM, llama.cpp).
///
/// Every OpenAI-shaped adapter (video, images, speech, chat) talks through one of these, so
/// the differences between those services live in one ``Flavor`` each, not in copied code.
///
/// ```swift
/// let endpoint = try OpenAIEndpoint(config: config, support: support, flavor: .openai)
/// let response = try await endpoint.send(endpoint.post("videos", json: body), doing: "create a video")
/// ```
public struct OpenAIEndpoint: Sendable {
    public let flavor: Flavor
    public let baseURL: URL
    let key: Secret?
    /// Azure's `api-version` query, when one is configured (`providers.azure-openai.api_version`).
    public let apiVersion: String?
    public let transport: any HTTPTransport
    /// Seconds one HTTP exchange may take (downloads get ten times as long).
    public let requestTimeout: Double

    /// - Parameters:
    ///   - key: sent the way ``Flavor/auth`` says; never stored in a handle or a message.
    public init(flavor: Flavor, baseURL: URL, key: Secret?, apiVersion: String? = nil,
                transport: any HTTPTransport = AsyncHTTPTransport(), requestTimeout: Double = 60) {
        self.flavor = flavor
        self.baseURL = baseURL
        self.key = key
        self.apiVersion = apiVersion
        self.transport = transport
        self.requestTimeout = requestTimeout
    }

    /// The endpoint a user configured: their base URL (required where the flavor has no
    /// usable default), their key, and the shared transport.
    public init(config: ProviderConfig, support: AdapterSupport, flavor: Flavor) throws {
        let key: Secret?
        switch flavor.key {
        case .required(let name): key = try config.credential(name)
        case .optional(let name): key = config.credentials[name]
        case .none: key = nil
        }
        self.init(flavor: flavor, baseURL: try flavor.resolve(config.baseURL, provider: config.id), key: key,
                  apiVersion: config.options["api_version"], transport: support.transport,
                  requestTimeout: support.requestTimeout)
    }

    var policy: HTTPStatusPolicy { HTTPStatusPolicy(provider: flavor.name) }

    /// `base/path`, with `api-version` when configured.
    public func url(_ path: String) -> URL {
        let url = baseURL.appendingPathComponent(path)
        guard let apiVersion, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        parts.queryItems = [URLQueryItem(name: "api-version", value: apiVersion)]
        return parts.url ?? url
    }

    /// The signing header, and `extra`.
    public func headers(_ extra: [String: String] = [:]) -> [String: String] {
        var all = extra
        if let key {
            switch flavor.auth {
            case .bearer: all["Authorization"] = "Bearer \(key.reveal())"
            case .apiKeyHeader: all["api-key"] = key.reveal()
            }
        }
        return all
    }

    /// A signed JSON POST to `path`.
    public func post(_ path: String, json body: JSONValue) -> HTTPRequest {
        .json("POST", url(path), body: body, headers: headers(), timeout: requestTimeout)
    }

    /// A signed GET of `path`.
    public func get(_ path: String) -> HTTPRequest {
        HTTPRequest(url: url(path), headers: headers(["Accept": "application/json"]), timeout: requestTimeout)
    }

    /// Sends `request`; a non-2xx answer throws its classified failure (the OpenAI error
    /// envelope's message and code included).
    /// Two codes change the status's meaning: a 400 saying `moderation_blocked` or
    /// `content_policy_violation` is a refusal of the content (`moderation`), and a 429
    /// saying `insufficient_quota` is an empty account (`budget`), which waiting will not fix.
    public func send(_ request: HTTPRequest, doing action: String) async throws -> HTTPResponse {
        let response = try await transport.send(request)
        if var failure = policy.failure(for: response, doing: action) {
            let code = failure.providerCode ?? ""
            if failure.reason == .invalidRequest, code.contains("moderation") || code.contains("content_policy") {
                failure.reason = .moderation
            } else if failure.reason == .rateLimited, code == "insufficient_quota" {
                failure.reason = .budget
                failure.retryAfter = nil
            }
            throw failure
        }
        return response
    }

    /// The answer's JSON object; a body that is not one is `transient` (a proxy's error
    /// page, an answer cut short).
    public func object(_ response: HTTPResponse, doing action: String) throws -> JSONValue {
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "\(flavor.name)'s answer to \(action) is not JSON")
        }
        return json
    }

    /// Lists the models: one cheap authenticated call.
    public func check() async throws -> String {
        let json = try object(try await send(get("models"), doing: "list models"), doing: "list models")
        let count = json["data"]?.arrayValue?.count ?? 0
        return key == nil ? "reachable; \(count) models" : "key accepted; \(count) models"
    }
}

/// The key never shows, whether the endpoint is printed, interpolated or dumped.
extension OpenAIEndpoint: CustomStringConvertible, CustomReflectable {
    public var description: String { "\(flavor.name)(\(Redaction.url(baseURL)))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["flavor": flavor.id.rawValue, "baseURL": Redaction.url(baseURL),
                                "requestTimeout": requestTimeout], displayStyle: .struct)
    }
}
