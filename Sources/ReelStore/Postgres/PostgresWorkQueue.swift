import Foundation
import PostgresNIO
import ReelEngine
import ReelModel
import Synchronization

/// A run's side of the studio's work queue: it hands a job to the workers (a row of `work`),
/// and waits for the row to say the job's end. One query a tick answers every job the run is
/// waiting for.
///
/// A row of the same job that is still in someone's hands — queued, or claimed by a live
/// worker (the run was restarted, or the graph holds the job twice) — is waited for, never
/// queued again; a row a worker finished whose file is in the store is its answer; an ended
/// row (failed, withdrawn) is queued anew under a new ticket once no worker holds it.
public final class PostgresWorkQueue: WorkQueue {
    let project: StudioProject
    /// The Reel that queues: only workers of the same version take its jobs.
    let version: String
    /// How a worker makes the runners of this project's jobs (its settings, never a key).
    let setup: String
    let tick: Duration
    /// The studio-wide limit of jobs at once a provider's jobs carry (nil: none, local work).
    let limit: @Sendable (ProviderID) -> Int?
    /// Who waits for each ticket (two nodes of one graph may be one job).
    let waiting = Mutex<[String: [Waiter]]>([:])
    /// How each ticket this run waited for ended, kept for the run: a node that found the
    /// ticket in hand (``enqueue``) but began waiting only after its twin was answered and
    /// the row removed takes the same answer — else it would be told the row was replaced,
    /// fail, and have the job made (and paid for) again.
    let answered = Mutex<[String: Result<NodeOutput, any Error>]>([:])
    /// Tickets this queue put in the table: only it removes their rows.
    let mine = Mutex<Set<String>>([])
    let polling = Mutex<Task<Void, Never>?>(nil)
    /// Withdrawals on their way to the table, by job key: queueing the same job again waits
    /// for its withdrawal first (else it could wait on the ticket being withdrawn).
    let withdrawing = Mutex<[String: (id: UUID, task: Task<Void, Never>)]>([:])
    let live = Mutex<(at: ContinuousClock.Instant, workers: [LiveWorker])?>(nil)

    struct Waiter {
        var id: UUID
        var kind: String
        var pair: String
        var continuation: CheckedContinuation<NodeOutput, any Error>
        var context: JobContext
    }

    struct LiveWorker {
        var id: String
        var kinds: [String]
        /// `project|provider` pairs it gave back: it has no adapter or key for them.
        var cannotRun: [String]
    }

    /// - Parameter limit: how many jobs of a provider the studio's workers run at once, all
    ///   runs together (the team's account limit); nil for work that has none.
    public init(_ project: StudioProject, version: String, setup: String, limit: @escaping @Sendable (ProviderID) -> Int? = { _ in nil },
                tick: Duration = .milliseconds(100)) {
        self.project = project
        self.version = version
        self.setup = setup
        self.limit = limit
        self.tick = tick
    }

    deinit { polling.withLock { $0?.cancel() } }

    /// Whether a live worker of this version takes `node`'s kind (and can run its provider).
    public func hasWorker(for node: GraphNode) async throws -> Bool {
        let pair = "\(project.id)|\(node.spec.provider)"
        return try await liveWorkers().contains { Self.takes($0, kind: node.spec.kind.rawValue, pair: pair) }
    }

    static func takes(_ worker: LiveWorker, kind: String, pair: String) -> Bool {
        (worker.kinds.isEmpty || worker.kinds.contains(kind)) && !worker.cannotRun.contains(pair)
    }

    /// The live workers of this version (asked at most once a second).
    func liveWorkers() async throws -> [LiveWorker] {
        if let known = live.withLock({ cached in cached.flatMap { ContinuousClock.now - $0.at < .seconds(1) ? $0.workers : nil } }) {
            return known
        }
        let workers = try await project.database.rows("""
            SELECT id, kinds, cannot_run FROM worker WHERE stopped_at IS NULL AND version = \(version)
              AND seen_at + lease > \(unescaped: StudioDatabase.now)
            """).map { try $0.decode((String, [String], [String]).self) }.map { LiveWorker(id: $0.0, kinds: $0.1, cannotRun: $0.2) }
        live.withLock { $0 = (.now, workers) }
        return workers
    }

    public func perform(_ job: QueuedJob, context: JobContext) async throws -> NodeOutput {
        switch try await enqueue(job, blobs: context.blobs) {
        case .answered(let output): return output
        case .waiting(let ticket): return try await wait(for: ticket, job: job, context: context)
        }
    }

    /// Waits for the end of the job `ticket` stands for (answered at once when this run saw it end).
    func wait(for ticket: String, job: QueuedJob, context: JobContext) async throws -> NodeOutput {
        let id = UUID()
        let waiter = { (continuation: CheckedContinuation<NodeOutput, any Error>) in
            Waiter(id: id, kind: job.spec.kind.rawValue, pair: "\(self.project.id)|\(job.spec.provider)",
                   continuation: continuation, context: context)
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // Registered and checked under one lock: a cancellation either finds the
                // waiter, or is seen here; an answer (kept before its waiters are taken) either
                // finds the waiter, or is seen here.
                let early: Result<NodeOutput, any Error>? = waiting.withLock { waiting in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let outcome = answered.withLock({ $0[ticket] }) { return outcome }
                    waiting[ticket, default: []].append(waiter(continuation))
                    return nil
                }
                if let early { return continuation.resume(with: early) }
                startPolling()
            }
        } onCancel: {
            let (found, nobodyLeft) = waiting.withLock { waiting in
                let found = waiting[ticket]?.first { $0.id == id }
                waiting[ticket]?.removeAll { $0.id == id }
                let empty = waiting[ticket]?.isEmpty ?? true
                if empty { waiting[ticket] = nil }
                return (found, empty)
            }
            found?.continuation.resume(throwing: CancellationError())
            // Withdrawn when nobody here waits for it any more (its worker stops at its next
            // heartbeat; a provider's job id, if any, is in the journal for the next run).
            if nobodyLeft { withdraw(ticket, key: job.key.digest.rawValue) }
        }
    }

    /// Where a job stands once handed over: answered already, or a ticket to wait for.
    enum Handed {
        case answered(NodeOutput)
        case waiting(String)
    }

    /// Queues the job, or finds it in hand already (see the type's note).
    func enqueue(_ job: QueuedJob, blobs: any BlobStore) async throws -> Handed {
        let key = job.key.digest.rawValue
        let payload = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        if let withdrawal = withdrawing.withLock({ $0[key]?.task }) { await withdrawal.value }
        while true {
            let fresh = UUID().uuidString
            let queued = try await project.rows("""
                INSERT INTO work (project, key, ticket, kind, provider, provider_limit, version, label, job, setup, state, queued_at, updated_at)
                VALUES (\(project.id), \(key), \(fresh), \(job.spec.kind.rawValue), \(job.spec.provider.rawValue),
                        \(limit(job.spec.provider)), \(version), \(job.label), \(payload), \(setup), 'queued',
                        \(unescaped: StudioDatabase.now), \(unescaped: StudioDatabase.now))
                ON CONFLICT (project, key) DO UPDATE SET ticket = excluded.ticket, kind = excluded.kind, provider = excluded.provider,
                    provider_limit = excluded.provider_limit, version = excluded.version, label = excluded.label, job = excluded.job,
                    setup = excluded.setup, state = 'queued', worker = NULL, lease_until = NULL, progress = NULL, result = NULL,
                    refused_by = '{}', queued_at = excluded.queued_at, updated_at = excluded.updated_at
                WHERE NOT (work.worker IS NOT NULL AND coalesce(work.lease_until, 0) > \(unescaped: StudioDatabase.now))
                  AND (work.state IN ('failed', 'cancelled')
                       -- Left by a run of another Reel, or under other settings: no worker of this one would take it as it is.
                       OR (work.state <> 'done' AND (work.version <> excluded.version OR work.setup <> excluded.setup)))
                RETURNING ticket
                """, writing: true)
            if !queued.isEmpty {
                mine.withLock { _ = $0.insert(fresh) }
                return .waiting(fresh)
            }
            let rows = try await project.rows("SELECT ticket, state, result FROM work WHERE project = \(project.id) AND key = \(key)")
            guard let (ticket, state, result) = try rows.first?.decode((String, String, String?).self) else { continue }
            switch state {
            case "queued", "claimed":
                // The same job in hand: wait for it with whoever queued it.
                return .waiting(ticket)
            case "done":
                if let output = try? JSONDecoder().decode(NodeOutput.self, from: Data((result ?? "").utf8)), blobs.contains(output.asset) {
                    // Finished for a run that did not live to read it.
                    return .answered(output)
                }
                // Its file is gone: made again.
                try await project.rows("""
                    UPDATE work SET state = 'cancelled', updated_at = \(unescaped: StudioDatabase.now)
                    WHERE project = \(project.id) AND key = \(key) AND ticket = \(ticket) AND state = 'done'
                    """, writing: true)
            default:
                // Withdrawn or failed, and its worker has not let go yet: it will at its next
                // heartbeat (or its lease runs out). Then it is queued anew.
                try await Task.sleep(for: tick)
            }
        }
    }

    /// Marks a ticket this queue put in the table withdrawn, if no one finished it meanwhile.
    /// (Under a loaded process the withdrawal was seen to land after the same job was asked
    /// for again, which then waited on the withdrawn ticket: the next ``enqueue`` of the key waits.)
    func withdraw(_ ticket: String, key: String) {
        guard mine.withLock({ $0.contains(ticket) }) else { return }
        let project = self.project
        let id = UUID()
        withdrawing.withLock { withdrawing in
            let before = withdrawing[key]?.task
            withdrawing[key] = (id, Task.detached { [weak self] in
                await before?.value
                try? await project.rows("""
                    UPDATE work SET state = 'cancelled', updated_at = \(unescaped: StudioDatabase.now)
                    WHERE project = \(project.id) AND ticket = \(ticket) AND state IN ('queued', 'claimed')
                    """, writing: true)
                self?.withdrawing.withLock { withdrawing in
                    if withdrawing[key]?.id == id { withdrawing[key] = nil }
                }
            })
        }
    }

    /// True when no live worker takes `kind` for this pair, or every one that does refused the job.
    func noWorkerWillTake(_ kind: String, pair: String, refusedBy: [String]) async -> Bool {
        guard let workers = try? await liveWorkers() else { return false }
        return workers.filter { Self.takes($0, kind: kind, pair: pair) }.allSatisfy { refusedBy.contains($0.id) }
    }

    /// Takes a job nobody holds back out of the queue; false when a worker claimed it meanwhile.
    func takeBack(_ ticket: String) async -> Bool {
        (try? await project.rows("""
            UPDATE work SET state = 'cancelled', updated_at = \(unescaped: StudioDatabase.now)
            WHERE project = \(project.id) AND ticket = \(ticket)
              AND (state = 'queued' OR (state = 'claimed' AND lease_until < \(unescaped: StudioDatabase.now)))
            RETURNING 1
            """, writing: true).isEmpty == false) ?? false
    }

    func startPolling() {
        polling.withLock { task in
            guard task == nil else { return }
            project.database.listenForWork()
            task = Task.detached { [weak self] in
                var (seen, heard, looked): (Int?, Int?, ContinuousClock.Instant) = (nil, nil, .now)
                while let self, !Task.isCancelled {
                    // At once when one of its jobs ends, else a tick on (a notification lost, a
                    // progress to pass on, a worker gone).
                    let bells = self.project.database.bells
                    await bells.ended.wait(atMost: self.tick, since: seen)
                    seen = bells.ended.rung
                    let ended = heard.map { bells.endedTickets(after: $0) } ?? nil
                    heard = bells.endCount
                    if ended == nil || ContinuousClock.now - looked >= self.tick {
                        looked = .now
                        if await !self.poll() { return }
                    } else if let mine = self.waiting.withLock({ waiting in ended?.filter { waiting[$0] != nil } }), !mine.isEmpty {
                        // Only the rows of its jobs that ended: a run waiting for many does not
                        // read them all at every end.
                        if await !self.poll(only: Set(mine)) { return }
                    }
                }
            }
        }
    }

    /// Answers every waiter of `ticket`, and any that comes later in this run.
    func answer(_ ticket: String, with outcome: Result<NodeOutput, any Error>) {
        answered.withLock { $0[ticket] = outcome }
        let waiters = waiting.withLock { $0.removeValue(forKey: ticket) } ?? []
        for waiter in waiters { waiter.continuation.resume(with: outcome) }
    }

    /// Reads every waited-for row once (or those of `only`); answers the jobs that ended.
    /// False when nothing is waited for any more (the polling stops; the next job starts it again).
    func poll(only: Set<String>? = nil) async -> Bool {
        let (tickets, nobody) = waiting.withLock { waiting in
            if waiting.isEmpty { polling.withLock { $0 = nil } }
            guard let only else { return (Array(waiting.keys), waiting.isEmpty) }
            return (only.filter { waiting[$0] != nil }.sorted(), waiting.isEmpty)
        }
        // Nothing to read: the polling stops only when nobody waits any more.
        guard !tickets.isEmpty else { return !nobody }
        let rows: [PostgresRow]
        do {
            rows = try await project.rows("""
                SELECT ticket, state, result, progress, refused_by,
                       state = 'queued' OR (state = 'claimed' AND lease_until < \(unescaped: StudioDatabase.now))
                FROM work WHERE project = \(project.id) AND ticket = ANY(\(tickets))
                """)
        } catch {
            // A server away for a moment: the workers go on; look again at the next tick.
            return true
        }
        var seen: Set<String> = []
        var ended: [String] = []
        for row in rows {
            guard let (ticket, state, result, progress, refusedBy, unheld) = try? row.decode((String, String, String?, Double?, [String], Bool).self)
            else { continue }
            seen.insert(ticket)
            if unheld, let first = waiting.withLock({ $0[ticket]?.first }),
               await noWorkerWillTake(first.kind, pair: first.pair, refusedBy: refusedBy), await takeBack(ticket) {
                // Nobody will take it (every worker gone, or every one refused it): it runs
                // here; the run's retry reads the journal again first (a provider's job id a
                // worker recorded is polled, not paid for again).
                answer(ticket, with: .failure(JobFailure(.transient, "no worker of the studio takes it now, so it runs here")))
                ended.append(ticket)
                continue
            }
            switch state {
            case "done":
                answer(ticket, with: Result { try JSONDecoder().decode(NodeOutput.self, from: Data((result ?? "").utf8)) }
                    .mapError { _ in JobFailure(.failed, "a worker's answer cannot be read") })
            case "failed":
                answer(ticket, with: .failure((try? JSONDecoder().decode(JobFailure.self, from: Data((result ?? "").utf8)))
                    ?? JobFailure(.failed, "a worker failed without saying why")))
            case "cancelled":
                answer(ticket, with: .failure(JobFailure(.transient, "the job was withdrawn from the workers")))
            default:
                if let progress { waiting.withLock { $0[ticket]?.forEach { $0.context.progress(progress) } } }
                continue
            }
            ended.append(ticket)
        }
        // A row gone (deleted by hand, or by another run that queued it): try again.
        for ticket in tickets where !seen.contains(ticket) {
            answer(ticket, with: .failure(JobFailure(.transient, "the job's row in the work queue was replaced")))
        }
        let removable = mine.withLock { mine in ended.filter { mine.remove($0) != nil } }
        if !removable.isEmpty {
            try? await project.rows("""
                DELETE FROM work WHERE project = \(project.id) AND ticket = ANY(\(removable)) AND state IN ('done', 'failed', 'cancelled')
                  AND NOT (worker IS NOT NULL AND coalesce(lease_until, 0) > \(unescaped: StudioDatabase.now))
                """, writing: true)
        }
        return true
    }
}
