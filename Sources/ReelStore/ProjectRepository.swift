import Foundation
import ReelEngine
import ReelModel

/// Everything a project keeps besides its jobs: the storyboard, takes, picks, money and
/// runs. Use cases hold it as `any ProjectRepository`; every implementation passes the same
/// contract suite (RepositoryContractTests).
public protocol ProjectRepository: Sendable {
    func loadStoryboard() async throws -> Storyboard?
    /// Saves the storyboard; shots not in it are kept as retired (their ids never return).
    func saveStoryboard(_ storyboard: Storyboard, fingerprints: [ShotID: String], scriptDigest: String?) async throws
    /// The user's edits, by shot; they outlive re-plans (and a retired shot's stay unused).
    func shotEdits() async throws -> [ShotID: ShotEdit]
    /// Records the user's edit of a shot, replacing the previous one; nil removes it.
    func saveShotEdit(_ edit: ShotEdit?, for shot: ShotID) async throws
    /// The user's cast, by subject id.
    func castEntries() async throws -> [SubjectID: CastEntry]
    /// Records a subject as the user added or changed it, replacing the previous entry.
    func saveCastEntry(_ entry: CastEntry, for subject: SubjectID) async throws
    /// The consent ledger, oldest first.
    func consentEvents() async throws -> [ConsentEvent]
    /// Appends a grant or a revocation to the consent ledger (nothing in it ever changes).
    func appendConsentEvent(_ event: ConsentEvent) async throws
    /// Every shot id the project has ever used, retired ones included.
    func knownShotIDs() async throws -> Set<ShotID>
    /// The takes of one kind of `shot` (every shot's when nil), each in its job's state, by
    /// shot then number. Video takes and keyframes are numbered apart.
    func takes(of shot: ShotID?, kind: TakeKind) async throws -> [Take]
    /// Records takes as asked for, of either kind (their state is their job's, not stored with them).
    func addTakes(_ takes: [Take]) async throws
    /// Makes `take` the pick of its kind for `shot`: the video take the cut uses, or the
    /// keyframe its video takes start from. `auto`: chosen by `pick --auto`, not a person.
    func pick(_ take: TakeID, for shot: ShotID, kind: TakeKind, auto: Bool) async throws
    func picks(kind: TakeKind) async throws -> [ShotID: TakeID]
    /// Removes the pick of its kind for `shot` (the cut goes back to choosing, or the takes
    /// start from the words); returns the take that was picked, nil when none was.
    func unpick(_ shot: ShotID, kind: TakeKind) async throws -> TakeID?
    /// The shots whose video pick `pick --auto` made.
    func automaticPicks() async throws -> Set<ShotID>
    /// The review notes of `shot` (every shot's when nil), oldest first.
    func notes(of shot: ShotID?) async throws -> [ShotNote]
    /// Records a note; returns it with its id (the `id` passed is ignored).
    func addNote(_ note: ShotNote) async throws -> ShotNote
    /// Marks note `id` withdrawn (`at`, `by`) unless it already is; returns it, or nil when
    /// there is no such note.
    func withdrawNote(_ id: Int64, at: Date, by: String?) async throws -> ShotNote?
    /// A token that changes whenever anything a studio shows changes: the storyboard, an edit,
    /// the cast, a take or its job, a pick, a note. Cheap: the live view asks it every second.
    func changeToken() async throws -> String
    /// Jobs in any of `states` (``JobState/name``; all when empty), the newest first.
    func jobs(states: Set<String>) async throws -> [JobSummary]
    /// What providers charged, per currency.
    func spent() async throws -> [Money]
    func stats() async throws -> ProjectStats
    /// Records that a run of the engine starts, before it runs anything: a run that is
    /// killed still counts. Returns the run's id for ``finishRun(_:summary:)``.
    func startRun(command: String, startedAt: Date) async throws -> Int64
    /// Records how a started run ended (its totals and cache hits).
    func finishRun(_ run: Int64, summary: RunSummary) async throws
}

extension ProjectRepository {
    /// The video takes of `shot` (every shot's when nil).
    public func takes(of shot: ShotID?) async throws -> [Take] { try await takes(of: shot, kind: .video) }
    /// Makes `take` the video take the cut uses for `shot`.
    public func pick(_ take: TakeID, for shot: ShotID) async throws { try await pick(take, for: shot, kind: .video, auto: false) }
    /// Makes `take` the pick of its kind for `shot`, as a person's choice.
    public func pick(_ take: TakeID, for shot: ShotID, kind: TakeKind) async throws {
        try await pick(take, for: shot, kind: kind, auto: false)
    }
    /// The video take each picked shot's cut uses.
    public func picks() async throws -> [ShotID: TakeID] { try await picks(kind: .video) }
}
