import Foundation
import ReelModel

/// A chat model for planning text (shot lists, prompts): any OpenAI-compatible endpoint.
///
/// Each call runs as a job (``ChatRunner``): journaled, cached by its messages, costed from
/// its token counts. What it produces is validated before use (a reply that does not parse
/// is an error, never half a storyboard).
public protocol LanguageModel: Sendable {
    var descriptor: ProviderDescriptor { get }
    /// The model a request for `default` gets; nil when the user must name one.
    var defaultModel: String? { get }
    func complete(_ request: ChatRequest) async throws -> ChatReply
}

extension LanguageModel {
    public var defaultModel: String? { nil }
}

/// What to ask a chat model.
public struct ChatRequest: Hashable, Sendable, Codable {
    public var model: String
    public var messages: [ChatMessage]
    public var temperature: Double?
    /// Ask for a JSON object (`response_format: {"type": "json_object"}`) where supported.
    public var json: Bool
    public var maxTokens: Int?

    public init(model: String, messages: [ChatMessage], temperature: Double? = nil, json: Bool = false,
                maxTokens: Int? = nil) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.json = json
        self.maxTokens = maxTokens
    }
}

/// A chat model's answer.
public struct ChatReply: Hashable, Sendable, Codable {
    public var text: String
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// `stop`, `length` (cut off), `content_filter`…
    public var finishReason: String?

    public init(text: String, promptTokens: Int? = nil, completionTokens: Int? = nil, finishReason: String? = nil) {
        self.text = text
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
    }
}
