import Foundation
import ReelModel

/// A job as the journal last recorded it: what `reel status` lists.
public struct JobSummary: Hashable, Sendable, Codable {
    public var node: String
    public var kind: String
    public var provider: String
    public var shot: String?
    /// ``JobState/name``.
    public var state: String
    /// ``JobFailure/Reason`` of a failed job.
    public var failureReason: String?
    public var message: String?
    public var providerJobID: String?
    public var attempts: Int
    public var updatedAt: Date

    public init(node: String, kind: String, provider: String, shot: String?, state: String, failureReason: String?,
                message: String?, providerJobID: String?, attempts: Int, updatedAt: Date) {
        self.node = node
        self.kind = kind
        self.provider = provider
        self.shot = shot
        self.state = state
        self.failureReason = failureReason
        self.message = message
        self.providerJobID = providerJobID
        self.attempts = attempts
        self.updatedAt = updatedAt
    }
}
