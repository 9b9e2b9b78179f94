import Foundation
import ReelModel

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

/// Where a job stands.
public enum JobState: Hashable, Sendable, Codable {
    case pending
    /// Accepted by the provider; poll this handle, never submit again.
    case submitted(ProviderHandle)
    case running
    case succeeded(NodeOutput)
    case failed(JobFailure)
    case cancelled

    public var name: String {
        switch self {
        case .pending: "pending"
        case .submitted: "submitted"
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }
}

/// The journal's record of one job.
public struct JournalEntry: Hashable, Sendable {
    public var key: CacheKey
    public var state: JobState
    /// Attempts made so far, across runs.
    public var attempts: Int
    /// How many times the provider's result expired and the job had to be submitted anew;
    /// part of the idempotency key, so a crash never submits the same generation twice.
    public var resubmits: Int

    public init(key: CacheKey, state: JobState, attempts: Int, resubmits: Int = 0) {
        self.key = key
        self.state = state
        self.attempts = attempts
        self.resubmits = resubmits
    }

    /// The key a provider that accepts one uses to recognise a repeated submission.
    public var idempotencyKey: String {
        let base = "reel-" + key.digest.rawValue.prefix(40)
        return resubmits == 0 ? base : "\(base)-r\(resubmits)"
    }
}

/// The durable record of every job's state, keyed by cache key.
///
/// The executor records each transition before acting on it; a provider's job id is
/// recorded before polling starts, so a crash resumes by polling, never by paying again.
public protocol JobJournal: Sendable {
    /// The last recorded state of the job with this key, if any.
    func entry(for key: CacheKey) async throws -> JournalEntry?
    /// The records of many jobs at once; journals that can should answer in one query.
    func entries(for keys: [CacheKey]) async throws -> [CacheKey: JournalEntry]
    /// Records a transition of `node`'s job.
    func record(_ state: JobState, for key: CacheKey, node: GraphNode) async throws
}

extension JobJournal {
    public func entries(for keys: [CacheKey]) async throws -> [CacheKey: JournalEntry] {
        var out: [CacheKey: JournalEntry] = [:]
        for key in keys { out[key] = try await entry(for: key) }
        return out
    }
}

/// A journal in memory, for tests and one-off runs.
public actor InMemoryJournal: JobJournal {
    public private(set) var entries: [CacheKey: JournalEntry] = [:]
    /// Every transition in order, for tests that check what happened.
    public private(set) var log: [(key: CacheKey, node: NodeID, state: JobState)] = []

    public init() {}

    public func entry(for key: CacheKey) -> JournalEntry? { entries[key] }

    public func record(_ state: JobState, for key: CacheKey, node: GraphNode) {
        var entry = entries[key] ?? JournalEntry(key: key, state: .pending, attempts: 0)
        if case .running = state { entry.attempts += 1 }
        if case .failed(let failure) = state, failure.reason == .expired { entry.resubmits += 1 }
        entry.state = state
        entries[key] = entry
        log.append((key, node.id, state))
    }
}
