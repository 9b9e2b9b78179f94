import Foundation
import PostgresNIO
import ReelEngine
import ReelModel

/// A job a worker claimed from the studio's work queue.
public struct WorkClaim: Sendable {
    public var project: String
    public var ticket: String
    /// Which claim of the row this is: only this claim may write the job's end.
    public var claims: Int
    public var job: QueuedJob
    /// How to make the runners of the job's project (``PostgresWorkQueue``'s `setup`).
    public var setup: String
    /// Another worker held it and its lease ran out (it died, or lost the database).
    public var tookOver: Bool
}

/// The worker's side of the work queue: a worker registers, claims jobs (one claim at a
/// time under an advisory lock, so a provider's studio-wide limit is counted exactly and no
/// job is taken twice), keeps its leases with a heartbeat, and writes each job's end once —
/// only while its claim is the row's. Times are the database's clock, so machines' clocks
/// may disagree.
extension StudioDatabase {
    static let now = "extract(epoch FROM clock_timestamp())"

    /// Records a worker that starts.
    public func register(_ worker: WorkerStatus) async throws {
        try await rows("""
            INSERT INTO worker (id, name, host, pid, version, kinds, slots, lease, started_at, seen_at)
            VALUES (\(worker.id), \(worker.name), \(worker.host), \(worker.pid), \(worker.version), \(worker.kinds),
                    \(worker.slots), \(worker.lease), \(unescaped: Self.now), \(unescaped: Self.now))
            """, writing: true)
    }

    /// Claims up to `count` waiting jobs of this version and these kinds (any kind when
    /// empty), and jobs whose worker's lease ran out, oldest first — as many of a provider's
    /// as its studio-wide limit leaves free, none of a provider that asked to wait.
    /// `skipping` holds `project|provider` pairs this worker cannot run.
    public func claim(worker: String, count: Int, version: String, kinds: [String], lease: Double,
                      skipping: [String] = []) async throws -> [WorkClaim] {
        guard count > 0 else { return [] }
        // One statement (migration v7-claim): the lock, each provider's free slots and the
        // update, in one round trip.
        let picked = try await rows("""
            SELECT project, ticket, claims, job, setup, was
            FROM claim_work(\(worker), \(count)::integer, \(version), \(kinds)::text[], \(skipping)::text[], \(lease))
            """, writing: true)
        var claimed: [WorkClaim] = []
        for row in picked {
            let (project, ticket, claims, job, setup, was) = try row.decode((String, String, Int, String, String, String).self)
            guard let decoded = try? JSONDecoder().decode(QueuedJob.self, from: Data(job.utf8)) else {
                // Written by a Reel this one cannot read: its end says so, the rest of the batch goes on.
                try await rows("""
                    UPDATE work SET state = 'failed', updated_at = \(unescaped: Self.now), lease_until = NULL,
                        result = \(String(decoding: try JSONEncoder().encode(JobFailure(.failed, "a worker cannot read this job")), as: UTF8.self))
                    WHERE project = \(project) AND ticket = \(ticket) AND worker = \(worker) AND claims = \(claims)
                    """, writing: true)
                continue
            }
            claimed.append(WorkClaim(project: project, ticket: ticket, claims: claims, job: decoded, setup: setup, tookOver: was == "claimed"))
        }
        return claimed
    }

    /// A provider answered "too many requests": no worker of the studio sends it another job
    /// for `seconds` (its Retry-After), whichever worker or run the next one is.
    public func pause(provider: String, seconds: Double) async throws {
        try await rows("""
            INSERT INTO provider_pause (provider, until) VALUES (\(provider), \(unescaped: Self.now) + \(seconds))
            ON CONFLICT (provider) DO UPDATE SET until = greatest(provider_pause.until, excluded.until)
            """, writing: true)
    }

    /// Extends the leases of the jobs the worker still holds and records their progress;
    /// returns the tickets that are still its own (a job withdrawn or taken over is not).
    public func heartbeat(worker: String, holding: [(ticket: String, progress: Double?)], lease: Double) async throws -> Set<String> {
        try await rows("UPDATE worker SET seen_at = \(unescaped: Self.now) WHERE id = \(worker)", writing: true)
        guard !holding.isEmpty else { return [] }
        return Set(try await rows("""
            UPDATE work SET lease_until = \(unescaped: Self.now) + \(lease), progress = COALESCE(NULLIF(held.progress, -1), work.progress)
            FROM unnest(\(holding.map(\.ticket))::text[], \(holding.map { $0.progress ?? -1 })::float8[]) AS held(ticket, progress)
            WHERE work.ticket = held.ticket AND work.worker = \(worker) AND work.state = 'claimed'
            RETURNING work.ticket
            """, writing: true).map { try $0.decode(String.self) })
    }

    /// Writes the end of a claimed job: its output, or its failure. False, and nothing
    /// written, when the claim is no longer the row's (withdrawn, or taken over).
    @discardableResult
    public func finish(_ claim: WorkClaim, worker: String, with end: Result<NodeOutput, JobFailure>) async throws -> Bool {
        let (state, result, counter) = switch end {
        case .success(let output): ("done", String(decoding: try JSONEncoder().encode(output), as: UTF8.self), "done")
        case .failure(let failure): ("failed", String(decoding: try JSONEncoder().encode(failure), as: UTF8.self), "failed")
        }
        // The end and the worker's count in one statement: both or neither.
        return try await rows("""
            WITH ended AS (
                UPDATE work SET state = \(state), result = \(result), progress = NULL, lease_until = NULL, updated_at = \(unescaped: Self.now)
                WHERE project = \(claim.project) AND key = \(claim.job.key.digest.rawValue) AND ticket = \(claim.ticket)
                  AND claims = \(claim.claims) AND worker = \(worker) AND state = 'claimed'
                RETURNING 1),
            counted AS (
                UPDATE worker SET \(unescaped: counter) = \(unescaped: counter) + 1, took_over = took_over + \(claim.tookOver ? 1 : 0)
                WHERE id = \(worker) AND EXISTS (SELECT 1 FROM ended))
            SELECT 1 FROM ended
            """, writing: true).isEmpty == false
    }

    /// The provider is done with a claimed job and its result is downloading: the job no
    /// longer takes one of the provider's studio-wide slots.
    public func fetching(_ claim: WorkClaim, worker: String) async throws {
        try await rows("""
            UPDATE work SET fetching = true
            WHERE project = \(claim.project) AND ticket = \(claim.ticket) AND claims = \(claim.claims) AND worker = \(worker) AND state = 'claimed'
            """, writing: true)
    }

    /// Puts a claimed job back in the queue for another worker: this one cannot run it (no
    /// adapter or key for its provider here). A job every live worker refused goes back to its run.
    public func giveBack(_ claim: WorkClaim, worker: String) async throws {
        // Said once for the worker too: runs do not hand it jobs of this provider any more.
        try await rows("""
            UPDATE worker SET cannot_run = array_append(cannot_run, \(claim.project + "|" + claim.job.spec.provider.rawValue))
            WHERE id = \(worker) AND NOT (\(claim.project + "|" + claim.job.spec.provider.rawValue) = ANY(cannot_run))
            """, writing: true)
        try await rows("""
            UPDATE work SET state = 'queued', worker = NULL, lease_until = NULL, updated_at = \(unescaped: Self.now),
                refused_by = array_append(refused_by, \(worker))
            WHERE project = \(claim.project) AND key = \(claim.job.key.digest.rawValue) AND ticket = \(claim.ticket)
              AND claims = \(claim.claims) AND worker = \(worker) AND state = 'claimed'
            """, writing: true)
    }

    /// Puts back the jobs the database says this worker holds but it does not know it holds
    /// (a claim whose answer was lost after it committed).
    public func requeueUnheld(worker: String, holding tickets: [String]) async throws {
        try await rows("""
            UPDATE work SET state = 'queued', worker = NULL, lease_until = NULL, updated_at = \(unescaped: Self.now)
            WHERE worker = \(worker) AND state = 'claimed' AND NOT (ticket = ANY(\(tickets)::text[]))
            """, writing: true)
    }

    /// Lets go of a job whose claim ended without an end written: withdrawn by its run (which
    /// may queue it anew now, knowing this worker does nothing more with it), or stopped with
    /// the worker (back in the queue for another, at once).
    public func release(_ claim: WorkClaim, worker: String) async throws {
        try await rows("""
            UPDATE work SET worker = NULL, lease_until = NULL, updated_at = \(unescaped: Self.now),
                state = CASE WHEN state = 'claimed' THEN 'queued' ELSE state END
            WHERE project = \(claim.project) AND ticket = \(claim.ticket) AND claims = \(claim.claims) AND worker = \(worker)
            """, writing: true)
    }

    /// Records that the worker stopped; the jobs it still held go back to the queue (and
    /// those withdrawn meanwhile are let go).
    public func stopWorker(_ worker: String) async throws {
        try await rows("""
            UPDATE work SET state = 'queued', worker = NULL, lease_until = NULL, updated_at = \(unescaped: Self.now)
            WHERE worker = \(worker) AND state = 'claimed'
            """, writing: true)
        try await rows("""
            UPDATE work SET worker = NULL, lease_until = NULL WHERE worker = \(worker)
            """, writing: true)
        try await rows("UPDATE worker SET stopped_at = \(unescaped: Self.now) WHERE id = \(worker)", writing: true)
    }

    /// The migrations of the database this Reel does not know: a newer Reel has upgraded it.
    public func newerSchema() async throws -> [String] {
        try await rows("SELECT id FROM reel_migration").map { try $0.decode(String.self) }
            .filter { !PostgresMigrations.known.contains($0) }.sorted()
    }

    /// How many jobs wait for a worker, by project.
    public func waitingWork() async throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try await rows("SELECT project, count(*)::bigint FROM work WHERE state = 'queued' GROUP BY project")
            .map { row in
                let (project, count) = try row.decode((String, Int64).self)
                return (project, Int(count))
            })
    }

    /// The studio's workers: those alive, and those that stopped or went silent in the last
    /// hour (unless started again since under the same name on the same host), each with
    /// the jobs it holds.
    public func workerStatuses() async throws -> [WorkerStatus] {
        var jobs: [String: [WorkerStatus.Job]] = [:]
        for row in try await rows("""
            SELECT worker, project, label, kind, provider, progress, fetching FROM work WHERE state = 'claimed' ORDER BY queued_at
            """) {
            let (held, project, label, kind, provider, progress, fetching) = try row.decode((String?, String, String, String, String, Double?, Bool).self)
            guard let worker = held else { continue }
            jobs[worker, default: []].append(WorkerStatus.Job(project: project, label: label, kind: kind, provider: provider, progress: progress,
                                                              downloading: fetching))
        }
        return try await rows("""
            SELECT id, name, host, pid, version, kinds, slots, lease, started_at, seen_at, done, failed, took_over,
                   stopped_at IS NULL AND seen_at + lease > \(unescaped: Self.now) AS alive
            FROM worker WHERE coalesce(stopped_at, seen_at) > \(unescaped: Self.now) - 3600
              -- A worker started again under its name replaces its stopped or silent rows (unless
              -- one still holds jobs: those are shown until taken over).
              AND NOT ((stopped_at IS NOT NULL OR seen_at + lease <= \(unescaped: Self.now))
                       AND EXISTS (SELECT 1 FROM worker later WHERE later.name = worker.name AND later.host = worker.host
                                   AND later.started_at > worker.started_at)
                       AND NOT EXISTS (SELECT 1 FROM work WHERE work.worker = worker.id AND work.state = 'claimed'))
            ORDER BY started_at
            """).map { row in
            let r = row.makeRandomAccess()
            let id: String = try r.get("id")
            return WorkerStatus(
                id: id, name: try r.get("name"), host: try r.get("host"), pid: try r.get("pid"), version: try r.get("version"),
                kinds: try r.get("kinds"), slots: try r.get("slots"), lease: try r.get("lease"),
                startedAt: Date(timeIntervalSince1970: try r.get("started_at")), seenAt: Date(timeIntervalSince1970: try r.get("seen_at")),
                alive: try r.get("alive"), done: try r.get("done"), failed: try r.get("failed"),
                tookOver: try r.get("took_over"), jobs: jobs[id] ?? [])
        }
    }

    /// The studio's budget per currency: its cap (if set), spent (every project's ledger),
    /// and in flight (estimates of jobs a provider accepted, or started in the last hour).
    public func budgets() async throws -> [StudioBudget] {
        var byCurrency: [String: StudioBudget] = [:]
        func entry(_ currency: String) -> StudioBudget {
            byCurrency[currency] ?? StudioBudget(currency: currency, cap: nil, spent: Money(micros: 0, currency: currency),
                                                 inFlight: Money(micros: 0, currency: currency))
        }
        for row in try await rows("SELECT currency, cap_micros FROM studio_budget") {
            let (currency, cap) = try row.decode((String, Int64).self)
            var budget = entry(currency)
            budget.cap = Money(micros: cap, currency: currency)
            byCurrency[currency] = budget
        }
        for row in try await rows("SELECT currency, sum(micros)::bigint FROM ledger GROUP BY currency") {
            let (currency, spent) = try row.decode((String, Int64).self)
            var budget = entry(currency)
            budget.spent = Money(micros: spent, currency: currency)
            byCurrency[currency] = budget
        }
        for row in try await rows("""
            SELECT estimate_currency, sum(estimate_micros)::bigint FROM job
            WHERE estimate_currency IS NOT NULL AND (state = 'submitted' OR (state = 'running' AND updated_at > \(unescaped: Self.now) - 3600))
            GROUP BY estimate_currency
            """) {
            let (currency, inFlight) = try row.decode((String, Int64).self)
            var budget = entry(currency)
            budget.inFlight = Money(micros: inFlight, currency: currency)
            byCurrency[currency] = budget
        }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }

    /// Sets the studio's budget in `cap`'s currency.
    public func setBudget(_ cap: Money) async throws {
        try await rows("""
            INSERT INTO studio_budget (currency, cap_micros, set_at) VALUES (\(cap.currency), \(cap.micros), \(unescaped: Self.now))
            ON CONFLICT (currency) DO UPDATE SET cap_micros = excluded.cap_micros, set_at = excluded.set_at
            """, writing: true)
    }

    /// Removes the studio's budget in `currency`; false when it had none.
    @discardableResult
    public func clearBudget(currency: String) async throws -> Bool {
        try await rows("DELETE FROM studio_budget WHERE currency = \(currency) RETURNING 1", writing: true).isEmpty == false
    }

    /// The studio's own id (made with its schema), which its media path carries.
    public func studioID() async throws -> String {
        guard let row = try await rows("SELECT id FROM studio ORDER BY created_at LIMIT 1").first else {
            throw ReelError(.configuration, "the studio database has no id", at: location, hint: "this is a bug in Reel; please report it")
        }
        return try row.decode(String.self)
    }

    /// The studio's latest media files (a sample a media path of the studio holds some of).
    public func latestAssets(_ count: Int = 50) async throws -> [Asset] {
        try await rows("SELECT digest, media_type, byte_count FROM asset ORDER BY created_at DESC LIMIT \(count)").compactMap { row in
            let (digest, type, bytes) = try row.decode((String, String, Int64).self)
            return Digest(rawValue: digest).map { Asset(digest: $0, mediaType: type, byteCount: bytes) }
        }
    }
}
