import Foundation
import GRDB
import ReelEngine
import ReelModel

/// ``ProjectRepository`` in the project's SQLite database.
public struct SQLiteProjectRepository: ProjectRepository {
    let database: ProjectDatabase
    let now: @Sendable () -> Date

    public init(database: ProjectDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    public func loadStoryboard() async throws -> Storyboard? {
        try await database.read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT document FROM storyboard WHERE id = 1") else { return nil }
            return try SQLiteProjectRepository.decode(Storyboard.self, text)
        }
    }

    public func saveStoryboard(_ storyboard: Storyboard, fingerprints: [ShotID: String], scriptDigest: String?) async throws {
        let document = try SQLiteProjectRepository.json(storyboard)
        let shots = try storyboard.shots.enumerated().map { i, shot in
            (shot, i, try SQLiteProjectRepository.json(shot), fingerprints[shot.id] ?? "")
        }
        let at = now().timeIntervalSince1970
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO storyboard (id, document, script_digest, updated_at) VALUES (1, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET document = excluded.document, script_digest = excluded.script_digest,
                    updated_at = excluded.updated_at
                """, arguments: [document, scriptDigest, at])
            try db.execute(sql: "UPDATE shot SET retired = 1, position = NULL")
            for (shot, position, doc, fingerprint) in shots {
                try db.execute(sql: """
                    INSERT INTO shot (id, scene, position, fingerprint, document, retired, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)
                    ON CONFLICT(id) DO UPDATE SET scene = excluded.scene, position = excluded.position,
                        fingerprint = excluded.fingerprint, document = excluded.document, retired = 0,
                        updated_at = excluded.updated_at
                    """, arguments: [shot.id.rawValue, shot.scene.rawValue, position, fingerprint, doc, at])
            }
        }
    }

    public func shotEdits() async throws -> [ShotID: ShotEdit] {
        try await database.read { db in
            Dictionary(try ShotEditRow.fetchAll(db).map { (ShotID($0.shot), try SQLiteProjectRepository.decode(ShotEdit.self, $0.edit)) },
                       uniquingKeysWith: { $1 })
        }
    }

    public func saveShotEdit(_ edit: ShotEdit?, for shot: ShotID) async throws {
        let row = try edit.map { ShotEditRow(shot: shot.rawValue, edit: try SQLiteProjectRepository.json($0),
                                             updatedAt: now().timeIntervalSince1970) }
        try await database.write { db in
            if let row { try row.upsert(db) } else { _ = try ShotEditRow.deleteOne(db, key: shot.rawValue) }
        }
    }

    public func castEntries() async throws -> [SubjectID: CastEntry] {
        try await database.read { db in
            Dictionary(try CastEntryRow.fetchAll(db).map { (SubjectID($0.subject), try SQLiteProjectRepository.decode(CastEntry.self, $0.entry)) },
                       uniquingKeysWith: { $1 })
        }
    }

    public func saveCastEntry(_ entry: CastEntry, for subject: SubjectID) async throws {
        let row = CastEntryRow(subject: subject.rawValue, entry: try SQLiteProjectRepository.json(entry),
                               updatedAt: now().timeIntervalSince1970)
        try await database.write { db in try row.upsert(db) }
    }

    public func consentEvents() async throws -> [ConsentEvent] {
        try await database.read { db in
            try ConsentEventRow.order(Column("id")).fetchAll(db).map { try SQLiteProjectRepository.decode(ConsentEvent.self, $0.event) }
        }
    }

    public func appendConsentEvent(_ event: ConsentEvent) async throws {
        let row = ConsentEventRow(id: nil, subject: event.subject.rawValue, event: try SQLiteProjectRepository.json(event),
                                  at: event.at.timeIntervalSince1970)
        try await database.write { db in try row.insert(db) }
    }

    public func knownShotIDs() async throws -> Set<ShotID> {
        try await database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM shot").map { ShotID($0) })
        }
    }

    public func addTakes(_ takes: [Take]) async throws {
        try await database.write { db in
            for take in takes {
                switch take.kind {
                case .video: try TakeRow(take).insert(db)
                case .keyframe: try KeyframeRow(TakeRow(take)).insert(db)
                }
            }
        }
    }

    public func takes(of shot: ShotID?, kind: TakeKind) async throws -> [Take] {
        let table = kind == .video ? TakeRow.databaseTableName : KeyframeRow.databaseTableName
        return Take.markingDuplicates(try await database.read { db in
            // Each take with the newest job of its node.
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.*, j.detail AS job_detail, j.attempts AS job_attempts,
                       j.provider_job_id AS job_provider_id, j.updated_at AS job_updated, c.detail AS check_detail,
                       q.detail AS critique_detail
                FROM \(table) t
                LEFT JOIN job j ON j.key = (SELECT key FROM job WHERE node = t.node ORDER BY updated_at DESC LIMIT 1)
                LEFT JOIN job c ON c.key = (SELECT key FROM job WHERE node = 'check:' || t.id AND state = 'succeeded'
                                            ORDER BY updated_at DESC LIMIT 1)
                LEFT JOIN job q ON q.key = (SELECT key FROM job WHERE node = 'critique:' || t.id AND state = 'succeeded'
                                            ORDER BY updated_at DESC LIMIT 1)
                WHERE (? IS NULL OR t.shot = ?)
                ORDER BY t.shot, t.number
                """, arguments: [shot?.rawValue, shot?.rawValue])
            return try rows.map { row in
                let take = try TakeRow(row: row)
                guard let detail = row["job_detail"] as String? else {
                    return take.take(state: .requested, attempts: 0, providerJobID: nil, updatedAt: nil, kind: kind)
                }
                let state = (try? SQLiteProjectRepository.decode(JobState.self, detail))?.takeState
                    ?? .failed(JobFailure(.failed, "the record of its job cannot be read"))
                // The verdict of its quality check, when one finished (the `check:` node's details).
                let verdict = (row["check_detail"] as String?).flatMap { TakeRow.finished(TakeVerdict.self, $0) }
                let critique = (row["critique_detail"] as String?).flatMap { TakeRow.finished(TakeCritique.self, $0) }
                return take.take(state: state, attempts: row["job_attempts"] ?? 0, providerJobID: row["job_provider_id"],
                                 updatedAt: (row["job_updated"] as Double?).map { Date(timeIntervalSince1970: $0) }, kind: kind,
                                 verdict: verdict, critique: critique)
            }
        })
    }

    public func pick(_ take: TakeID, for shot: ShotID, kind: TakeKind, auto: Bool) async throws {
        let row = PickRow(shot: shot.rawValue, take: take.rawValue, pickedAt: now().timeIntervalSince1970, auto: auto)
        try await database.write { db in
            switch kind {
            case .video: try row.upsert(db)
            case .keyframe: try KeyframePickRow(row).upsert(db)
            }
        }
    }

    public func unpick(_ shot: ShotID, kind: TakeKind) async throws -> TakeID? {
        let table = kind == .video ? PickRow.databaseTableName : KeyframePickRow.databaseTableName
        return try await database.write { db in
            let take = try String.fetchOne(db, sql: "SELECT take FROM \(table) WHERE shot = ?", arguments: [shot.rawValue])
            try db.execute(sql: "DELETE FROM \(table) WHERE shot = ?", arguments: [shot.rawValue])
            return take.map { TakeID($0) }
        }
    }

    public func picks(kind: TakeKind) async throws -> [ShotID: TakeID] {
        try await database.read { db in
            let rows = switch kind {
            case .video: try PickRow.fetchAll(db)
            case .keyframe: try PickRow.fetchAll(db, sql: "SELECT * FROM keyframe_pick")
            }
            return Dictionary(rows.map { (ShotID($0.shot), TakeID($0.take)) }, uniquingKeysWith: { $1 })
        }
    }

    public func automaticPicks() async throws -> Set<ShotID> {
        try await database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT shot FROM pick WHERE auto").map { ShotID($0) })
        }
    }

    public func changeToken() async throws -> String {
        try await database.read { db in
            // Counts catch rows added; the newest times catch rows changed in place.
            let parts = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM job) AS jobs,
                       (SELECT COALESCE(MAX(updated_at), 0) FROM storyboard) AS board,
                       (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM shot_edit) AS edits,
                       (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) FROM cast_entry) AS cast,
                       (SELECT COUNT(*) FROM consent_event) AS consents,
                       (SELECT COUNT(*) FROM take) || '/' || (SELECT COUNT(*) FROM keyframe) AS takes,
                       (SELECT COUNT(*) || '/' || COALESCE(MAX(picked_at), 0) FROM pick) AS picks,
                       (SELECT COUNT(*) || '/' || COALESCE(MAX(picked_at), 0) FROM keyframe_pick) AS keyframePicks,
                       (SELECT COUNT(*) || '/' || COUNT(withdrawn_at) FROM note) AS notes
                """)
            let text = ["jobs", "board", "edits", "cast", "consents", "takes", "picks", "keyframePicks", "notes"]
                .map { ((parts?[$0] as DatabaseValue?) ?? .null).description }.joined(separator: ";")
            return String(Hashing.sha256(text).rawValue.prefix(16))
        }
    }

    public func notes(of shot: ShotID?) async throws -> [ShotNote] {
        try await database.read { db in
            try NoteRow.fetchAll(db, sql: "SELECT * FROM note WHERE (? IS NULL OR shot = ?) ORDER BY id",
                                 arguments: [shot?.rawValue, shot?.rawValue]).map(\.note)
        }
    }

    public func addNote(_ note: ShotNote) async throws -> ShotNote {
        try await database.write { db in
            var row = NoteRow(note)
            try row.insert(db)
            return row.note
        }
    }

    public func withdrawNote(_ id: Int64, at: Date, by: String?) async throws -> ShotNote? {
        try await database.write { db in
            try db.execute(sql: "UPDATE note SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL",
                           arguments: [at.timeIntervalSince1970, by, id])
            return try NoteRow.fetchOne(db, key: id)?.note
        }
    }

    public func jobs(states: Set<String>) async throws -> [JobSummary] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job ORDER BY updated_at DESC").compactMap { row -> JobSummary? in
                let state: String = row["state"]
                guard states.isEmpty || states.contains(state) else { return nil }
                var message: String?
                if let detail = row["detail"] as String?, case .failed(let f)? = try? SQLiteProjectRepository.decode(JobState.self, detail) {
                    message = f.message
                }
                return JobSummary(node: row["node"], kind: row["kind"], provider: row["provider"], shot: row["shot"], state: state,
                              failureReason: row["failure_reason"], message: message, providerJobID: row["provider_job_id"],
                              attempts: row["attempts"], updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
            }
        }
    }

    public func spent() async throws -> [Money] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT currency, SUM(micros) AS total FROM ledger GROUP BY currency ORDER BY currency")
                .map { Money(micros: $0["total"], currency: $0["currency"]) }
        }
    }

    /// Counted from facts written as they happen, so runs that were killed count too: runs
    /// from their start records, jobs run from the journal's `succeeded` transitions (a
    /// cached job is served without one). Cache hits are known once a run finishes.
    public func stats() async throws -> ProjectStats {
        let spent = try await self.spent()
        return try await database.read { db in
            var byState: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state") {
                byState[row["state"]] = row["n"]
            }
            let runs = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(cached), 0) AS c, COUNT(*) - COUNT(finished_at) AS open FROM run
                """)
            let ran = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_event WHERE state = 'succeeded'") ?? 0
            let committed = try Row.fetchAll(db, sql: """
                SELECT estimate_currency AS currency, SUM(estimate_micros) AS total FROM job
                WHERE state IN ('submitted', 'running') AND estimate_micros IS NOT NULL GROUP BY estimate_currency
                """).map { Money(micros: $0["total"], currency: $0["currency"]) }
            let takes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM take") ?? 0
            let picked = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pick") ?? 0
            let attempts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM take WHERE shot IN (SELECT shot FROM pick)") ?? 0
            return ProjectStats(jobsByState: byState, runs: runs?["n"] ?? 0, unfinishedRuns: runs?["open"] ?? 0,
                                cacheHits: runs?["c"] ?? 0, jobsRun: ran,
                                spent: spent, committed: committed, takes: takes, pickedShots: picked,
                                attemptsPerPickedShot: picked > 0 ? Double(attempts) / Double(picked) : nil)
        }
    }

    public func startRun(command: String, startedAt: Date) async throws -> Int64 {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO run (command, started_at) VALUES (?, ?)",
                           arguments: [command, startedAt.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ run: Int64, summary: RunSummary) async throws {
        let end = now().timeIntervalSince1970
        try await database.write { db in
            try db.execute(sql: """
                UPDATE run SET finished_at = ?, total = ?, ran = ?, cached = ?, failed = ? WHERE id = ?
                """, arguments: [end, summary.total, summary.ran, summary.cached,
                                 summary.failures.count + summary.skipped.count, run])
        }
    }
}
