import Foundation
import GRDB
import ReelModel

/// The project's SQLite database: the source of truth for jobs, assets and (later)
/// storyboards and takes.
///
/// Opening checks that the file is a Reel database this version understands before
/// touching it: a corrupted, foreign or newer-schema file is refused with a clear error
/// and left exactly as it was.
public final class ProjectDatabase: Sendable {
    /// `REEL` in ASCII, stored in the SQLite header.
    public static let applicationID: Int32 = 0x5245_454C

    let writer: DatabaseQueue
    public let path: String
    /// Opened read-only: nothing is written, not even the schema brought up to date.
    public let isReadOnly: Bool

    private init(path: String, queue: DatabaseQueue, isReadOnly: Bool) {
        self.path = path
        self.writer = queue
        self.isReadOnly = isReadOnly
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// The file is checked read-only first: a refused file is never written to, not even its
    /// header. `whenNew` runs before anything is written when the file holds no project yet
    /// (missing or without tables); it throws to refuse starting one.
    public convenience init(path: String, whenNew: () throws -> Void = {}) throws {
        let found = try ProjectDatabase.inspect(path)
        if found == nil || found?.tables == 0 { try whenNew() }
        self.init(path: path, queue: try ProjectDatabase.openForWriting(path), isReadOnly: false)
    }

    /// Opens the database at `path` for reading only: no file is created or written, no
    /// schema is migrated, and writers (who hold the project lock) go on meanwhile (WAL).
    /// A project on a read-only disk can be read. A missing or table-less database reads as
    /// an empty project, once `whenNew` allows it.
    ///
    /// A database from an older Reel must have its schema updated before it can be read:
    /// that one write is done here when the file is writable.
    public convenience init(readingAt path: String, whenNew: () throws -> Void = {}) throws {
        guard let found = try ProjectDatabase.inspect(path, keepOpen: true), found.tables > 0, let queue = found.queue else {
            try whenNew()
            self.init(path: path, queue: try ProjectDatabase.emptyProject(), isReadOnly: true)
            return
        }
        guard found.pendingMigrations else {
            self.init(path: path, queue: queue, isReadOnly: true)
            return
        }
        try? queue.close()
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw ReelError(.configuration, "the project database was written by an older version of Reel and cannot be updated here (read-only)",
                            at: path, hint: "nothing was changed; run a command that changes the project (such as `reel plan`) once where it can be written")
        }
        self.init(path: path, queue: try ProjectDatabase.openForWriting(path), isReadOnly: false)
    }

    /// Closes the connection (the WAL is checkpointed into the file); nothing can be read or
    /// written through this object afterwards.
    public func close() throws { try writer.close() }

    /// An in-memory database, for tests.
    public convenience init() throws {
        self.init(path: ":memory:", queue: try ProjectDatabase.emptyProject(), isReadOnly: false)
    }

    /// The writing connection, in WAL mode, with the schema brought up to date. Call it only
    /// once ``inspect(_:keepOpen:)`` has accepted the file.
    static func openForWriting(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.journalMode = .wal
        config.busyMode = .timeout(10)
        config.label = "reel"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        } catch {
            throw ProjectDatabase.unreadable(path, error)
        }
        do {
            try Migrations.migrator.migrate(queue)
        } catch {
            throw ReelError(.configuration, "cannot update the project database: \(ProjectDatabase.describe(error))",
                            at: path, hint: "check free disk space and permissions")
        }
        return queue
    }

    static func emptyProject() throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        try Migrations.migrator.migrate(queue)
        return queue
    }

    /// A file that exists must start with SQLite's magic string.
    static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard header.isEmpty || header == Data("SQLite format 3\0".utf8) else {
            throw ReelError(.configuration, "the project database is not an SQLite file (damaged, or something else under its name)",
                            at: path, hint: "nothing was changed; move the file aside (or restore it from a backup) and run the command again")
        }
    }

    /// Refuses databases that belong to someone else, come from a newer Reel, or are
    /// damaged; says how many tables the file holds and whether its schema is behind.
    static func verify(_ queue: DatabaseQueue, path: String) throws -> (tables: Int, pendingMigrations: Bool) {
        do {
            return try queue.read { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if tables > 0, appID != ProjectDatabase.applicationID {
                    throw ReelError(.configuration, "the database is not a Reel project database (it belongs to another program)",
                                    at: path, hint: "nothing was changed; use another project directory, or move the file aside")
                }
                guard tables > 0 else { return (0, true) }
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
                if check != "ok" {
                    throw ReelError(.configuration, "the project database is damaged (\(check.prefix(120)))", at: path,
                                    hint: "nothing was changed; restore it from a backup or move it aside to start over (generated media in .reel/media is kept)")
                }
                let applied = try Migrations.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(Migrations.known)
                if !unknown.isEmpty {
                    throw ReelError(.configuration, "the project database was written by a newer version of Reel (schema \(unknown.sorted().joined(separator: ", ")))",
                                    at: path, hint: "nothing was changed; update Reel to open this project")
                }
                return (tables, !Migrations.known.isSubset(of: applied))
            }
        } catch let error as ReelError {
            throw error
        } catch {
            throw unreadable(path, error)
        }
    }

    static func unreadable(_ path: String, _ error: any Error) -> ReelError {
        ReelError(.configuration, "cannot read the project database: \(describe(error))", at: path,
                  hint: "nothing was changed; if the file is damaged, move it aside and run the command again")
    }

    /// A database error without its SQL (which may hold prompts).
    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "SQLite error \(db.resultCode.rawValue)" }
        return String(describing: error)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.cannotWrite, "cannot write the project database: \(ProjectDatabase.describe(error))", at: path,
                            hint: "check free disk space; the run can be resumed with the same command")
        }
    }

    /// A short read done on the calling thread: cheaper than a hop for the journal's
    /// single-row lookups.
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.configuration, "cannot read the project database: \(ProjectDatabase.describe(error))", at: path)
        }
    }

    /// A short write done on the calling thread.
    func writeNow(_ body: (Database) throws -> Void) throws {
        do {
            try writer.write(body)
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.cannotWrite, "cannot write the project database: \(ProjectDatabase.describe(error))", at: path,
                            hint: "check free disk space; the run can be resumed with the same command")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.configuration, "cannot read the project database: \(ProjectDatabase.describe(error))", at: path)
        }
    }
}
