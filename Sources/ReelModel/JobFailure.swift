import Foundation

/// Why a job failed, classified so the scheduler knows whether to try again.
public struct JobFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The kind of failure, which decides whether the scheduler tries again (``isRetryable``);
    /// the raw value is how journals and messages write it.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// HTTP 429 or a provider's throttling state: wait and retry.
        case rateLimited = "rate-limited"
        /// A 5xx, a dropped connection, a broken download: retry with backoff.
        case transient
        /// The provider did not finish in time: retry (resuming the same provider job).
        case timedOut = "timed-out"
        /// The provider refused the content: do not retry the same request.
        case moderation
        /// The request is wrong for this provider/model: do not retry.
        case invalidRequest = "invalid-request"
        /// Credentials missing, wrong or without permission: do not retry.
        case auth
        /// Starting it would pass the budget cap.
        case budget
        /// The result link expired before it could be downloaded.
        case expired
        /// An input failed, so this job could not run.
        case blocked
        /// A bug or an unexpected local failure.
        case failed

        /// Whether trying again later may succeed.
        public var isRetryable: Bool {
            switch self {
            case .rateLimited, .transient, .timedOut, .expired: true
            case .moderation, .invalidRequest, .auth, .budget, .blocked, .failed: false
            }
        }
    }

    public var reason: Reason
    /// What happened, safe to show and to store: no secrets, no signed URLs.
    public var message: String
    /// Seconds the provider asked us to wait (Retry-After), if it said.
    public var retryAfter: Double?
    /// The provider's own error code, when it gave one.
    public var providerCode: String?
    /// What the attempt cost although it failed (a critic paid for replies that could not be
    /// read): written to the ledger as a success's cost is, so the budget counts it.
    public var cost: Money?

    public init(_ reason: Reason, _ message: String, retryAfter: Double? = nil, providerCode: String? = nil, cost: Money? = nil) {
        self.reason = reason
        self.message = message
        self.retryAfter = retryAfter
        self.providerCode = providerCode
        self.cost = cost
    }

    /// The ``providerCode`` of a request that went out and whose answer was lost (no answer in
    /// time, the connection closed under it): the provider may have done the work, and been paid.
    public static let answerLost = "answer-lost"

    /// `lost` (an ``answerLost`` failure) as a failure for good: the request may have been
    /// paid, so the run does not send it again; the person's next request makes a new one.
    public static func notResent(_ lost: JobFailure) -> JobFailure {
        JobFailure(.failed, lost.message + "; the request had gone out and may have been paid, so it is not sent again on its own "
                       + "(ask again to make a new one)", providerCode: answerLost)
    }

    public var description: String {
        var text = "\(reason.rawValue): \(message)"
        if let providerCode { text += " [\(providerCode)]" }
        return text
    }

    /// Classifies any error a runner threw.
    public static func classify(_ error: any Error) -> JobFailure {
        if let failure = error as? JobFailure { return failure }
        if let reel = error as? ReelError {
            let reason: Reason
            switch reel.code {
            case .temporary: reason = .transient
            case .refused: reason = .auth
            case .usage, .invalidInput, .configuration, .notFound: reason = .invalidRequest
            default: reason = .failed
            }
            var message = reel.message
            if let hint = reel.hint { message += " (\(hint))" }
            return JobFailure(reason, message)
        }
        return JobFailure(.failed, String(describing: error))
    }
}
