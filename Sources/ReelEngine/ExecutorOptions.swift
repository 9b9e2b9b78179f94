import Foundation
import ReelModel

/// How hard to try again, and how long to wait between tries.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts per job in one run, the first included.
    public var maxAttempts: Int
    /// Rate-limited answers get more tries: waiting them out is expected.
    public var maxRateLimitedAttempts: Int
    /// First backoff in seconds; doubles each attempt up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 4, maxRateLimitedAttempts: Int = 12, baseDelay: Double = 1, maxDelay: Double = 60) {
        self.maxAttempts = maxAttempts
        self.maxRateLimitedAttempts = maxRateLimitedAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` after `failure`: the provider's Retry-After when
    /// it gave one (plus up to 10% jitter), else exponential backoff with full jitter.
    /// `unit` is a uniform random number in 0..<1.
    public func delay(after failure: JobFailure, attempt: Int, unit: Double) -> Double {
        if let after = failure.retryAfter, after >= 0 {
            return after * (1 + 0.1 * unit)
        }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling * (0.5 + 0.5 * unit)
    }

    /// Whether a job that failed this way on attempt `attempt` gets another.
    ///
    /// `rateLimited` of those attempts were answered "too many requests": they count
    /// against the rate-limit budget only, so a provider that asks Reel to wait a few times
    /// does not use up the tries a job has for real errors.
    public func allowsRetry(_ failure: JobFailure, attempt: Int, rateLimited: Int = 0) -> Bool {
        guard failure.reason.isRetryable else { return false }
        if failure.reason == .rateLimited { return attempt < maxRateLimitedAttempts }
        return attempt - rateLimited < maxAttempts && attempt < maxRateLimitedAttempts + maxAttempts
    }
}

/// Limits and policies for one run.
public struct ExecutorOptions: Sendable {
    /// Jobs running at once per provider; providers not listed get `defaultLimit`.
    public var limits: [ProviderID: Int]
    public var defaultLimit: Int
    public var retry: RetryPolicy
    /// No job starts whose estimated cost would take spending past this cap.
    public var budgetCap: Money?
    /// Already spent before this run (from the ledger), in the cap's currency.
    public var spentBefore: Money?
    /// Seeds the jitter, so tests are repeatable.
    public var jitterSeed: UInt64
    /// Nodes to run even when their output is cached (a forced re-render).
    public var refresh: Set<NodeID> = []

    public init(limits: [ProviderID: Int] = [:], defaultLimit: Int = 2, retry: RetryPolicy = RetryPolicy(),
                budgetCap: Money? = nil, spentBefore: Money? = nil, jitterSeed: UInt64 = 0x5EED) {
        self.limits = limits
        self.defaultLimit = defaultLimit
        self.retry = retry
        self.budgetCap = budgetCap
        self.spentBefore = spentBefore
        self.jitterSeed = jitterSeed
    }

    public func limit(for provider: ProviderID) -> Int { max(1, limits[provider] ?? defaultLimit) }

    /// For a run whose jobs go to the studio's workers: twice its limits in the queue. The
    /// claim holds each provider to the studio's limit anyway, and a worker that frees a slot
    /// takes the next job at once instead of waiting for the run to hear of the end and hand
    /// it one; the jobs no worker takes run here within the limits as they were
    /// (`RunnerRegistry.queued(through:localLimit:)`). The queued jobs count as started, so
    /// the budget checks reserve their estimates: near a cap they are the stricter for it.
    public func handingToWorkers() -> ExecutorOptions {
        var options = self
        options.limits = limits.mapValues { $0 * 2 }
        options.defaultLimit = defaultLimit * 2
        return options
    }
}

/// Waits. Injected so tests never sleep.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double) async throws
}

/// Sleeps on the task clock; cancellation ends the wait.
public struct TaskSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
