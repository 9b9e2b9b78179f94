import Foundation

/// How the cut fits a take to its shot when no model made that exact length.
public enum TakeFit: String, Hashable, Sendable, Codable {
    /// The model makes the shot's length.
    case exact
    /// The take is longer: the cut uses its start.
    case trim
    /// The take is shorter: its last frame is held.
    case hold
}

/// What a take makes: a video clip for the cut, or a keyframe (a still its video takes start from).
public enum TakeKind: String, Hashable, Sendable, Codable, CaseIterable {
    case video
    /// A still from an image model: cheap candidates to pick from before a video take is
    /// paid for. Its id is `S01-02#k3`.
    case keyframe
}

/// Where a take stands: the state of the job that makes it, typed.
public enum TakeState: Hashable, Sendable {
    /// Asked for; no job has been recorded yet.
    case requested
    case pending
    /// Accepted by the provider; its job id is ``Take/providerJobID``.
    case submitted
    case running
    case succeeded(NodeOutput)
    case failed(JobFailure)
    case cancelled

    /// `requested`, `pending`, `submitted`, `running`, `succeeded`, `failed` or `cancelled`:
    /// the word the JSON reports and the journal stores.
    public var name: String {
        switch self {
        case .requested: "requested"
        case .pending: "pending"
        case .submitted: "submitted"
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    /// True while a job may still finish it without being asked again.
    public var isUnfinished: Bool {
        switch self {
        case .requested, .pending, .submitted, .running: true
        case .succeeded, .failed, .cancelled: false
        }
    }
}

/// One attempt at a shot, the thing users pay for: which provider and model, which seed,
/// which version of the shot it was made from, and where its job stands.
public struct Take: Hashable, Sendable {
    /// `S01-02#3`; a keyframe's `S01-02#k3`.
    public var id: TakeID
    public var kind: TakeKind
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
    /// How the cut fits the take to the shot; nil when the model made its exact length.
    public var fit: TakeFit?
    public var state: TakeState
    /// Attempts its job has made, across runs.
    public var attempts: Int
    /// The provider's id for its job once one accepted it; kept after the job ends.
    public var providerJobID: String?
    /// When its job last changed; nil while no job has been recorded.
    public var updatedAt: Date?
    /// The real people whose likeness went with it (their reference images, or a frame of
    /// a take that showed them): it leaves every cut once their consent no longer holds.
    public var shows: [SubjectID] = []
    /// The notes (``ShotNote/id``) its request carried: the ones it answers.
    public var notes: [Int64] = []
    /// What its quality check found; nil until it is checked (or for a keyframe).
    public var verdict: TakeVerdict?
    /// What the project's critic (a vision model) said of it; nil without a critic, or until it answered.
    public var critique: TakeCritique?
    /// The pictures its request carried, in order: what it was made from (nil for takes
    /// made before Reel recorded them; empty for words alone).
    public var inputs: [TakeInput]?

    public init(shot: ShotID, number: Int, provider: ProviderID, model: String, seed: UInt64, fingerprint: String,
                node: NodeID, createdAt: Date, generatedMilliseconds: Int64? = nil, fit: TakeFit? = nil,
                state: TakeState = .requested, attempts: Int = 0, providerJobID: String? = nil, updatedAt: Date? = nil,
                shows: [SubjectID] = [], kind: TakeKind = .video, notes: [Int64] = [], verdict: TakeVerdict? = nil) {
        self.shows = shows
        self.notes = notes
        self.verdict = verdict
        self.kind = kind
        self.id = Take.id(shot: shot, number: number, kind: kind)
        self.shot = shot
        self.number = number
        self.provider = provider
        self.model = model
        self.seed = seed
        self.fingerprint = fingerprint
        self.node = node
        self.createdAt = createdAt
        self.generatedMilliseconds = generatedMilliseconds
        self.fit = fit
        self.state = state
        self.attempts = attempts
        self.providerJobID = providerJobID
        self.updatedAt = updatedAt
    }

    public static func id(shot: ShotID, number: Int, kind: TakeKind = .video) -> TakeID {
        TakeID("\(shot.rawValue)#\(kind == .keyframe ? "k" : "")\(number)")
    }

    /// The shot and kind an id names (``id(shot:number:kind:)`` read back).
    public static func parts(of id: TakeID) -> (shot: ShotID, kind: TakeKind) {
        let halves = id.rawValue.split(separator: "#", maxSplits: 1)
        return (ShotID(String(halves.first ?? "")), halves.count > 1 && halves[1].hasPrefix("k") ? .keyframe : .video)
    }

    /// The finished take's file and cost; nil unless it succeeded.
    public var output: NodeOutput? { if case .succeeded(let output) = state { output } else { nil } }
    /// Why its job failed; nil unless it did.
    public var failure: JobFailure? { if case .failed(let failure) = state { failure } else { nil } }
    public var succeeded: Bool { output != nil }
    /// Finished and not failed by its quality check (an unchecked take counts): what may be
    /// chosen without a person picking it.
    public var usable: Bool { succeeded && verdict?.passed != false }

    /// A take not made yet (unfinished, cancelled, or failed in a way trying again may mend):
    /// asking for it again resumes it instead of adding, and paying for, a new one. A take
    /// refused for good (moderation, a bad request) stays as it is.
    public var isResumable: Bool { !succeeded && (failure?.reason.isRetryable ?? true) }
}

/// A picture a take's request carried: a still it starts or ends on, a subject's reference
/// images (more than one: a sheet of them, as the model got them), or the frame a note is
/// about with its box drawn. Recorded with the take when it is asked for, so a take made
/// before the cast or the keyframe changed still says what it was made from.
public struct TakeInput: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable {
        case firstFrame = "first-frame", lastFrame = "last-frame", reference, note
    }

    public var role: Role
    /// For a first or last frame: the keyframe it is (`S01-02#k2`), or the take of the shot
    /// it continues whose last frame it is (`S01-01#3`).
    public var take: TakeID?
    /// For a reference: the subject it locks and its images (a sheet when more than one).
    public var subject: SubjectID?
    public var references: [Digest]?
    /// For a note's frame: the note (``ShotNote/id``).
    public var note: Int64?

    public init(role: Role, take: TakeID? = nil, subject: SubjectID? = nil, references: [Digest]? = nil, note: Int64? = nil) {
        self.role = role
        self.take = take
        self.subject = subject
        self.references = references
        self.note = note
    }

    /// True when the frame is a keyframe, not the last frame of a take.
    public var isKeyframe: Bool { take.map { Take.parts(of: $0).kind == .keyframe } == true }
}
