import Foundation
import ReelEngine
import ReelModel
import ReelStore
import Synchronization

/// Who works in a studio: what `reel workers --json`, `GET /api/workers` and the MCP tool
/// `workers` answer.
public struct WorkersReport: Codable, Sendable {
    /// The studio database (never its password); nil outside a studio.
    public var database: String?
    /// The `reel worker` processes: alive, and those that stopped in the last hour.
    public var workers: [WorkerStatus]
    /// The runs that hold a project (`reel serve`, `reel generate`…), one machine each.
    public var runs: [StudioWorker]
    /// Jobs waiting for a worker, by project.
    public var waiting: [String: Int]
    /// What the studio may spend and has spent, per currency (`reel budget`).
    public var budgets: [StudioBudget]
}

/// How `reel worker` works.
public struct WorkerOptions: Sendable {
    /// What `reel workers` calls it (default: the machine's name).
    public var name: String
    /// Jobs it runs at once.
    public var slots: Int
    /// The kinds of job it takes (`video`, `conform`…); empty: every kind.
    public var kinds: [String]
    /// Seconds a job stays its own without a heartbeat; another worker takes over after.
    public var lease: Double
    /// Seconds between looks at the queue while it has free slots.
    public var idle: Double
    /// Set to stop taking jobs and return once those in hand have ended.
    public var drain: WorkerDrain?

    public init(name: String = ProcessInfo.processInfo.hostName, slots: Int = 2, kinds: [String] = [], lease: Double = 30,
                idle: Double = 0.2) {
        self.name = name
        self.slots = slots
        self.kinds = kinds
        self.lease = lease
        self.idle = idle
    }
}

/// Asks a worker to finish the jobs in its hands and take no more (a service manager's
/// SIGTERM, a first Ctrl-C); `work` then returns once they have ended.
public final class WorkerDrain: Sendable {
    let asked = Mutex(false)
    /// Wakes the worker's claim loop (set by the worker).
    let wake = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    public func request() {
        asked.withLock { $0 = true }
        wake.withLock { $0 }?()
    }

    public var requested: Bool { asked.withLock { $0 } }
}

/// What a worker tells as it works.
public enum WorkerEvent: Sendable {
    case started(WorkerStatus, database: String, media: String)
    /// It took a job (`tookOver`: from a worker whose lease ran out).
    case took(project: String, label: String, tookOver: Bool)
    /// The provider accepted the job; its id is in the journal (a worker that takes it over polls it).
    case submitted(project: String, label: String, provider: String, job: String)
    case finished(project: String, label: String, seconds: Double)
    case failed(project: String, label: String, JobFailure)
    /// Its claim ended before the job did (withdrawn by the run, or taken over): nothing written.
    case lost(project: String, label: String)
    /// Stopped by this worker's own stop (a second Ctrl-C): back in the queue for another.
    case handedBack(project: String, label: String)
    /// It cannot run this job (no adapter or key here); another worker may.
    case gaveBack(project: String, label: String, reason: String)
    /// The studio database failed a statement; the worker tries again each second.
    case databaseAway(String)
    case databaseBack
    /// Asked to stop: it takes no more jobs and finishes these.
    case draining(held: Int)
    case stopped(done: Int, failed: Int)
}

extension Studio {
    /// The studio's work queue for a production's run, when its state is in the studio database.
    /// A remote provider's jobs carry its limit (reel.yaml `limits`, else the default): the
    /// studio's workers together run no more of them at once, whichever runs queued them.
    func workQueue(_ production: Production, options: ExecutorOptions) -> (any WorkQueue)? {
        // Workers write into the studio's shared media path: a run that does not read it
        // (no --media / REEL_MEDIA) keeps its jobs, or it would not find what they made.
        guard let project = production.studio, production.workspace.sharedMedia, let setup = WorkSetup(production) else { return nil }
        let local = Set(Studio.localLimits().keys)
        return PostgresWorkQueue(project, version: ReelVersion.current, setup: setup.text,
                                 limit: { local.contains($0) ? nil : options.limit(for: $0) })
    }

    /// `reel workers`, `GET /api/workers`: the studio's worker processes, the runs that hold
    /// its projects, and the jobs waiting for a worker. Outside a studio database: nobody
    /// (`database` nil) when `required` is false, else a usage error.
    /// `projects`: folders of projects whose titles the jobs of the report carry (the server's).
    public func workers(required: Bool = true, titledFrom projects: [URL] = []) async throws -> WorkersReport {
        guard StudioSettings.current.database != nil || required else {
            return WorkersReport(database: nil, workers: [], runs: [], waiting: [:], budgets: [])
        }
        let database = try Self.studioDatabase()
        var titles: [String: String] = [:]
        for folder in projects {
            if let config = try? ProjectConfig.load(folder.appendingPathComponent(ProjectConfig.fileName)), let id = config.studioID {
                titles[id] = config.title ?? folder.lastPathComponent
            }
        }
        var statuses = try await database.workerStatuses()
        for w in statuses.indices {
            for j in statuses[w].jobs.indices { statuses[w].jobs[j].title = titles[statuses[w].jobs[j].project] }
        }
        return WorkersReport(database: database.location, workers: statuses, runs: try await database.lockHolders(),
                             waiting: try await database.waitingWork(), budgets: try await database.budgets())
    }

    /// `reel budget`: what the studio may spend and has spent, per currency; with `set`, the
    /// cap in its currency first; with `clear`, no cap in that currency any more.
    public func studioBudget(set cap: Money? = nil, clear currency: String? = nil) async throws -> (database: String, budgets: [StudioBudget]) {
        let database = try Self.studioDatabase()
        if let cap { try await database.setBudget(cap) }
        if let currency, try await !database.clearBudget(currency: currency) {
            throw ReelError(.notFound, "the studio has no budget in \(currency)", hint: "`reel budget` lists its budgets")
        }
        return (database.location, try await database.budgets())
    }

    /// A worker's media path carries the studio's id (`.reel-studio`): a machine whose shared
    /// volume is not mounted there — an empty local folder where the studio's media should be
    /// — is told so, instead of making (and paying for) everything into a folder no other
    /// machine sees. A path is marked the first time: when the studio has no media yet, or
    /// when the path holds the studio's latest files. Nothing is written on a path refused.
    static func markMedia(_ root: URL, of database: StudioDatabase) async throws {
        let id = try await database.studioID()
        let mark = root.appendingPathComponent(".reel-studio")
        if let found = try? String(contentsOf: mark, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            guard found == id else {
                throw ReelError(.configuration, "this media path belongs to another studio (its .reel-studio says \(found.prefix(8)), this studio is \(id.prefix(8)))",
                                at: root.path, hint: "give each studio database its own media path, and every machine of a studio the same one")
            }
            return
        }
        let latest = try await database.latestAssets()
        guard latest.isEmpty || latest.contains(where: { DirectoryBlobStore.contains($0, under: root) }) else {
            throw ReelError(.configuration, "the studio has media, but not on this path (it has no .reel-studio mark)", at: root.path,
                            hint: "mount the studio's shared media volume here (the path its other machines use), then start again")
        }
        // Written whole (a temporary file renamed).
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data((id + "\n").utf8).write(to: mark, options: .atomic)
        } catch {
            throw ReelError(.cannotWrite, "cannot mark the studio's media path", at: root.path, hint: "check that it is mounted and writable")
        }
    }

    static func studioDatabase() throws -> StudioDatabase {
        guard let address = StudioSettings.current.database else {
            throw ReelError(.usage, "no studio database to ask", hint: "name it with --database postgres://user@host/db (or REEL_DATABASE)")
        }
        return try StudioDatabase.shared(address)
    }

    /// `reel worker`: takes jobs from the studio's queue until cancelled, up to
    /// `options.slots` at a time, each run with the runners its project's settings make and
    /// this machine's keys. A provider's job id is journaled the moment it is known; a job
    /// whose worker died is taken over by polling that job. Returns once every job it held
    /// has ended or gone back to the queue.
    public func work(_ options: WorkerOptions, events: AsyncStream<WorkerEvent>.Continuation? = nil) async throws {
        let database = try Self.studioDatabase()
        try await database.ready()
        guard let media = StudioSettings.current.media else {
            throw ReelError(.usage, "a worker needs the studio's media path", hint: "name it with --media /mnt/reel-media (or REEL_MEDIA), as the studio's other machines do")
        }
        try await Self.markMedia(media, of: database)
        let blobs = try DirectoryBlobStore(root: media, sharedBetweenMachines: true)
        let me = WorkerStatus(id: UUID().uuidString.lowercased(), name: options.name, host: ProcessInfo.processInfo.hostName,
                              pid: Int(ProcessInfo.processInfo.processIdentifier), version: ReelVersion.current,
                              kinds: options.kinds, slots: options.slots, lease: options.lease, startedAt: Date(), seenAt: Date())
        try await database.register(me)
        events?.yield(.started(me, database: database.location, media: media.path))
        let shift = WorkerShift(studio: self, database: database, blobs: blobs, me: me, options: options, events: events)
        var ended: (any Error)?
        do {
            try await shift.run()
        } catch is CancellationError {
            // Stopped (Ctrl-C, SIGTERM): the usual end of a worker's shift.
        } catch {
            ended = error
        }
        // Not under the cancelled task: the jobs it held must reach the queue again.
        try await Task.detached { try await shift.stop() }.value
        if let ended { throw ended }
    }
}
