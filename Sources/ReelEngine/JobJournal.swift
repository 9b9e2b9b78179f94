import Foundation
import ReelModel

/// Where a job stands.
public enum JobState: Hashable, Sendable, Codable {
    case pending
    /// Accepted by the provider; poll this handle, never submit again.
    case submitted(ProviderHandle)
    case running
    case succeeded(NodeOutput)
    case failed(JobFailure)
    case cancelled

    /// The state's word, as the journal stores it (``TakeState/name``).
    public var name: String { takeState.name }
}

extension JobState {
    /// The state of the take this job makes.
    public var takeState: TakeState {
        switch self {
        case .pending: .pending
        case .submitted: .submitted
        case .running: .running
        case .succeeded(let output): .succeeded(output)
        case .failed(let failure): .failed(failure)
        case .cancelled: .cancelled
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

    /// Records a transition: a run of the job counts an attempt; a result that expired
    /// before it was fetched counts a resubmission, which changes the idempotency key.
    /// Every journal keeps this rule (SQLiteJournal in SQL); the contract tests hold them to it.
    ///
    /// A start never replaces a provider's job id: a run whose view of the journal is older
    /// than a worker's (it read the job before the worker submitted it) counts its attempt,
    /// and whoever runs the job next polls that provider job instead of paying again. A job id
    /// never replaces a finished take.
    public mutating func record(_ state: JobState) {
        if case .running = state { attempts += 1 }
        if case .running = state, case .submitted = self.state { return }
        // A worker that lost its claim hears back from its provider late: the take another
        // finished stays.
        if case .submitted = state, case .succeeded = self.state { return }
        if case .failed(let failure) = state, failure.reason == .expired { resubmits += 1 }
        self.state = state
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
        entries[key, default: JournalEntry(key: key, state: .pending, attempts: 0)].record(state)
        log.append((key, node.id, state))
    }
}
