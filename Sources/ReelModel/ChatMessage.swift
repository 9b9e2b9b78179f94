import Foundation

/// One message of a conversation with a language model: what the assistant asks, and
/// what the chat adapters send.
public struct ChatMessage: Hashable, Sendable, Codable {
    /// Who a message is from: the instructions (`system`), the user, or the model itself.
    public enum Role: String, Hashable, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String

    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
}

