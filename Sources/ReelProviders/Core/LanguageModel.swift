import Foundation
import ReelModel

/// A chat model for planning text (shot lists, prompts): any OpenAI-compatible endpoint.
///
/// Planning calls are cheap and quick, so they are plain requests, not durable jobs; what
/// they produce is validated before use (a reply that does not parse is an error, never
/// half a storyboard).
public protocol LanguageModel: Sendable {
    var descriptor: ProviderDescriptor { get }
    func complete(_ request: ChatRequest) async throws -> ChatReply
}

/// One message of a conversation.
public struct ChatMessage: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String

    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
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
