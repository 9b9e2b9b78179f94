import Foundation
import GRDB
import ReelModel

/// Looking at a database file before trusting it, through a read-only connection: a file
/// that is refused is left exactly as it was, header included (opening for writing in WAL
/// mode would already bump its change counter).
extension ProjectDatabase {
    /// What a read-only look at an existing database found.
    struct Inspection {
        var tables: Int
        var pendingMigrations: Bool
        /// The read-only connection, when asked to keep it.
        var queue: DatabaseQueue?
    }

    /// Checks the file at `path` without writing to it: nil when there is none yet (missing
    /// or 0 bytes), else what it holds. Throws for a file that is not a Reel database this
    /// version can use.
    static func inspect(_ path: String, keepOpen: Bool = false) throws -> Inspection? {
        try checkHeader(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        guard let size, size.int64Value > 0 else { return nil }
        let queue = try openReadOnly(path)
        let found = try verify(queue, path: path)
        if !keepOpen { try? queue.close() }
        return Inspection(tables: found.tables, pendingMigrations: found.pendingMigrations, queue: keepOpen ? queue : nil)
    }

    /// A read-only connection. SQLite reads a WAL database through its `-shm` file, which a
    /// read-only directory may lack and cannot get: then the file is opened as immutable
    /// (nothing can be changing it there).
    static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        config.label = "reel-reader"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch {
            // `access(W_OK)` also says no for a read-only mount, to root too.
            let directory = (path as NSString).deletingLastPathComponent
            guard !FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) else {
                throw unreadable(path, error)
            }
            do {
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
                return try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: config)
            } catch {
                throw unreadable(path, error)
            }
        }
    }
}
