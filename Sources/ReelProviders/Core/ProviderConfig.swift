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
    /// This provider's models from the catalog: their prices turn a result into a cost
    /// when the provider's answer does not carry one.
    public var models: [ModelCapabilities]

    public init(id: ProviderID, baseURL: URL, credentials: [String: Secret], options: [String: String] = [:],
                models: [ModelCapabilities] = []) {
        self.id = id
        self.baseURL = baseURL
        self.credentials = credentials
        self.options = options
        self.models = models
    }

    /// What `seconds` of `model` cost by the catalog; nil when it has no price.
    public func cost(model: String, seconds: Double) -> Money? {
        models.first { $0.id == model }?.cost(seconds: seconds)
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
