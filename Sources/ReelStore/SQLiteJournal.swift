import Foundation
import GRDB
import ReelEngine
import ReelModel

/// The durable job journal: every transition of every job, in the project database.
///
/// The current state of each job is a row of `job`; each transition also appends a row
/// to `job_event`. A write returns only once it is committed, so a provider's job id is
/// on disk before polling starts. Transitions recorded at the same moment by concurrent
/// jobs share one transaction (group commit).
public struct SQLiteJournal: JobJournal {
    let database: ProjectDatabase
    let now: @Sendable () -> Date
    let writer: GroupCommitWriter

    public init(database: ProjectDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
        self.writer = GroupCommitWriter(database: database)
    }

    public func entries(for keys: [CacheKey]) async throws -> [CacheKey: JournalEntry] {
        var out: [CacheKey: JournalEntry] = [:]
        for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min(keys.count, $0 + 500)]) }) {
            let rows = try database.readNow { db in
                try Row.fetchAll(db, sql: "SELECT key, detail, attempts, resubmits FROM job WHERE key IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                                 arguments: StatementArguments(chunk.map(\.digest.rawValue)))
            }
            for row in rows {
                guard let digest = Digest(rawValue: row["key"]), let detail = row["detail"] as String?,
                      let state = try? JSONDecoder().decode(JobState.self, from: Data(detail.utf8)) else { continue }
                let key = CacheKey(digest: digest)
                out[key] = JournalEntry(key: key, state: state, attempts: row["attempts"], resubmits: row["resubmits"])
            }
        }
        return out
    }

    public func entry(for key: CacheKey) async throws -> JournalEntry? {
        try database.readNow { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT detail, attempts, resubmits FROM job WHERE key = ?"),
                                             arguments: [key.digest.rawValue]) else { return nil }
            let detail: String = row["detail"]
            guard let state = try? JSONDecoder().decode(JobState.self, from: Data(detail.utf8)) else { return nil }
            return JournalEntry(key: key, state: state, attempts: row["attempts"], resubmits: row["resubmits"])
        }
    }

    public func record(_ state: JobState, for key: CacheKey, node: GraphNode) async throws {
        let detail = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let at = now().timeIntervalSince1970
        try await writer.write { db in
            var outputDigest: String?
            var cost: Money?
            var providerJobID: String?
            var reason: String?
            switch state {
            case .succeeded(let output):
                try SQLiteJournal.upsertAsset(output.asset, at: at, db)
                outputDigest = output.asset.digest.rawValue
                cost = output.cost
            case .submitted(let handle):
                providerJobID = handle.jobID
            case .failed(let failure):
                reason = failure.reason.rawValue
                cost = failure.cost
            default:
                break
            }
            let isRunning: Bool = if case .running = state { true } else { false }
            let isExpired: Bool = if case .failed(let f) = state, f.reason == .expired { true } else { false }
            try db.cachedStatement(sql: """
                INSERT INTO job (key, node, kind, provider, model, shot, state, detail, provider_job_id, output_digest,
                                 attempts, resubmits, failure_reason, cost_micros, cost_currency, created_at, updated_at,
                                 estimate_micros, estimate_currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET \(SQLiteJournal.transition)
                """).execute(arguments: [
                    key.digest.rawValue, node.id.rawValue, node.spec.kind.rawValue, node.spec.provider.rawValue,
                    node.spec.model, node.shot?.rawValue, state.name, detail, providerJobID, outputDigest,
                    isRunning ? 1 : 0, isExpired ? 1 : 0, reason, cost?.micros, cost?.currency, at, at,
                    node.estimatedCost?.micros, node.estimatedCost?.currency,
                ])
            try db.cachedStatement(sql: "INSERT INTO job_event (key, state, detail, at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [key.digest.rawValue, state.name, detail, at])
            // After the job's row, which the ledger refers to: a job may be recorded first as done.
            if let cost, cost.micros != 0 {
                try db.cachedStatement(sql: "INSERT INTO ledger (job, provider, micros, currency, at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [key.digest.rawValue, node.spec.provider.rawValue, cost.micros, cost.currency, at])
            }
        }
    }

    /// How a job's row takes a transition: the attempt/resubmit rule (``JournalEntry/record(_:)``)
    /// in SQL, a provider's job id kept once known, a start after it and a job id after a
    /// finished take kept out. One text for every journal.
    static let transition = """
        node = excluded.node, shot = excluded.shot,
        state = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.state ELSE excluded.state END,
        detail = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.detail ELSE excluded.detail END,
        provider_job_id = COALESCE(excluded.provider_job_id, job.provider_job_id),
        output_digest = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.output_digest ELSE excluded.output_digest END,
        attempts = job.attempts + excluded.attempts,
        resubmits = job.resubmits + excluded.resubmits,
        failure_reason = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.failure_reason ELSE excluded.failure_reason END,
        cost_micros = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.cost_micros ELSE excluded.cost_micros END,
        cost_currency = CASE WHEN (excluded.state = 'running' AND job.state = 'submitted') OR (excluded.state = 'submitted' AND job.state = 'succeeded') THEN job.cost_currency ELSE excluded.cost_currency END,
        estimate_micros = excluded.estimate_micros, estimate_currency = excluded.estimate_currency,
        updated_at = excluded.updated_at
        """

    static func upsertAsset(_ asset: Asset, at: Double, _ db: Database) throws {
        let media = try asset.media.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.cachedStatement(sql: """
            INSERT INTO asset (digest, media_type, byte_count, media, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(digest) DO UPDATE SET media = COALESCE(excluded.media, asset.media)
            """).execute(arguments: [asset.digest.rawValue, asset.mediaType, asset.byteCount, media, at])
    }
}
