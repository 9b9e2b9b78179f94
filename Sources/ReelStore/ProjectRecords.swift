import Foundation
import ReelEngine
import ReelModel

/// One take of a shot, as requested: which provider and model, which seed, and which
/// version of the shot it was made from.
public struct TakeRecord: Hashable, Sendable, Codable {
    /// `S01-02#3`.
    public var id: TakeID
    public var shot: ShotID
    /// 1, 2, 3…: never reused, even when the shot changes.
    public var number: Int
    public var provider: ProviderID
    public var model: String
    public var seed: UInt64
    /// The version of the shot the take was made from; a take of an older version is outdated.
    public var fingerprint: String
    /// The job graph node that makes it.
    public var node: NodeID
    public var createdAt: Date
    /// The length asked of the model when it differs from the shot's (no model makes that
    /// exact length); nil when it is the shot's.
    public var generatedMilliseconds: Int64?
    /// How the cut fits the take to the shot: `trim` (longer) or `hold` (last frame held).
    public var fit: String?

    public init(shot: ShotID, number: Int, provider: ProviderID, model: String, seed: UInt64, fingerprint: String,
                node: NodeID, createdAt: Date, generatedMilliseconds: Int64? = nil, fit: String? = nil) {
        self.generatedMilliseconds = generatedMilliseconds
        self.fit = fit
        self.id = TakeRecord.id(shot: shot, number: number)
        self.shot = shot
        self.number = number
        self.provider = provider
        self.model = model
        self.seed = seed
        self.fingerprint = fingerprint
        self.node = node
        self.createdAt = createdAt
    }

    public static func id(shot: ShotID, number: Int) -> TakeID { TakeID("\(shot.rawValue)#\(number)") }
}

/// A take with where its job stands.
public struct TakeStatus: Hashable, Sendable {
    public var record: TakeRecord
    /// `requested` (no job yet), `pending`, `submitted`, `running`, `succeeded`, `failed`, `cancelled`.
    public var state: String
    public var output: NodeOutput?
    public var failure: JobFailure?
    public var attempts: Int
    public var providerJobID: String?
    public var updatedAt: Date?

    public init(record: TakeRecord, state: String, output: NodeOutput? = nil, failure: JobFailure? = nil,
                attempts: Int = 0, providerJobID: String? = nil, updatedAt: Date? = nil) {
        self.record = record
        self.state = state
        self.output = output
        self.failure = failure
        self.attempts = attempts
        self.providerJobID = providerJobID
        self.updatedAt = updatedAt
    }

    public var succeeded: Bool { state == "succeeded" && output != nil }
}

/// A job as `reel status` shows it.
public struct JobRow: Hashable, Sendable, Codable {
    public var node: String
    public var kind: String
    public var provider: String
    public var shot: String?
    public var state: String
    public var failureReason: String?
    public var message: String?
    public var providerJobID: String?
    public var attempts: Int
    public var updatedAt: Date
}

/// The numbers `reel stats` reports.
public struct ProjectStats: Hashable, Sendable, Codable {
    public var jobsByState: [String: Int]
    /// Runs of the engine that started, finished or not.
    public var runs: Int
    /// Runs that started and never finished: killed, or running now.
    public var unfinishedRuns: Int
    /// Jobs served from the store instead of run, over the runs that finished.
    public var cacheHits: Int
    /// Jobs that ran to success (the journal's `succeeded` transitions), killed runs included.
    public var jobsRun: Int
    /// What providers charged, per currency.
    public var spent: [Money]
    /// Estimated cost of jobs submitted or running now, per currency.
    public var committed: [Money]
    public var takes: Int
    public var pickedShots: Int
    /// Takes made of the picked shots (at least one per pick): 1.0 is the ideal, teams
    /// typically see 1.3–1.5.
    public var attemptsPerPickedShot: Double?
}
