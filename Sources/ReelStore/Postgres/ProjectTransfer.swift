import Foundation
import GRDB
import PostgresNIO
import ReelModel

/// Moves a project's state between its SQLite file and a studio database, row for row:
/// takes, journal (every transition), ledger, runs, picks, edits, cast, consent ledger and
/// notes. Either side is written in one transaction, so a move that fails leaves nothing
/// half-copied; the source is never changed.
public enum ProjectTransfer {
    /// How many rows of each table moved.
    public typealias Counts = [String: Int]

    enum Kind { case text, int, double, bool }

    /// One table as both schemas have it (the studio's adds `project` first). `serial`: its
    /// `id` is the database's to give (not copied; rows keep their order).
    struct Table {
        let name: String
        let columns: [(name: String, kind: Kind)]
        var serial = false
    }

    static let takeColumns: [(String, Kind)] = [
        ("id", .text), ("shot", .text), ("number", .int), ("provider", .text), ("model", .text), ("seed", .text),
        ("fingerprint", .text), ("node", .text), ("created_at", .double), ("generated_ms", .int), ("fit", .text),
        ("shows", .text), ("notes", .text), ("inputs", .text),
    ]

    /// Every table, parents before children.
    static let tables: [Table] = [
        Table(name: "job", columns: [
            ("key", .text), ("node", .text), ("kind", .text), ("provider", .text), ("model", .text), ("shot", .text),
            ("state", .text), ("detail", .text), ("provider_job_id", .text), ("output_digest", .text), ("attempts", .int),
            ("resubmits", .int), ("failure_reason", .text), ("cost_micros", .int), ("cost_currency", .text),
            ("estimate_micros", .int), ("estimate_currency", .text), ("created_at", .double), ("updated_at", .double),
        ]),
        Table(name: "job_event", columns: [("key", .text), ("state", .text), ("detail", .text), ("at", .double)], serial: true),
        Table(name: "storyboard", columns: [("document", .text), ("script_digest", .text), ("updated_at", .double)]),
        Table(name: "shot", columns: [
            ("id", .text), ("scene", .text), ("position", .int), ("fingerprint", .text), ("document", .text),
            ("retired", .bool), ("updated_at", .double),
        ]),
        Table(name: "take", columns: takeColumns),
        Table(name: "keyframe", columns: takeColumns),
        Table(name: "pick", columns: [("shot", .text), ("take", .text), ("picked_at", .double), ("auto", .bool)]),
        Table(name: "keyframe_pick", columns: [("shot", .text), ("take", .text), ("picked_at", .double), ("auto", .bool)]),
        Table(name: "ledger", columns: [("job", .text), ("provider", .text), ("micros", .int), ("currency", .text), ("at", .double)],
              serial: true),
        Table(name: "run", columns: [
            ("command", .text), ("started_at", .double), ("finished_at", .double), ("total", .int), ("ran", .int),
            ("cached", .int), ("failed", .int),
        ], serial: true),
        Table(name: "shot_edit", columns: [("shot", .text), ("edit", .text), ("updated_at", .double)]),
        Table(name: "cast_entry", columns: [("subject", .text), ("entry", .text), ("updated_at", .double)]),
        Table(name: "consent_event", columns: [("subject", .text), ("event", .text), ("at", .double)], serial: true),
    ]
    /// Notes keep their ids in a file; in the studio they get new ones, and the takes that
    /// carried them (`notes`, a JSON array of ids) are rewritten to match.
    static let notes = Table(name: "note", columns: [
        ("id", .int), ("shot", .text), ("take", .text), ("at_ms", .int), ("box", .text), ("text", .text), ("author", .text),
        ("created_at", .double), ("withdrawn_at", .double), ("withdrawn_by", .text),
    ])
    static let assets = Table(name: "asset", columns: [
        ("digest", .text), ("media_type", .text), ("byte_count", .int), ("media", .text), ("created_at", .double),
    ])

    enum Cell: Sendable {
        case text(String), int(Int64), double(Double), bool(Bool), null

        var value: DatabaseValue {
            switch self {
            case .text(let v): v.databaseValue
            case .int(let v): v.databaseValue
            case .double(let v): v.databaseValue
            case .bool(let v): v.databaseValue
            case .null: .null
            }
        }

        func bind(_ kind: Kind, into binds: inout PostgresBindings) {
            switch (self, kind) {
            case (.text(let v), _): binds.append(v)
            case (.int(let v), .bool): binds.append(v != 0)
            case (.int(let v), .double): binds.append(Double(v))
            case (.int(let v), _): binds.append(v)
            case (.double(let v), _): binds.append(v)
            case (.bool(let v), _): binds.append(v)
            case (.null, .text): binds.append(String?.none)
            case (.null, .int): binds.append(Int64?.none)
            case (.null, .double): binds.append(Double?.none)
            case (.null, .bool): binds.append(Bool?.none)
            }
        }
    }

    typealias Rows = [[Cell]]

    // MARK: File → studio

    /// Copies the project in `file` into project `project` of the studio database, which
    /// must hold nothing for it yet.
    public static func copy(_ file: ProjectDatabase, into project: StudioProject) async throws -> Counts {
        let read = try await file.read { db in
            var out: [String: Rows] = [:]
            for table in [assets] + tables + [notes] {
                let names = table.columns.map(\.name).joined(separator: ", ")
                out[table.name] = try Row.fetchAll(db, sql: "SELECT \(names) FROM \(table.name) ORDER BY rowid").map { row in
                    table.columns.enumerated().map { i, column in cell(row[i] as DatabaseValue, column.kind) }
                }
            }
            return out
        }
        try await refuseStateIn(project)
        let id = project.id
        // A large project takes a while: an hour before it is given up.
        return try await project.transaction(within: .seconds(3600)) { connection, logger in
            var counts: Counts = [:]
            for row in read[assets.name] ?? [] {
                try await connection.query(insert(assets, row, project: nil,
                                                  suffix: "ON CONFLICT (digest) DO UPDATE SET media = COALESCE(asset.media, excluded.media)"),
                                           logger: logger)
            }
            for table in tables {
                let rows = read[table.name] ?? []
                for row in rows { try await connection.query(insert(table, row, project: id), logger: logger) }
                counts[table.name] = rows.count
            }
            var newIDs: [Int64: Int64] = [:]
            for row in read[notes.name] ?? [] {
                guard case .int(let old) = row[0] else { continue }
                let inserted = try await connection.query(insert(notes, row, project: id, suffix: "RETURNING id"), logger: logger)
                for try await new in inserted.decode(Int64.self) { newIDs[old] = new }
            }
            counts[notes.name] = newIDs.count
            // The notes a take carried, and the note frames among the pictures it was sent.
            for table in ["take", "keyframe"] {
                for row in read[table] ?? [] {
                    guard case .text(let take) = row[0] else { continue }
                    if case .text(let carried) = row[12], let ids = try? JSONDecoder().decode([Int64].self, from: Data(carried.utf8)) {
                        let renumbered = String(decoding: try JSONEncoder().encode(ids.map { newIDs[$0] ?? $0 }), as: UTF8.self)
                        try await connection.query("""
                            UPDATE \(unescaped: table) SET notes = \(renumbered) WHERE project = \(id) AND id = \(take)
                            """, logger: logger)
                    }
                    if case .text(let sent) = row[13], var inputs = try? JSONDecoder().decode([TakeInput].self, from: Data(sent.utf8)),
                       inputs.contains(where: { $0.note != nil }) {
                        for i in inputs.indices { inputs[i].note = inputs[i].note.map { newIDs[$0] ?? $0 } }
                        let renumbered = String(decoding: try JSONEncoder().encode(inputs), as: UTF8.self)
                        try await connection.query("""
                            UPDATE \(unescaped: table) SET inputs = \(renumbered) WHERE project = \(id) AND id = \(take)
                            """, logger: logger)
                    }
                }
            }
            return counts
        }
    }

    /// An INSERT of `row` into `table`; a serial table's id is left to the database.
    static func insert(_ table: Table, _ row: [Cell], project: String?, suffix: String = "") -> PostgresQuery {
        var binds = PostgresBindings()
        var names: [String] = []
        if let project {
            binds.append(project)
            names.append("project")
        }
        for (i, column) in table.columns.enumerated() where !(table.name == "note" && column.name == "id") {
            row[i].bind(column.kind, into: &binds)
            names.append(column.name)
        }
        let placeholders = (1...names.count).map { "$\($0)" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(placeholders)) \(suffix)",
                             binds: binds)
    }

    static func cell(_ value: DatabaseValue, _ kind: Kind) -> Cell {
        switch value.storage {
        case .null: .null
        case .int64(let v): kind == .double ? .double(Double(v)) : kind == .bool ? .bool(v != 0) : .int(v)
        case .double(let v): kind == .int ? .int(Int64(v)) : .double(v)
        case .string(let v): .text(v)
        case .blob(let v): .text(String(decoding: v, as: UTF8.self))
        }
    }

    /// The project-owned tables, for "does it hold anything".
    static var projectTables: [String] { tables.map(\.name) + [notes.name] }

    /// Refuses a studio project that already holds anything (a storyboard, a job, a cast,
    /// a consent event, a note…): moving must never mix two histories — least of all two
    /// consent ledgers, which can never be taken apart again.
    static func refuseStateIn(_ project: StudioProject) async throws {
        var binds = PostgresBindings()
        binds.append(project.id)
        let sum = projectTables.map { "(SELECT COUNT(*) FROM \($0) WHERE project = $1)" }.joined(separator: " + ")
        let found = try await project.rows(PostgresQuery(unsafeSQL: "SELECT (\(sum))::bigint", binds: binds))[0].decode(Int.self)
        if found > 0 {
            throw ReelError(.refused, "the studio database already holds the project \(project.id) (studio_id in reel.yaml)",
                            at: project.database.location,
                            hint: "nothing was changed; if this copy is that project, the studio has its state: move .reel/reel.sqlite aside "
                                + "here and work in the studio; to bring this copy in as a project of its own, delete the studio_id line "
                                + "from its reel.yaml and import again")
        }
    }

    // MARK: Studio → file

    /// Copies project `project` of the studio database into the empty project file `file`.
    public static func copy(_ project: StudioProject, into file: ProjectDatabase) async throws -> Counts {
        var read: [String: Rows] = [:]
        let id = project.id
        for table in tables + [notes] {
            let names = table.columns.map(\.name).joined(separator: ", ")
            var binds = PostgresBindings()
            binds.append(id)
            let order = table.serial || table.name == "note" ? "ORDER BY id" : ""
            read[table.name] = try await project.rows(PostgresQuery(unsafeSQL: "SELECT \(names) FROM \(table.name) WHERE project = $1 \(order)",
                                                                    binds: binds)).map { try cells($0, table) }
        }
        read[assets.name] = try await project.rows("""
            SELECT digest, media_type, byte_count, media, created_at FROM asset
            WHERE digest IN (SELECT output_digest FROM job WHERE project = \(id))
            """).map { try cells($0, assets) }
        let rows = read
        return try await file.write { db in
            guard try !ProjectDatabase.holdsWork(db) else {
                throw ReelError(.refused, "the project's own database already holds a project", at: file.path,
                                hint: "nothing was changed; move .reel/reel.sqlite aside first to replace it with the studio's copy")
            }
            var counts: Counts = [:]
            for table in [assets] + tables + [notes] {
                var names = table.columns.map(\.name)
                var extra: [DatabaseValue] = []
                if table.name == "storyboard" {
                    names.append("id")
                    extra.append(1.databaseValue)
                }
                let sql = "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
                for row in rows[table.name] ?? [] {
                    try db.execute(sql: sql, arguments: StatementArguments(row.map(\.value) + extra))
                }
                if table.name != assets.name { counts[table.name] = rows[table.name]?.count ?? 0 }
            }
            return counts
        }
    }

    /// The digests of every job's output in `project` (takes, voices, music, panels, cuts).
    public static func outputDigests(of project: StudioProject) async throws -> Set<String> {
        Set(try await project.rows("SELECT DISTINCT output_digest FROM job WHERE project = \(project.id) AND output_digest IS NOT NULL")
            .map { try $0.decode(String.self) })
    }

    /// A row's cells; a value that cannot be read stops the move (never a silent NULL).
    static func cells(_ row: PostgresRow, _ table: Table) throws -> [Cell] {
        let random = row.makeRandomAccess()
        return try table.columns.enumerated().map { i, column in
            let cell = random[i]
            switch column.kind {
            case .text: return try cell.decode(String?.self).map(Cell.text) ?? .null
            case .int: return try cell.decode(Int64?.self).map(Cell.int) ?? .null
            case .double: return try cell.decode(Double?.self).map(Cell.double) ?? .null
            case .bool: return try cell.decode(Bool?.self).map(Cell.bool) ?? .null
            }
        }
    }
}

extension ProjectDatabase {
    /// Whether the database file at `path` holds anything of a project's (a storyboard, a
    /// job, a cast, a consent event, a note…), looked at read-only; false when there is no
    /// such file.
    public static func holdsWork(at path: String) throws -> Bool {
        guard let found = try inspect(path, keepOpen: true), let queue = found.queue else { return false }
        defer { try? queue.close() }
        guard found.tables > 0 else { return false }
        return try queue.read { db in try holdsWork(db) }
    }

    static func holdsWork(_ db: Database) throws -> Bool {
        // The tables it has: a database from an older Reel may lack the newer ones.
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        let counted = ProjectTransfer.projectTables.filter(present.contains)
        guard !counted.isEmpty else { return false }
        let sum = counted.map { "(SELECT COUNT(*) FROM \($0))" }.joined(separator: " + ")
        return (try Int.fetchOne(db, sql: "SELECT \(sum)") ?? 0) > 0
    }
}
