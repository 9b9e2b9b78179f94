import Foundation
import PostgresNIO
import ReelEngine
import ReelModel
import Synchronization

/// A run's side of the studio's work queue: it hands a job to the workers (a row of `work`),
/// and waits for the row to say the job's end. One query a tick answers every job the run is
/// waiting for. A job a live worker holds (the run was restarted) is waited for, not queued
/// again; any other row of the same job is queued anew, under a new ticket.
public final class PostgresWorkQueue: WorkQueue {
    let project: StudioProject
    /// The Reel that queues: only workers of the same version take its jobs.
    let version: String
    /// How a worker makes the runners of this project's jobs (its settings, never a key).
    let setup: String
    let tick: Duration
    /// The studio-wide limit of jobs at once a provider's jobs carry (nil: none, local work).
    let limit: @Sendable (ProviderID) -> Int?
    let waiting = Mutex<[String: Waiter]>([:])
    let polling = Mutex<Task<Void, Never>?>(nil)
    let live = Mutex<(at: ContinuousClock.Instant, workers: [(id: String, kinds: [String])])?>(nil)

    struct Waiter {
        var key: String
        var kind: String
        var continuation: CheckedContinuation<NodeOutput, any Error>
        var context: JobContext
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

    /// Whether a live worker of this version takes `node`'s kind.
    public func hasWorker(for node: GraphNode) async throws -> Bool {
        try await liveWorkers().contains { $0.kinds.isEmpty || $0.kinds.contains(node.spec.kind.rawValue) }
    }

    /// The live workers of this version and the kinds they take (asked at most once a second).
    func liveWorkers() async throws -> [(id: String, kinds: [String])] {
        if let known = live.withLock({ cached in cached.flatMap { ContinuousClock.now - $0.at < .seconds(1) ? $0.workers : nil } }) {
            return known
        }
        let workers = try await project.database.rows("""
            SELECT id, kinds FROM worker WHERE stopped_at IS NULL AND version = \(version)
              AND seen_at + lease > extract(epoch FROM clock_timestamp())
            """).map { try $0.decode((String, [String]).self) }.map { (id: $0.0, kinds: $0.1) }
        live.withLock { $0 = (.now, workers) }
        return workers
    }

    public func perform(_ job: QueuedJob, context: JobContext) async throws -> NodeOutput {
        let key = job.key.digest.rawValue
        let ticket = try await enqueue(job)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.withLock { $0[ticket] = Waiter(key: key, kind: job.spec.kind.rawValue, continuation: continuation, context: context) }
                startPolling()
            }
        } onCancel: {
            // Withdrawn: a worker on it stops at its next heartbeat (its provider's job id,
            // if any, is in the journal: the next run resumes it).
            let waiter = waiting.withLock { $0.removeValue(forKey: ticket) }
            waiter?.continuation.resume(throwing: CancellationError())
            let project = self.project
            Task.detached {
                try? await project.rows("""
                    UPDATE work SET state = 'cancelled', updated_at = extract(epoch FROM clock_timestamp())
                    WHERE project = \(project.id) AND key = \(key) AND ticket = \(ticket) AND state IN ('queued', 'claimed')
                    """, writing: true)
            }
        }
    }

    /// Queues the job (or finds it held by a live worker) and returns its ticket.
    func enqueue(_ job: QueuedJob) async throws -> String {
        let key = job.key.digest.rawValue
        let payload = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        let rows = try await project.rows("""
            INSERT INTO work (project, key, ticket, kind, provider, provider_limit, version, label, job, setup, state, queued_at, updated_at)
            VALUES (\(project.id), \(key), \(UUID().uuidString), \(job.spec.kind.rawValue), \(job.spec.provider.rawValue),
                    \(limit(job.spec.provider)), \(version), \(job.label), \(payload), \(setup), 'queued',
                    extract(epoch FROM clock_timestamp()), extract(epoch FROM clock_timestamp()))
            ON CONFLICT (project, key) DO UPDATE SET ticket = excluded.ticket, kind = excluded.kind, provider = excluded.provider,
                provider_limit = excluded.provider_limit, version = excluded.version, refused_by = '{}', label = excluded.label, job = excluded.job, setup = excluded.setup, state = 'queued',
                worker = NULL, lease_until = NULL, progress = NULL, result = NULL,
                queued_at = excluded.queued_at, updated_at = excluded.updated_at
            WHERE NOT (work.state = 'claimed' AND work.lease_until > extract(epoch FROM clock_timestamp()))
            RETURNING ticket
            """, writing: true)
        if let row = rows.first { return try row.decode(String.self) }
        // A live worker is on this very job (an earlier run of the project handed it over).
        let held = try await project.rows("SELECT ticket FROM work WHERE project = \(project.id) AND key = \(key)")
        guard let row = held.first else { return try await enqueue(job) }
        return try row.decode(String.self)
    }

    /// True when no live worker takes `kind`, or every one that does refused the job.
    func noWorkerWillTake(_ kind: String, refusedBy: [String]) async -> Bool {
        guard let workers = try? await liveWorkers() else { return false }
        return workers.filter { $0.kinds.isEmpty || $0.kinds.contains(kind) }.allSatisfy { refusedBy.contains($0.id) }
    }

    /// Takes a job nobody holds out of the queue; false when a worker claimed it meanwhile.
    func withdraw(_ ticket: String) async -> Bool {
        (try? await project.rows("""
            UPDATE work SET state = 'cancelled', updated_at = extract(epoch FROM clock_timestamp())
            WHERE project = \(project.id) AND ticket = \(ticket)
              AND (state = 'queued' OR (state = 'claimed' AND lease_until < extract(epoch FROM clock_timestamp())))
            RETURNING 1
            """, writing: true).isEmpty == false) ?? false
    }

    func startPolling() {
        polling.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [weak self] in
                while let self, !Task.isCancelled {
                    try? await Task.sleep(for: self.tick)
                    if await !self.poll() { return }
                }
            }
        }
    }

    /// Reads every waited-for row once; answers the jobs that ended. False when nothing is
    /// waited for any more (the polling stops; the next job starts it again).
    func poll() async -> Bool {
        let tickets = waiting.withLock { waiting in
            if waiting.isEmpty { polling.withLock { $0 = nil } }
            return Array(waiting.keys)
        }
        guard !tickets.isEmpty else { return false }
        let rows: [PostgresRow]
        do {
            rows = try await project.rows("""
                SELECT ticket, state, result, progress, refused_by,
                       state = 'queued' OR (state = 'claimed' AND lease_until < extract(epoch FROM clock_timestamp()))
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
            if unheld, let kind = waiting.withLock({ $0[ticket]?.kind }), await noWorkerWillTake(kind, refusedBy: refusedBy),
               await withdraw(ticket) {
                // Nobody will take it (every worker gone, or every one refused it): it runs
                // here; the run's retry reads the journal again first (a provider's job id a
                // worker recorded is polled, not paid for again).
                waiting.withLock { $0.removeValue(forKey: ticket) }?.continuation
                    .resume(throwing: JobFailure(.transient, "no worker of the studio takes it now, so it runs here"))
                ended.append(ticket)
                continue
            }
            let outcome: Result<NodeOutput, any Error>?
            switch state {
            case "done":
                outcome = Result { try JSONDecoder().decode(NodeOutput.self, from: Data((result ?? "").utf8)) }
                    .mapError { _ in JobFailure(.failed, "a worker's answer cannot be read") }
            case "failed":
                outcome = .failure((try? JSONDecoder().decode(JobFailure.self, from: Data((result ?? "").utf8)))
                    ?? JobFailure(.failed, "a worker failed without saying why"))
            case "cancelled":
                outcome = .failure(JobFailure(.transient, "the job was withdrawn from the workers"))
            default:
                outcome = nil
                if let progress { waiting.withLock { $0[ticket]?.context.progress(progress) } }
            }
            guard let outcome, let waiter = waiting.withLock({ $0.removeValue(forKey: ticket) }) else { continue }
            ended.append(ticket)
            waiter.continuation.resume(with: outcome)
        }
        // A row gone (deleted by hand, or queued again under another ticket): try again.
        for ticket in tickets where !seen.contains(ticket) {
            waiting.withLock { $0.removeValue(forKey: ticket) }?.continuation
                .resume(throwing: JobFailure(.transient, "the job's row in the work queue was replaced"))
        }
        if !ended.isEmpty {
            try? await project.rows("""
                DELETE FROM work WHERE project = \(project.id) AND ticket = ANY(\(ended)) AND state IN ('done', 'failed', 'cancelled')
                """, writing: true)
        }
        return true
    }
}
