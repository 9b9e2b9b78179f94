import Foundation
import PostgresNIO
import ReelEngine
import ReelModel

/// ``ProjectRepository`` for one project of the studio database. Same contract as
/// ``SQLiteProjectRepository`` (RepositoryContractTests runs both); every query is scoped
/// to the project, and text is ordered byte by byte (`COLLATE "C"`) as SQLite orders it.
public struct PostgresProjectRepository: ProjectRepository {
    let database: StudioProject
    let now: @Sendable () -> Date
    var project: String { database.id }

    public init(_ project: StudioProject, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = project
        self.now = now
    }


    static func json<T: Encodable>(_ value: T) throws -> String { try SQLiteProjectRepository.json(value) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try SQLiteProjectRepository.decode(T.self, text) }

    /// The `document`-like text column of every row, in order.
    func texts(_ query: PostgresQuery) async throws -> [String] {
        try await database.rows(query).map { try $0.decode(String.self) }
    }

    public func loadStoryboard() async throws -> Storyboard? {
        try await texts("SELECT document FROM storyboard WHERE project = \(project)").first
            .map { try Self.decode(Storyboard.self, $0) }
    }

    public func saveStoryboard(_ storyboard: Storyboard, fingerprints: [ShotID: String], scriptDigest: String?) async throws {
        let document = try Self.json(storyboard)
        let shots = try storyboard.shots.enumerated().map { i, shot in
            (shot.id.rawValue, shot.scene.rawValue, i, try Self.json(shot), fingerprints[shot.id] ?? "")
        }
        let (project, at) = (self.project, now().timeIntervalSince1970)
        try await database.transaction { connection, logger in
            try await connection.query("""
                INSERT INTO storyboard (project, document, script_digest, updated_at) VALUES (\(project), \(document), \(scriptDigest), \(at))
                ON CONFLICT (project) DO UPDATE SET document = excluded.document, script_digest = excluded.script_digest,
                    updated_at = excluded.updated_at
                """, logger: logger)
            try await connection.query("UPDATE shot SET retired = true, position = NULL WHERE project = \(project)", logger: logger)
            for (id, scene, position, doc, fingerprint) in shots {
                try await connection.query("""
                    INSERT INTO shot (project, id, scene, position, fingerprint, document, retired, updated_at)
                    VALUES (\(project), \(id), \(scene), \(position), \(fingerprint), \(doc), false, \(at))
                    ON CONFLICT (project, id) DO UPDATE SET scene = excluded.scene, position = excluded.position,
                        fingerprint = excluded.fingerprint, document = excluded.document, retired = false,
                        updated_at = excluded.updated_at
                    """, logger: logger)
            }
        }
    }

    public func shotEdits() async throws -> [ShotID: ShotEdit] {
        var out: [ShotID: ShotEdit] = [:]
        for row in try await database.rows("SELECT shot, edit FROM shot_edit WHERE project = \(project)") {
            let (shot, edit) = try row.decode((String, String).self)
            out[ShotID(shot)] = try Self.decode(ShotEdit.self, edit)
        }
        return out
    }

    public func saveShotEdit(_ edit: ShotEdit?, for shot: ShotID) async throws {
        guard let edit else {
            try await database.rows("DELETE FROM shot_edit WHERE project = \(project) AND shot = \(shot.rawValue)", writing: true)
            return
        }
        try await database.rows("""
            INSERT INTO shot_edit (project, shot, edit, updated_at) VALUES (\(project), \(shot.rawValue), \(try Self.json(edit)), \(now().timeIntervalSince1970))
            ON CONFLICT (project, shot) DO UPDATE SET edit = excluded.edit, updated_at = excluded.updated_at
            """, writing: true)
    }

    public func castEntries() async throws -> [SubjectID: CastEntry] {
        var out: [SubjectID: CastEntry] = [:]
        for row in try await database.rows("SELECT subject, entry FROM cast_entry WHERE project = \(project)") {
            let (subject, entry) = try row.decode((String, String).self)
            out[SubjectID(subject)] = try Self.decode(CastEntry.self, entry)
        }
        return out
    }

    public func saveCastEntry(_ entry: CastEntry, for subject: SubjectID) async throws {
        try await database.rows("""
            INSERT INTO cast_entry (project, subject, entry, updated_at)
            VALUES (\(project), \(subject.rawValue), \(try Self.json(entry)), \(now().timeIntervalSince1970))
            ON CONFLICT (project, subject) DO UPDATE SET entry = excluded.entry, updated_at = excluded.updated_at
            """, writing: true)
    }

    public func consentEvents() async throws -> [ConsentEvent] {
        try await texts("SELECT event FROM consent_event WHERE project = \(project) ORDER BY id").map { try Self.decode(ConsentEvent.self, $0) }
    }

    public func appendConsentEvent(_ event: ConsentEvent) async throws {
        try await database.rows("""
            INSERT INTO consent_event (project, subject, event, at)
            VALUES (\(project), \(event.subject.rawValue), \(try Self.json(event)), \(event.at.timeIntervalSince1970))
            """, writing: true)
    }

    public func knownShotIDs() async throws -> Set<ShotID> {
        Set(try await texts("SELECT id FROM shot WHERE project = \(project)").map { ShotID($0) })
    }

    public func addTakes(_ takes: [Take]) async throws {
        let project = self.project
        try await database.transaction { connection, logger in
            for take in takes {
                let row = TakeRow(take)
                try await connection.query("""
                    INSERT INTO \(unescaped: take.kind == .video ? "take" : "keyframe")
                        (project, id, shot, number, provider, model, seed, fingerprint, node, created_at, generated_ms, fit, shows, notes, inputs)
                    VALUES (\(project), \(row.id), \(row.shot), \(row.number), \(row.provider), \(row.model), \(row.seed), \(row.fingerprint),
                            \(row.node), \(row.createdAt), \(row.generatedMs), \(row.fit), \(row.shows), \(row.notes), \(row.inputs))
                    """, logger: logger)
            }
        }
    }

    public func takes(of shot: ShotID?, kind: TakeKind) async throws -> [Take] {
        // Each take with the newest job of its node, and the newest finished check of it.
        let rows = try await database.rows("""
            SELECT t.id, t.shot, t.number, t.provider, t.model, t.seed, t.fingerprint, t.node, t.created_at, t.generated_ms,
                   t.fit, t.shows, t.notes, t.inputs, j.detail AS job_detail, j.attempts AS job_attempts,
                   j.provider_job_id AS job_provider_id, j.updated_at AS job_updated, c.detail AS check_detail,
                   q.detail AS critique_detail
            FROM \(unescaped: kind == .video ? "take" : "keyframe") t
            LEFT JOIN LATERAL (SELECT detail, attempts, provider_job_id, updated_at FROM job
                               WHERE project = t.project AND node = t.node ORDER BY updated_at DESC LIMIT 1) j ON true
            LEFT JOIN LATERAL (SELECT detail FROM job WHERE project = t.project AND node = 'check:' || t.id AND state = 'succeeded'
                               ORDER BY updated_at DESC LIMIT 1) c ON true
            LEFT JOIN LATERAL (SELECT detail FROM job WHERE project = t.project AND node = 'critique:' || t.id AND state = 'succeeded'
                               ORDER BY updated_at DESC LIMIT 1) q ON true
            WHERE t.project = \(project) AND (\(shot?.rawValue)::text IS NULL OR t.shot = \(shot?.rawValue))
            ORDER BY t.shot COLLATE "C", t.number
            """)
        return Take.markingDuplicates(try rows.map { row in
            let r = row.makeRandomAccess()
            let take = TakeRow(id: try r.get("id"), shot: try r.get("shot"), number: try r.get("number"), provider: try r.get("provider"),
                               model: try r.get("model"), seed: try r.get("seed"), fingerprint: try r.get("fingerprint"),
                               node: try r.get("node"), createdAt: try r.get("created_at"), generatedMs: try r.get("generated_ms"),
                               fit: try r.get("fit"), shows: try r.get("shows"), notes: try r.get("notes"),
                               inputs: try r.get("inputs"))
            guard let detail = try r.get("job_detail", as: String?.self) else {
                return take.take(state: .requested, attempts: 0, providerJobID: nil, updatedAt: nil, kind: kind)
            }
            let state = (try? Self.decode(JobState.self, detail))?.takeState
                ?? .failed(JobFailure(.failed, "the record of its job cannot be read"))
            let verdict = try r.get("check_detail", as: String?.self).flatMap { TakeRow.finished(TakeVerdict.self, $0) }
            let critique = try r.get("critique_detail", as: String?.self).flatMap { TakeRow.finished(TakeCritique.self, $0) }
            return take.take(state: state, attempts: try r.get("job_attempts", as: Int?.self) ?? 0,
                             providerJobID: try r.get("job_provider_id"),
                             updatedAt: try r.get("job_updated", as: Double?.self).map { Date(timeIntervalSince1970: $0) }, kind: kind,
                             verdict: verdict, critique: critique)
        })
    }

    static func pickTable(_ kind: TakeKind) -> String { kind == .video ? "pick" : "keyframe_pick" }

    public func pick(_ take: TakeID, for shot: ShotID, kind: TakeKind, auto: Bool) async throws {
        try await database.rows("""
            INSERT INTO \(unescaped: Self.pickTable(kind)) (project, shot, take, picked_at, auto)
            VALUES (\(project), \(shot.rawValue), \(take.rawValue), \(now().timeIntervalSince1970), \(auto))
            ON CONFLICT (project, shot) DO UPDATE SET take = excluded.take, picked_at = excluded.picked_at, auto = excluded.auto
            """, writing: true)
    }

    public func unpick(_ shot: ShotID, kind: TakeKind) async throws -> TakeID? {
        try await database.rows("""
            DELETE FROM \(unescaped: Self.pickTable(kind)) WHERE project = \(project) AND shot = \(shot.rawValue) RETURNING take
            """, writing: true).first.map { TakeID(try $0.decode(String.self)) }
    }

    public func picks(kind: TakeKind) async throws -> [ShotID: TakeID] {
        var out: [ShotID: TakeID] = [:]
        for row in try await database.rows("SELECT shot, take FROM \(unescaped: Self.pickTable(kind)) WHERE project = \(project)") {
            let (shot, take) = try row.decode((String, String).self)
            out[ShotID(shot)] = TakeID(take)
        }
        return out
    }

    public func automaticPicks() async throws -> Set<ShotID> {
        Set(try await texts("SELECT shot FROM pick WHERE project = \(project) AND auto").map { ShotID($0) })
    }

    public func changeToken() async throws -> String {
        // Counts catch rows added; the newest times catch rows changed in place.
        let parts = try await texts("""
            SELECT concat_ws(';',
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM job WHERE project = \(project)),
                (SELECT COALESCE(MAX(updated_at), 0) FROM storyboard WHERE project = \(project)),
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM shot_edit WHERE project = \(project)),
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM cast_entry WHERE project = \(project)),
                (SELECT COUNT(*) FROM consent_event WHERE project = \(project)),
                (SELECT COUNT(*) FROM take WHERE project = \(project)) || '/' || (SELECT COUNT(*) FROM keyframe WHERE project = \(project)),
                (SELECT COUNT(*) || '/' || COALESCE(MAX(picked_at), 0) FROM pick WHERE project = \(project)),
                (SELECT COUNT(*) || '/' || COALESCE(MAX(picked_at), 0) FROM keyframe_pick WHERE project = \(project)),
                (SELECT COUNT(*) || '/' || COUNT(withdrawn_at) FROM note WHERE project = \(project)))
            """)
        return String(Hashing.sha256(parts.first ?? "").rawValue.prefix(16))
    }

    static let noteColumns = "id, shot, take, at_ms, box, text, author, created_at, withdrawn_at, withdrawn_by"

    static func note(_ row: PostgresRow) throws -> ShotNote {
        let r = row.makeRandomAccess()
        return NoteRow(id: try r.get("id"), shot: try r.get("shot"), take: try r.get("take"), atMs: try r.get("at_ms"),
                       box: try r.get("box"), text: try r.get("text"), author: try r.get("author"),
                       createdAt: try r.get("created_at"), withdrawnAt: try r.get("withdrawn_at"),
                       withdrawnBy: try r.get("withdrawn_by")).note
    }

    public func notes(of shot: ShotID?) async throws -> [ShotNote] {
        try await database.rows("""
            SELECT \(unescaped: Self.noteColumns) FROM note
            WHERE project = \(project) AND (\(shot?.rawValue)::text IS NULL OR shot = \(shot?.rawValue)) ORDER BY id
            """).map(Self.note)
    }

    public func addNote(_ note: ShotNote) async throws -> ShotNote {
        let row = NoteRow(note)
        return try await database.rows("""
            INSERT INTO note (project, shot, take, at_ms, box, text, author, created_at, withdrawn_at, withdrawn_by)
            VALUES (\(project), \(row.shot), \(row.take), \(row.atMs), \(row.box), \(row.text), \(row.author), \(row.createdAt),
                    \(row.withdrawnAt), \(row.withdrawnBy))
            RETURNING \(unescaped: Self.noteColumns)
            """, writing: true).map(Self.note)[0]
    }

    public func withdrawNote(_ id: Int64, at: Date, by: String?) async throws -> ShotNote? {
        try await database.rows("""
            UPDATE note SET withdrawn_at = \(at.timeIntervalSince1970), withdrawn_by = \(by)
            WHERE project = \(project) AND id = \(id) AND withdrawn_at IS NULL
            """, writing: true)
        return try await database.rows("SELECT \(unescaped: Self.noteColumns) FROM note WHERE project = \(project) AND id = \(id)")
            .map(Self.note).first
    }

    public func jobs(states: Set<String>) async throws -> [JobSummary] {
        try await database.rows("""
            SELECT node, kind, provider, shot, state, detail, failure_reason, provider_job_id, attempts, updated_at FROM job
            WHERE project = \(project) AND (cardinality(\(Array(states))::text[]) = 0 OR state = ANY(\(Array(states))))
            ORDER BY updated_at DESC
            """).map { row in
            let r = row.makeRandomAccess()
            var message: String?
            if case .failed(let f)? = try? Self.decode(JobState.self, try r.get("detail")) { message = f.message }
            return JobSummary(node: try r.get("node"), kind: try r.get("kind"), provider: try r.get("provider"), shot: try r.get("shot"),
                              state: try r.get("state"), failureReason: try r.get("failure_reason"), message: message,
                              providerJobID: try r.get("provider_job_id"), attempts: try r.get("attempts"),
                              updatedAt: Date(timeIntervalSince1970: try r.get("updated_at")))
        }
    }

    /// Sums of money per currency from `query` (columns `currency`, `total`).
    func money(_ query: PostgresQuery) async throws -> [Money] {
        try await database.rows(query).map { row in
            let (currency, total) = try row.decode((String, Int64).self)
            return Money(micros: total, currency: currency)
        }
    }

    public func spent() async throws -> [Money] {
        try await money("""
            SELECT currency, SUM(micros)::bigint AS total FROM ledger WHERE project = \(project) GROUP BY currency ORDER BY currency COLLATE "C"
            """)
    }

    public func stats() async throws -> ProjectStats {
        let spent = try await self.spent()
        let committed = try await money("""
            SELECT estimate_currency, SUM(estimate_micros)::bigint FROM job
            WHERE project = \(project) AND state IN ('submitted', 'running') AND estimate_micros IS NOT NULL GROUP BY estimate_currency
            """)
        var byState: [String: Int] = [:]
        for row in try await database.rows("SELECT state, COUNT(*) FROM job WHERE project = \(project) GROUP BY state") {
            let (state, n) = try row.decode((String, Int).self)
            byState[state] = n
        }
        let counts = try await database.rows("""
            SELECT (SELECT COUNT(*) FROM run WHERE project = \(project)),
                   (SELECT COALESCE(SUM(cached), 0)::bigint FROM run WHERE project = \(project)),
                   (SELECT COUNT(*) FROM run WHERE project = \(project) AND finished_at IS NULL),
                   (SELECT COUNT(*) FROM job_event WHERE project = \(project) AND state = 'succeeded'),
                   (SELECT COUNT(*) FROM take WHERE project = \(project)),
                   (SELECT COUNT(*) FROM pick WHERE project = \(project)),
                   (SELECT COUNT(*) FROM take WHERE project = \(project) AND shot IN (SELECT shot FROM pick WHERE project = \(project)))
            """)[0]
        let (runs, cached, open, ran, takes, picked, attempts) = try counts.decode((Int, Int, Int, Int, Int, Int, Int).self)
        return ProjectStats(jobsByState: byState, runs: runs, unfinishedRuns: open, cacheHits: cached, jobsRun: ran,
                            spent: spent, committed: committed, takes: takes, pickedShots: picked,
                            attemptsPerPickedShot: picked > 0 ? Double(attempts) / Double(picked) : nil)
    }

    public func startRun(command: String, startedAt: Date) async throws -> Int64 {
        try await database.rows("""
            INSERT INTO run (project, command, started_at) VALUES (\(project), \(command), \(startedAt.timeIntervalSince1970)) RETURNING id
            """, writing: true)[0].decode(Int64.self)
    }

    public func finishRun(_ run: Int64, summary: RunSummary) async throws {
        try await database.rows("""
            UPDATE run SET finished_at = \(now().timeIntervalSince1970), total = \(summary.total), ran = \(summary.ran),
                cached = \(summary.cached), failed = \(summary.failures.count + summary.skipped.count)
            WHERE project = \(project) AND id = \(run)
            """, writing: true)
    }
}
