import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore
import Synchronization

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
    /// Inputs hashed and found whole on this machine: each is read once, not once a job.
    let verified = VerifiedBlobs()
    let counts = Mutex((done: 0, failed: 0))
    /// Set when the shift ends: the jobs it then cancels were handed back, not lost.
    let stopping = Mutex(false)
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
        /// Its provider is done and its result downloading: it takes no slot.
        var fetching = false
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
            database.listenForWork()
            group.addTask { try await self.claimWhileFree() }
            // Either ends only by an error or cancellation: the other goes with it.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Ends the shift: every job still held is cancelled and goes back to the queue (its
    /// provider's job id, if any, is in the journal: whoever takes it polls it).
    func stop() async throws {
        stopping.withLock { $0 = true }
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
            let free = options.slots - holding.withLock { $0.values.count { !$0.fetching } }
            let rung = database.jobQueued.rung
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
                // Idle until a job is queued anywhere in the studio, or the next look (a
                // request to stop is seen then).
                await database.jobQueued.wait(atMost: .seconds(options.idle), since: rung)
                try Task.checkCancellation()
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
                events?.yield(stopping.withLock { $0 } ? .handedBack(project: project, label: label) : .lost(project: project, label: label))
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
        // Bytes are trusted by their name only after they hash to it, on this machine too
        // (the run hashed them on its own before it handed the job over).
        for asset in claim.job.inputs where !verified.check(asset, in: blobs) {
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
            onSubmitted: { [self] handle in
                submitted.withLock { $0 = true }
                // Said first: should the journal be out of reach, the provider's job id is in the log.
                events?.yield(.submitted(project: claim.project, label: node.label, provider: handle.provider.rawValue, job: handle.jobID))
                // The job is paid for: a journal away for a moment (a restart) is waited for, and
                // one that stays away does not fail it — this worker polls the job it holds (one
                // that takes it over sends the same idempotency key, where the provider takes one).
                await settle { try await journal.record(.submitted(handle), for: key, node: node) }
            },
            onProgress: { [self] fraction in holding.withLock { $0[holdKey]?.progress = fraction } })
        do {
            let output: NodeOutput
            switch try await runner.start(node, context: context) {
            case .done(let done):
                output = done
            case .fetch(let fetch):
                // The provider's slot is free for the studio's next job while this downloads, and
                // so is this worker's (as a run on one machine frees its slot). Said without
                // waiting: the download starts at once, whatever the database is doing.
                holding.withLock { $0[holdKey]?.fetching = true }
                let (database, freed, worker) = (self.database, self.freed, me.id)
                Task {
                    try? await database.fetching(claim, worker: worker)
                    freed.yield()
                }
                output = try await fetch()
            }
            guard blobs.contains(output.asset) else {
                throw JobFailure(.failed, "the runner reported \(output.asset.digest.short) but the media store does not hold it")
            }
            return output
        } catch let error as ReelError where Toolchain.isMissing(error) || (error.code == .configuration && !submitted.withLock({ $0 })) {
            // Something this machine lacks (a tool, a workflow file, a key): another worker, or
            // the run itself, may have it. Nothing was sent to a provider — or its job id is
            // journaled (a tool missing to fetch the result): whoever takes the job polls it.
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
