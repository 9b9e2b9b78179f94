import Foundation
import ReelEngine
import ReelModel
import ReelStore
import Synchronization

/// What a worker needs to make the runners of a project's jobs: the project's settings as
/// its files say them (`reel.yaml`, `models.yaml`). Keys are never in it: each worker has
/// its own, from its environment or credentials file.
struct WorkSetup: Codable, Sendable {
    var config: String
    var models: String?

    init(config: String, models: String?) {
        self.config = config
        self.models = models
    }

    /// The project's files without their comments; nil when they carry what looks like a
    /// secret (a password in a base URL, a key in a query): those never go into the database,
    /// so that project's jobs run where its settings are.
    init?(_ production: Production) {
        let directory = production.workspace.projectDirectory
        func read(_ name: String) -> String? {
            directory.flatMap { try? String(contentsOf: $0.appendingPathComponent(name), encoding: .utf8) }
                .map { text in text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n") }
        }
        let (config, models) = (read("reel.yaml") ?? "", read("models.yaml"))
        for text in [config, models ?? ""] where Self.looksSecret(text) { return nil }
        self.init(config: config, models: models)
    }

    static func looksSecret(_ text: String) -> Bool {
        text.range(of: #"://[^\s/@"']+@"#, options: .regularExpression) != nil
            || text.range(of: #"[?&](key|api_key|apikey|token|access_token|secret|signature)="#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    var text: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }
}

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
    public func workers(required: Bool = true) async throws -> WorkersReport {
        guard StudioSettings.current.database != nil || required else {
            return WorkersReport(database: nil, workers: [], runs: [], waiting: [:], budgets: [])
        }
        let database = try Self.studioDatabase()
        return WorkersReport(database: database.location, workers: try await database.workerStatuses(), runs: try await database.workers(),
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
    /// when the path holds the studio's latest files.
    static func markMedia(_ root: URL, of database: StudioDatabase, store: DirectoryBlobStore) async throws {
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
        guard latest.isEmpty || latest.contains(where: store.contains) else {
            throw ReelError(.configuration, "the studio has media, but not on this path (it has no .reel-studio mark)", at: root.path,
                            hint: "mount the studio's shared media volume here (the path its other machines use), then start again")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let staged = root.appendingPathComponent(".reel-studio.\(getpid()).tmp")
        try Data((id + "\n").utf8).write(to: staged)
        guard rename(staged.path, mark.path) == 0 else {
            try? FileManager.default.removeItem(at: staged)
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
        let blobs = try DirectoryBlobStore(root: media, sharedBetweenMachines: true)
        try await Self.markMedia(media, of: database, store: blobs)
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

/// One worker's time at work: its claims, their tasks, its heartbeat.
final class WorkerShift: Sendable {
    let studio: Studio
    let database: StudioDatabase
    let blobs: DirectoryBlobStore
    let me: WorkerStatus
    let options: WorkerOptions
    let events: AsyncStream<WorkerEvent>.Continuation?
    /// The jobs it holds, by claim (`ticket#claims`: a job it claims again after its lease ran
    /// out is another claim): their ticket, progress and task.
    let holding = Mutex<[String: Held]>([:])
    /// `project|provider` pairs it has no runner for.
    let cannotRun = Mutex<Set<String>>([])
    let registries = Mutex<[String: RunnerRegistry]>([:])
    let counts = Mutex((done: 0, failed: 0))
    /// The database failed its last statement (said once until it answers again).
    let trouble = Mutex(false)
    /// When the database last renewed its leases: past a lease ago, its jobs may be another's.
    let lastBeat = Mutex(ContinuousClock.now)
    /// Wakes the claiming loop when a slot frees.
    let freed: AsyncStream<Void>.Continuation
    let slotsFreed: AsyncStream<Void>

    struct Held {
        var ticket: String
        var progress: Double?
        var task: Task<Void, Never>
    }

    init(studio: Studio, database: StudioDatabase, blobs: DirectoryBlobStore, me: WorkerStatus, options: WorkerOptions,
         events: AsyncStream<WorkerEvent>.Continuation?) {
        self.studio = studio
        self.database = database
        self.blobs = blobs
        self.me = me
        self.options = options
        self.events = events
        (slotsFreed, freed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    static func holdKey(_ claim: WorkClaim) -> String { "\(claim.ticket)#\(claim.claims)" }

    func run() async throws {
        let freed = self.freed
        options.drain?.wake.withLock { $0 = { freed.yield() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.beat() }
            group.addTask { try await self.watch() }
            group.addTask { try await self.claimWhileFree() }
            // Either ends only by an error or cancellation: the other goes with it.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Ends the shift: every job still held is cancelled and goes back to the queue (its
    /// provider's job id, if any, is in the journal: whoever takes it polls it).
    func stop() async throws {
        let tasks = holding.withLock { $0.values.map(\.task) }
        tasks.forEach { $0.cancel() }
        // Each is given a lease to end (a job stuck on a dead connection does not keep the
        // worker alive: its lease runs out and another worker takes it over).
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for task in tasks { await task.value } }
            group.addTask { try? await Task.sleep(for: .seconds(self.options.lease)) }
            await group.next()
            group.cancelAll()
        }
        try await database.stopWorker(me.id)
        let (done, failed) = counts.withLock { $0 }
        events?.yield(.stopped(done: done, failed: failed))
    }

    /// Claims jobs while it has free slots; waits for a slot, or a moment when the queue is empty.
    func claimWhileFree() async throws {
        var wake = slotsFreed.makeAsyncIterator()
        var drainSaid = false
        var claimMayHaveLanded = false
        while !Task.isCancelled {
            if let drain = options.drain, drain.requested {
                let held = holding.withLock { $0.count }
                if !drainSaid { events?.yield(.draining(held: held)) }
                drainSaid = true
                if held == 0 { return }
                _ = await wake.next()
                continue
            }
            let free = options.slots - holding.withLock { $0.count }
            var claimed: [WorkClaim] = []
            if free > 0 {
                do {
                    if claimMayHaveLanded {
                        // A claim whose answer was lost may have committed: its rows go back.
                        try await database.requeueUnheld(worker: me.id, holding: holding.withLock { $0.values.map(\.ticket) })
                        claimMayHaveLanded = false
                    }
                    claimed = try await database.claim(worker: me.id, count: free, version: me.version, kinds: options.kinds,
                                                       lease: options.lease, skipping: cannotRun.withLock { Array($0) })
                    reached()
                } catch {
                    claimMayHaveLanded = true
                    try await unreachable(error)
                    continue
                }
                for claim in claimed { start(claim) }
            }
            if free <= 0 {
                _ = await wake.next()
            } else if claimed.isEmpty {
                // Idle until the next look (a request to stop is seen then).
                try await Task.sleep(for: .seconds(options.idle))
            }
        }
    }

    /// Keeps its leases (a third of a lease apart), passes on progress, and stops the jobs
    /// whose claim is no longer its own. A worker that could not renew its leases for a whole
    /// lease stops its jobs (another may have taken them over). Refuses to go on under a
    /// newer Reel's schema.
    func beat() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(options.lease / 3))
            let snapshot = holding.withLock { $0 }
            let held = snapshot.values.map { (ticket: $0.ticket, progress: $0.progress) }
            let sent = ContinuousClock.now
            let kept: Set<String>, newer: [String]
            do {
                kept = try await database.heartbeat(worker: me.id, holding: held, lease: options.lease)
                newer = try await database.newerSchema()
                lastBeat.withLock { $0 = max($0, sent) }
                reached()
            } catch {
                try await unreachable(error)
                continue
            }
            // Only those it asked about: a job claimed meanwhile was not in the question.
            let asked = Set(snapshot.keys)
            drop { key, held in asked.contains(key) && !kept.contains(held.ticket) }
            guard newer.isEmpty else {
                throw ReelError(.configuration, "the studio database was upgraded by a newer Reel (schema \(newer.joined(separator: ", "))), so this worker (\(me.version)) stops",
                                at: database.location, hint: "update Reel on this machine to the studio's version and start the worker again")
            }
        }
    }

    /// The worker's own clock, apart from the database: when its leases were last renewed
    /// (counted from when the heartbeat was sent) two thirds of a lease ago, it drops every
    /// job — even while a heartbeat hangs on a dead connection — so none goes on after another
    /// worker may have taken it over.
    func watch() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(options.lease / 6))
            if ContinuousClock.now - lastBeat.withLock({ $0 }) > .seconds(options.lease * 2 / 3) {
                drop { _, _ in true }
            }
        }
    }

    /// Stops the jobs that are no longer its own (withdrawn, taken over, or its leases ran
    /// out) and frees their slots at once: a job stuck on a dead connection does not hold one.
    func drop(_ gone: (String, Held) -> Bool) {
        let dropped = holding.withLock { holding in
            let keys = holding.filter { gone($0.key, $0.value) }.map(\.key)
            return keys.compactMap { holding.removeValue(forKey: $0) }
        }
        dropped.forEach { $0.task.cancel() }
        if !dropped.isEmpty { freed.yield() }
    }

    /// The database failed a statement (restarting, a network blip): said once, then the
    /// worker waits a moment and goes on; its jobs go on meanwhile.
    func unreachable(_ error: any Error) async throws {
        if error is CancellationError { throw error }
        let first = trouble.withLock { trouble in
            defer { trouble = true }
            return !trouble
        }
        if first { events?.yield(.databaseAway((error as? ReelError)?.message ?? "\(error)")) }
        try await Task.sleep(for: .seconds(1))
    }

    func reached() {
        let wasAway = trouble.withLock { trouble in
            defer { trouble = false }
            return trouble
        }
        if wasAway { events?.yield(.databaseBack) }
    }

    func start(_ claim: WorkClaim) {
        let label = claim.job.label
        events?.yield(.took(project: claim.project, label: label, tookOver: claim.tookOver))
        holding.withLock { held in
            held[Self.holdKey(claim)] = Held(ticket: claim.ticket, progress: nil, task: Task { await self.perform(claim) })
        }
    }

    /// Runs one claimed job and writes its end (once, while the claim is its own).
    func perform(_ claim: WorkClaim) async {
        defer {
            holding.withLock { _ = $0.removeValue(forKey: Self.holdKey(claim)) }
            freed.yield()
        }
        let (project, label, started) = (claim.project, claim.job.label, Date())
        let end: Result<NodeOutput, JobFailure>
        do {
            guard let output = try await run(claim) else { return }
            end = .success(output)
        } catch {
            if error is CancellationError || Task.isCancelled {
                // Withdrawn, taken over, or the worker stops: let go, so the run may queue it anew.
                await settle { try await self.database.release(claim, worker: self.me.id) }
                events?.yield(.lost(project: project, label: label))
                return
            }
            // The studio database away for a moment is not the job's fault: the run tries again.
            let failure = (error as? ReelError)?.code == .unavailable
                ? JobFailure(.transient, (error as? ReelError)?.message ?? "the studio database is away") : JobFailure.classify(error)
            end = .failure(failure)
            if failure.reason == .rateLimited {
                // The team's account is over its rate: every worker waits, not only this one.
                await settle { try await self.database.pause(provider: claim.job.spec.provider.rawValue, seconds: failure.retryAfter ?? 5) }
            }
        }
        // Written once, even as the worker stops: a finished job is not made again.
        let written = await settle { try await self.database.finish(claim, worker: self.me.id, with: end) } ?? false
        guard written else {
            events?.yield(.lost(project: project, label: label))
            return
        }
        switch end {
        case .success:
            counts.withLock { $0.done += 1 }
            events?.yield(.finished(project: project, label: label, seconds: Date().timeIntervalSince(started)))
        case .failure(let failure):
            counts.withLock { $0.failed += 1 }
            events?.yield(.failed(project: project, label: label, failure))
        }
    }

    /// Runs a statement outside the job's task (which may be cancelled: the worker stops),
    /// tried again while the database is away, for at most a lease; nil when it never got through.
    @discardableResult
    func settle<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async -> T? {
        let lease = options.lease
        return await Task.detached { [self] in
            let deadline = ContinuousClock.now + .seconds(lease)
            while true {
                do {
                    return try await body()
                } catch {
                    guard ContinuousClock.now < deadline else { return nil }
                    do { try await unreachable(error) } catch { return nil }
                }
            }
        }.value
    }

    /// The job's output; nil when this worker cannot run it (it went back to the queue).
    func run(_ claim: WorkClaim) async throws -> NodeOutput? {
        let node = claim.job.graphNode
        let runner: any NodeRunner
        do {
            guard let found = try registry(claim.setup, project: claim.project).runner(for: node) else {
                throw ReelError(.configuration, "no runner for \(node.spec.kind) on \(node.spec.provider) here")
            }
            runner = found
        } catch {
            try await giveBack(claim, because: error)
            return nil
        }
        // Bytes are trusted by their name only after they hash to it, on this machine too.
        for asset in claim.job.inputs where !blobs.verify(asset) {
            throw JobFailure(.transient, "an input of \(node.label) (\(asset.digest.short)) is missing or damaged in the media store")
        }
        let journal = PostgresJournal(database.project(claim.project))
        let key = claim.job.key
        let resume = QueuedJob.resume(from: try await journal.entry(for: key))
        let submitted = Mutex(resume != nil)
        let (holdKey, events) = (Self.holdKey(claim), self.events)
        let context = JobContext(
            key: key, inputs: claim.job.inputs, blobs: blobs, attempt: claim.job.attempt, resume: resume,
            idempotencyKey: claim.job.idempotencyKey,
            onSubmitted: { handle in
                submitted.withLock { $0 = true }
                // Said first: should the journal be out of reach, the provider's job id is in the log.
                events?.yield(.submitted(project: claim.project, label: node.label, provider: handle.provider.rawValue, job: handle.jobID))
                try await journal.record(.submitted(handle), for: key, node: node)
            },
            onProgress: { [self] fraction in holding.withLock { $0[holdKey]?.progress = fraction } })
        do {
            let output = switch try await runner.start(node, context: context) {
            case .done(let output): output
            case .fetch(let fetch): try await fetch()
            }
            guard blobs.contains(output.asset) else {
                throw JobFailure(.failed, "the runner reported \(output.asset.digest.short) but the media store does not hold it")
            }
            return output
        } catch let error as ReelError where error.code == .configuration && !submitted.withLock({ $0 }) {
            // Something this machine lacks (a tool, a workflow file, a key): another worker, or
            // the run itself, may have it. Nothing was sent to a provider.
            try await giveBack(claim, because: error)
            return nil
        }
    }

    /// Puts a job back for another worker (or its run): this machine cannot run it.
    func giveBack(_ claim: WorkClaim, because error: any Error) async throws {
        cannotRun.withLock { _ = $0.insert("\(claim.project)|\(claim.job.spec.provider)") }
        try await database.giveBack(claim, worker: me.id)
        events?.yield(.gaveBack(project: claim.project, label: claim.job.label, reason: (error as? ReelError)?.message ?? "\(error)"))
    }

    /// The runners of a project's jobs, made once per settings text.
    func registry(_ setup: String, project: String) throws -> RunnerRegistry {
        if let made = registries.withLock({ $0[setup] }) { return made }
        let files = try JSONDecoder().decode(WorkSetup.self, from: Data(setup.utf8))
        let config = try ProjectConfig.parse(files.config, file: "reel.yaml of project \(project)")
        var directory: URL?
        if let models = files.models {
            let folder = blobs.scratchURL(extension: "setup")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try models.write(to: folder.appendingPathComponent("models.yaml"), atomically: true, encoding: .utf8)
            directory = folder
        }
        let providers = try studio.providerSetup(config: config, projectDirectory: directory)
        let made = studio.runners(studio.generators(providers))
        registries.withLock { $0[setup] = made }
        return made
    }
}
