import Foundation
import ReelModel

/// A credential's value. It prints as `•••`, in logs, errors and `--json` alike; only an
/// adapter building a request reads ``reveal()``.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String
    public init(_ value: String) { self.value = value }
    public func reveal() -> String { value }
    public var description: String { "•••" }
    public var debugDescription: String { "Secret(•••)" }
}

/// Everything an adapter needs to talk to its provider: where, with which keys, and any
/// provider-specific settings from `reel.yaml`.
public struct ProviderConfig: Sendable {
    public var id: ProviderID
    public var baseURL: URL
    /// By environment-variable name: `KLING_ACCESS_KEY` → its secret.
    public var credentials: [String: Secret]
    public var options: [String: String]

    public init(id: ProviderID, baseURL: URL, credentials: [String: Secret], options: [String: String] = [:]) {
        self.id = id
        self.baseURL = baseURL
        self.credentials = credentials
        self.options = options
    }

    /// The credential `name`, or an error saying how to provide it.
    public func credential(_ name: String) throws -> Secret {
        guard let secret = credentials[name] else {
            throw ReelError(.configuration, "\(id) needs \(name), which is not set",
                            hint: "export \(name)=… or put `\(name)=…` in ~/.config/reel/credentials (chmod 600)")
        }
        return secret
    }
}
