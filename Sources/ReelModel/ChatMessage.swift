import Foundation

/// One message of a conversation with a language model: what the assistant asks, and
/// what the chat adapters send.
public struct ChatMessage: Hashable, Sendable, Codable {
    /// Who a message is from: the instructions (`system`), the user, or the model itself.
    public enum Role: String, Hashable, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String
    /// Pictures sent with the text, as `data:` URIs (a vision model's input); nil for text alone.
    public var images: [String]?

    public init(_ role: Role, _ content: String, images: [String]? = nil) {
        self.role = role
        self.content = content
        self.images = images
    }
}

