import Foundation

/// A provider's durable handle on a job it accepted: enough to poll it after a crash.
public struct ProviderHandle: Hashable, Sendable, Codable {
    public var provider: ProviderID
    /// The provider's job id (task id, operation name, prompt id).
    public var jobID: String
    /// Anything else needed to poll or fetch (a status URL path, a model path), never a secret.
    public var extra: JSONValue?

    public init(provider: ProviderID, jobID: String, extra: JSONValue? = nil) {
        self.provider = provider
        self.jobID = jobID
        self.extra = extra
    }
}

/// What a finished job produced.
public struct NodeOutput: Hashable, Sendable, Codable {
    public var asset: Asset
    /// What the provider charged, in its currency.
    public var cost: Money?
    /// Facts worth keeping with the take: model used, duration fitted, warnings.
    public var details: JSONValue?
    /// The remote provider's job that made it: when the stored file is lost or damaged,
    /// the result is fetched again from this job instead of being paid for again.
    public var source: ProviderHandle?

    public init(asset: Asset, cost: Money? = nil, details: JSONValue? = nil, source: ProviderHandle? = nil) {
        self.asset = asset
        self.cost = cost
        self.details = details
        self.source = source
    }
}
