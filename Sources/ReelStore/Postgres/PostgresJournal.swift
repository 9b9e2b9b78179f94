import Foundation
import PostgresNIO
import ReelEngine
import ReelModel

/// The job journal of one project in the studio database: the same rows and the same
/// attempt/resubmit rule as ``SQLiteJournal``, each transition committed (job row, event,
/// ledger) in one transaction before `record` returns.
public struct PostgresJournal: JobJournal {
    let database: StudioProject
    let now: @Sendable () -> Date
    var project: String { database.id }

    public init(_ project: StudioProject, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = project
        self.now = now
    }

    public func entry(for key: CacheKey) async throws -> JournalEntry? {
        try await entries(for: [key])[key]
    }

    public func entries(for keys: [CacheKey]) async throws -> [CacheKey: JournalEntry] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await database.rows("""
            SELECT key, detail, attempts, resubmits FROM job WHERE project = \(project) AND key = ANY(\(keys.map(\.digest.rawValue)))
            """)
        var out: [CacheKey: JournalEntry] = [:]
        for row in rows.map({ $0.makeRandomAccess() }) {
            guard let digest = Digest(rawValue: try row.get("key", as: String.self)),
                  let state = try? JSONDecoder().decode(JobState.self, from: Data(try row.get("detail", as: String.self).utf8)) else { continue }
            let key = CacheKey(digest: digest)
            out[key] = JournalEntry(key: key, state: state, attempts: try row.get("attempts"), resubmits: try row.get("resubmits"))
        }
        return out
    }

    public func record(_ state: JobState, for key: CacheKey, node: GraphNode) async throws {
        let detail = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let at = now().timeIntervalSince1970
        var output: Asset?, cost: Money?, providerJobID: String?, reason: String?
        switch state {
        case .succeeded(let result): (output, cost) = (result.asset, result.cost)
        case .submitted(let handle): providerJobID = handle.jobID
        case .failed(let failure): (reason, cost) = (failure.reason.rawValue, failure.cost)
        default: break
        }
        let running = if case .running = state { 1 } else { 0 }
        let expired = if case .failed(let f) = state, f.reason == .expired { 1 } else { 0 }
        let (project, digest) = (self.project, key.digest.rawValue)
        // A provider's job id, or a paid result, must reach the journal: a server that is
        // briefly away (a restart, a network blip) is waited for and written to again. A write
        // whose answer was lost may have committed: it is looked for before it is repeated, so
        // no event, no ledger line, no attempt is counted twice.
        var first = true
        try await database.retryingWhileUnreachable {
            if !first, try await committed(digest, detail: detail, at: at) { return }
            first = false
            // A process that lost the project's studio lock starts nothing more (another machine
            // may be running this very job now); what it had started is still recorded.
            if case .running = state { try StudioProjectLock.checkNotLost(database.database.location, project: project) }
            try await write(state, detail: detail, at: at, output: output, cost: cost, providerJobID: providerJobID, reason: reason,
                            running: running, expired: expired, project: project, digest: digest, node: node)
        }
    }

    /// Whether this very transition (its details, at this moment) is already the job's row.
    func committed(_ digest: String, detail: String, at: Double) async throws -> Bool {
        try await database.rows("""
            SELECT 1 FROM job WHERE project = \(project) AND key = \(digest) AND detail = \(detail) AND updated_at = \(at)
            """).isEmpty == false
    }

    func write(_ state: JobState, detail: String, at: Double, output: Asset?, cost: Money?, providerJobID: String?, reason: String?,
               running: Int, expired: Int, project: String, digest: String, node: GraphNode) async throws {
        try await database.transaction { connection, logger in
            if running == 1, let estimate = node.estimatedCost, estimate.micros > 0 {
                try await PostgresJournal.checkStudioBudget(estimate, project: project, key: digest, at: at, connection, logger)
            }
            if let output { try await PostgresJournal.upsertAsset(output, at: at, connection, logger) }
            try await connection.query("""
                INSERT INTO job (project, key, node, kind, provider, model, shot, state, detail, provider_job_id, output_digest,
                                 attempts, resubmits, failure_reason, cost_micros, cost_currency, created_at, updated_at,
                                 estimate_micros, estimate_currency)
                VALUES (\(project), \(digest), \(node.id.rawValue), \(node.spec.kind.rawValue), \(node.spec.provider.rawValue),
                        \(node.spec.model), \(node.shot?.rawValue), \(state.name), \(detail), \(providerJobID),
                        \(output?.digest.rawValue), \(running), \(expired), \(reason), \(cost?.micros), \(cost?.currency), \(at), \(at),
                        \(node.estimatedCost?.micros), \(node.estimatedCost?.currency))
                ON CONFLICT (project, key) DO UPDATE SET \(unescaped: SQLiteJournal.transition)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO job_event (project, key, state, detail, at) VALUES (\(project), \(digest), \(state.name), \(detail), \(at))
                """, logger: logger)
            // After the job's row, which the ledger refers to: a job may be recorded first as done.
            if let cost, cost.micros != 0 {
                try await connection.query("""
                    INSERT INTO ledger (project, job, provider, micros, currency, at)
                    VALUES (\(project), \(digest), \(node.spec.provider.rawValue), \(cost.micros), \(cost.currency), \(at))
                    """, logger: logger)
            }
        }
    }

    /// `BUDG` in ASCII: starts of priced jobs are counted against the studio's budget one at
    /// a time, so ten runs or workers starting together never pass it together.
    static let budgetLockID: Int64 = 0x4255_4447

    /// Refuses to start a job whose estimate would take the studio past its budget (`reel
    /// budget`): spent (the ledger of every project) plus in flight (jobs accepted by a
    /// provider, or started in the last hour) plus this one. Checked in the transaction that
    /// records the start, under a lock every start takes.
    static func checkStudioBudget(_ estimate: Money, project: String, key: String, at: Double,
                                  _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(budgetLockID))", logger: logger)
        var caps: [String: Int64] = [:]
        for try await (currency, cap) in try await connection.query("SELECT currency, cap_micros FROM studio_budget", logger: logger)
            .decode((String, Int64).self) { caps[currency] = cap }
        guard !caps.isEmpty else { return }
        guard let cap = caps[estimate.currency] else {
            throw JobFailure(.budget, "its price is in \(estimate.currency) but the studio's budget is in \(caps.keys.sorted().joined(separator: ", "))")
        }
        var committed: Int64 = 0
        for try await total in try await connection.query("""
            SELECT (SELECT coalesce(sum(micros), 0) FROM ledger WHERE currency = \(estimate.currency))::bigint
                 + (SELECT coalesce(sum(estimate_micros), 0) FROM job
                    WHERE estimate_currency = \(estimate.currency) AND NOT (project = \(project) AND key = \(key))
                      AND (state = 'submitted' OR (state = 'running' AND updated_at > \(at - 3600))))::bigint
            """, logger: logger).decode(Int64.self) { committed = total }
        guard committed + estimate.micros > cap else { return }
        let capMoney = Money(micros: cap, currency: estimate.currency)
        throw JobFailure(.budget, "starting it (about \(estimate)) would pass the studio's budget of \(capMoney); "
                         + "\(Money(micros: committed, currency: estimate.currency)) spent or in flight across the studio")
    }

    static func upsertAsset(_ asset: Asset, at: Double, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let media = try asset.media.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await connection.query("""
            INSERT INTO asset (digest, media_type, byte_count, media, created_at)
            VALUES (\(asset.digest.rawValue), \(asset.mediaType), \(asset.byteCount), \(media), \(at))
            ON CONFLICT (digest) DO UPDATE SET media = COALESCE(excluded.media, asset.media)
            """, logger: logger)
    }
}
