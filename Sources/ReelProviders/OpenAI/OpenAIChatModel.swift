import Foundation
import ReelEngine
import ReelModel

/// Planning text from any OpenAI-compatible chat endpoint (`POST /chat/completions`):
/// OpenAI, Azure, DeepSeek, Qwen, Moonshot, Ollama, vLLM, llama.cpp — one adapter, one
/// ``OpenAIEndpoint/Flavor`` per service.
///
/// A refusal or a content filter is `moderation`. A reply cut off by the token limit
/// (`finish_reason: "length"`, in ``ChatReply/finishReason``) or with broken JSON is returned
/// as it is: it was paid for, and the caller reads it (never half a storyboard) and sends its
/// problems back.
/// Failures are ``JobFailure``s classified like every provider's (429 waits, 401 is `auth`).
///
/// ```swift
/// let planner = try OpenAIChatModel(config: config, support: support, flavor: .deepseek)
/// let reply = try await planner.complete(ChatRequest(model: "default", messages: [.init(.user, "…")], json: true))
/// ```
public struct OpenAIChatModel: LanguageModel {
    public let endpoint: OpenAIEndpoint
    /// The model `default` stands for: the user's (`providers.<id>.model`) or the flavor's.
    public var defaultModel: String? { chosenModel }
    private let chosenModel: String?

    public init(endpoint: OpenAIEndpoint, defaultModel: String? = nil) {
        self.endpoint = endpoint
        self.chosenModel = defaultModel ?? endpoint.flavor.chatModel
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: endpoint.flavor.id, name: endpoint.flavor.name, media: [.text], isLocal: false,
                           isDeterministic: false, pollInterval: 1, timeout: endpoint.requestTimeout)
    }

    public func complete(_ request: ChatRequest) async throws -> ChatReply {
        let doing = "complete a chat"
        let response = try await endpoint.send(endpoint.post("chat/completions", json: try body(request)), doing: doing)
        return try reply(try endpoint.object(response, doing: doing), json: request.json)
    }

    /// The model asked for, with `default` resolved.
    func model(_ name: String) throws -> String {
        guard name == "default" || name.isEmpty else { return name }
        guard let defaultModel else {
            throw JobFailure(.invalidRequest, "\(endpoint.flavor.name) has no default model; name one",
                             providerCode: "no-model")
        }
        return defaultModel
    }

    /// The request body: `temperature` a JSON number, the token limit an integer under the
    /// flavor's field name, `response_format: {"type": "json_object"}` in JSON mode.
    func body(_ request: ChatRequest) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(try model(request.model)),
            "messages": .array(request.messages.map { message in
                // With pictures, the content is a list of parts: the text, then each image as a data URI.
                guard let images = message.images, !images.isEmpty else {
                    return ["role": .string(message.role.rawValue), "content": .string(message.content)]
                }
                let parts: [JSONValue] = [["type": "text", "text": .string(message.content)]]
                    + images.map { ["type": "image_url", "image_url": ["url": .string($0)]] }
                return ["role": .string(message.role.rawValue), "content": .array(parts)]
            }),
        ]
        if let temperature = request.temperature { body["temperature"] = .double(temperature) }
        if let limit = request.maxTokens { body[endpoint.flavor.tokenLimitField] = .int(Int64(limit)) }
        if request.json { body["response_format"] = ["type": "json_object"] }
        return .object(body)
    }

    /// The first choice, checked.
    func reply(_ json: JSONValue, json _: Bool) throws -> ChatReply {
        let name = endpoint.flavor.name
        guard let choice = json["choices"]?.arrayValue?.first, let message = choice["message"] else {
            throw JobFailure(.transient, "\(name)'s chat answer has no choices")
        }
        let finish = choice["finish_reason"]?.stringValue
        if let refusal = message["refusal"]?.stringValue, !refusal.isEmpty {
            throw JobFailure(.moderation, "\(name) refused: \(Redaction.message(refusal))", providerCode: "refusal")
        }
        if finish == "content_filter" {
            throw JobFailure(.moderation, "\(name)'s content filter stopped the reply", providerCode: "content_filter")
        }
        // A reply cut off at the token limit (`finish_reason: "length"`) or with broken JSON
        // is paid for: it is returned (and kept) for the caller to read, mend or send back
        // with its problems (StructuredOutput, the writer's one retry), never thrown away.
        let text = message["content"]?.stringValue ?? ""
        let usage = json["usage"]
        return ChatReply(text: text, promptTokens: usage?["prompt_tokens"]?.intValue.map(Int.init),
                         completionTokens: usage?["completion_tokens"]?.intValue.map(Int.init), finishReason: finish)
    }
}

/// The key never shows, whether the model is printed, interpolated or dumped.
extension OpenAIChatModel: CustomStringConvertible, CustomReflectable {
    public var description: String { "OpenAIChatModel(\(endpoint))" }
    public var customMirror: Mirror { Mirror(self, children: ["endpoint": endpoint.description], displayStyle: .struct) }
}
