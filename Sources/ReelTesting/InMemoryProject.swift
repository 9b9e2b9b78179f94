import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// A project's repository and job journal in memory, sharing their facts the way the SQLite
/// ones share a database: the repository sees the jobs the journal records. For Studio tests
/// that test decisions, not storage; it passes the same contract suite as SQLite.
public actor InMemoryProject: ProjectRepository, JobJournal {
    private struct Job {
        var entry: JournalEntry
        var node: GraphNode
        var providerJobID: String?
        var updated: Date
        /// Order of the last write, so that jobs written in the same instant still sort.
        var sequence: Int
    }

    private struct Run {
        var finished = false
        var cached = 0
    }

    private var storyboard: Storyboard?
    private var shots: Set<ShotID> = []
    private var edits: [ShotID: ShotEdit] = [:]
    private var cast: [SubjectID: CastEntry] = [:]
    private var consents: [ConsentEvent] = []
    private var takeRequests: [Take] = []
    private var pickByShot: [TakeKind: [ShotID: TakeID]] = [:]
    private var autoPicked: Set<ShotID> = []
    private var noteList: [ShotNote] = []
    private var jobsByKey: [CacheKey: Job] = [:]
    private var ledger: [Money] = []
    private var succeededTransitions = 0
    private var runs: [Run] = []
    private var sequence = 0
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    // MARK: JobJournal

    public func entry(for key: CacheKey) -> JournalEntry? { jobsByKey[key]?.entry }

    public func record(_ state: JobState, for key: CacheKey, node: GraphNode) {
        sequence += 1
        var job = jobsByKey[key] ?? Job(entry: JournalEntry(key: key, state: .pending, attempts: 0), node: node,
                                        updated: now(), sequence: sequence)
        job.entry.record(state)
        job.node = node
        job.updated = now()
        job.sequence = sequence
        switch state {
        case .submitted(let handle): job.providerJobID = handle.jobID
        case .succeeded(let output):
            succeededTransitions += 1
            if let cost = output.cost, cost.micros != 0 { ledger.append(cost) }
        case .failed(let failure):
            if let cost = failure.cost, cost.micros != 0 { ledger.append(cost) }
        default: break
        }
        jobsByKey[key] = job
    }

    // MARK: ProjectRepository

    public func loadStoryboard() -> Storyboard? { storyboard }

    public func saveStoryboard(_ storyboard: Storyboard, fingerprints: [ShotID: String], scriptDigest: String?) {
        self.storyboard = storyboard
        shots.formUnion(storyboard.shots.map(\.id))
    }

    public func knownShotIDs() -> Set<ShotID> { shots }

    public func shotEdits() -> [ShotID: ShotEdit] { edits }

    public func castEntries() -> [SubjectID: CastEntry] { cast }

    public func consentEvents() -> [ConsentEvent] { consents }

    public func appendConsentEvent(_ event: ConsentEvent) { consents.append(event) }

    public func saveCastEntry(_ entry: CastEntry, for subject: SubjectID) { cast[subject] = entry }

    public func saveShotEdit(_ edit: ShotEdit?, for shot: ShotID) { edits[shot] = edit }

    public func takes(of shot: ShotID?, kind: TakeKind) -> [Take] {
        Take.markingDuplicates(takeRequests.filter { (shot == nil || $0.shot == shot) && $0.kind == kind }
            .sorted { ($0.shot.rawValue, $0.number) < ($1.shot.rawValue, $1.number) }
            .map { request in
                var take = request
                guard let job = jobsByKey.values.filter({ $0.node.id == take.node })
                    .max(by: { ($0.updated, $0.sequence) < ($1.updated, $1.sequence) }) else { return take }
                take.state = job.entry.state.takeState
                take.attempts = job.entry.attempts
                take.providerJobID = job.providerJobID
                take.updatedAt = job.updated
                func finished(_ node: String) -> NodeOutput? {
                    guard let done = jobsByKey.values.filter({ $0.node.id == NodeID(node) && $0.entry.state.name == "succeeded" })
                        .max(by: { ($0.updated, $0.sequence) < ($1.updated, $1.sequence) }),
                          case .succeeded(let output) = done.entry.state else { return nil }
                    return output
                }
                take.verdict = try? finished("check:\(take.id)")?.details?.decode(TakeVerdict.self)
                take.critique = try? finished("critique:\(take.id)")?.details?.decode(TakeCritique.self)
                return take
            })
    }

    /// All or none, like a transaction.
    public func addTakes(_ takes: [Take]) throws {
        var ids = Set(takeRequests.map(\.id))
        for take in takes where !ids.insert(take.id).inserted {
            throw ReelError(.internalError, "take \(take.id) is already recorded")
        }
        takeRequests += takes
    }

    public func pick(_ take: TakeID, for shot: ShotID, kind: TakeKind, auto: Bool) {
        pickByShot[kind, default: [:]][shot] = take
        if kind == .video { if auto { autoPicked.insert(shot) } else { autoPicked.remove(shot) } }
    }

    public func automaticPicks() -> Set<ShotID> { autoPicked }

    public func changeToken() -> String {
        "\(sequence)|\(takeRequests.count)|\(pickByShot.values.flatMap { $0.map { "\($0.key)=\($0.value)" } }.sorted())|"
            + "\(noteList.count)/\(noteList.filter(\.isWithdrawn).count)|\(edits.count)|\(cast.count)|\(consents.count)|\(storyboard?.shots.count ?? 0)"
    }

    public func notes(of shot: ShotID?) -> [ShotNote] { noteList.filter { shot == nil || $0.shot == shot } }

    public func addNote(_ note: ShotNote) throws -> ShotNote {
        guard shots.contains(note.shot) else { throw ReelError(.internalError, "no shot \(note.shot) is recorded") }
        var note = note
        note.id = Int64(noteList.count + 1)
        noteList.append(note)
        return note
    }

    public func withdrawNote(_ id: Int64, at: Date, by: String?) -> ShotNote? {
        guard let i = noteList.firstIndex(where: { $0.id == id }) else { return nil }
        if noteList[i].withdrawnAt == nil {
            noteList[i].withdrawnAt = at
            noteList[i].withdrawnBy = by
        }
        return noteList[i]
    }

    public func picks(kind: TakeKind) -> [ShotID: TakeID] { pickByShot[kind] ?? [:] }

    public func unpick(_ shot: ShotID, kind: TakeKind) -> TakeID? {
        if kind == .video { autoPicked.remove(shot) }
        return pickByShot[kind]?.removeValue(forKey: shot)
    }

    public func jobs(states: Set<String>) -> [JobSummary] {
        jobsByKey.values
            .filter { states.isEmpty || states.contains($0.entry.state.name) }
            .sorted { ($0.updated, $0.sequence) > ($1.updated, $1.sequence) }
            .map { job in
                let failure: JobFailure? = if case .failed(let f) = job.entry.state { f } else { nil }
                return JobSummary(node: job.node.id.rawValue, kind: job.node.spec.kind.rawValue,
                                  provider: job.node.spec.provider.rawValue, shot: job.node.shot?.rawValue,
                                  state: job.entry.state.name, failureReason: failure?.reason.rawValue,
                                  message: failure?.message, providerJobID: job.providerJobID,
                                  attempts: job.entry.attempts, updatedAt: job.updated)
            }
    }

    public func spent() -> [Money] { Self.totals(ledger) }

    public func stats() -> ProjectStats {
        let committed = jobsByKey.values.compactMap { job -> Money? in
            switch job.entry.state {
            case .submitted, .running: job.node.estimatedCost
            default: nil
            }
        }
        let picked = Set(picks(kind: .video).keys)
        let videos = takeRequests.filter { $0.kind == .video }
        let attempts = videos.filter { picked.contains($0.shot) }.count
        return ProjectStats(
            jobsByState: Dictionary(grouping: jobsByKey.values, by: { $0.entry.state.name }).mapValues(\.count),
            runs: runs.count, unfinishedRuns: runs.filter { !$0.finished }.count,
            cacheHits: runs.reduce(0) { $0 + $1.cached }, jobsRun: succeededTransitions,
            spent: spent(), committed: Self.totals(committed), takes: videos.count, pickedShots: picked.count,
            attemptsPerPickedShot: picked.isEmpty ? nil : Double(attempts) / Double(picked.count))
    }

    public func startRun(command: String, startedAt: Date) -> Int64 {
        runs.append(Run())
        return Int64(runs.count)
    }

    public func finishRun(_ run: Int64, summary: RunSummary) {
        guard runs.indices.contains(Int(run) - 1) else { return }
        runs[Int(run) - 1] = Run(finished: true, cached: summary.cached)
    }

    private static func totals(_ amounts: [Money]) -> [Money] { Money.totals(amounts) }
}
