import Foundation
import GRDB
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// The database refuses what it cannot trust, and changes nothing when it does.
@Suite struct ProjectDatabaseTests {
    @Test func aNewDatabaseIsCreatedAndReopened() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite").path
        let first = try ProjectDatabase(path: path)
        try await SQLiteProjectRepository(database: first)
            .saveStoryboard(RepositoryContractTests.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        try first.writer.close()
        #expect(try Data(contentsOf: dir.file("reel.sqlite")).prefix(16) == Data("SQLite format 3\0".utf8))
        let again = try ProjectDatabase(path: path)
        #expect(try await SQLiteProjectRepository(database: again).loadStoryboard()?.shots.map(\.id) == ["S01-01"])
        let appID = try again.readNow { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(appID == ProjectDatabase.applicationID)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite")
        try Data("this is not a database, it is a shopping list\n".utf8).write(to: path)
        let before = try Data(contentsOf: path)
        #expect { try ProjectDatabase(path: path.path) } throws: { error in
            (error as? ReelError)?.message == "the project database is not an SQLite file (damaged, or something else under its name)"
        }
        #expect(try Data(contentsOf: path) == before)
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        try other.close()
        #expect { try ProjectDatabase(path: path) } throws: { error in
            (error as? ReelError)?.message == "the database is not a Reel project database (it belongs to another program)"
        }
    }

    @Test func aDatabaseFromANewerReelIsRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite").path
        _ = try ProjectDatabase(path: path)
        let raw = try DatabaseQueue(path: path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-hologram')") }
        try raw.close()
        #expect { try ProjectDatabase(path: path) } throws: { error in
            (error as? ReelError)?.message == "the project database was written by a newer version of Reel (schema v9-hologram)"
        }
    }

    /// The consent ledger is append-only in the database itself, not only by convention.
    @Test func theConsentLedgerRefusesChangesAndDeletions() async throws {
        let db = try ProjectDatabase()
        let repo = SQLiteProjectRepository(database: db)
        let grant = ConsentEvent(subject: "char:maya", action: .grant, at: Date(timeIntervalSince1970: 1), by: "Maya")
        try await repo.appendConsentEvent(grant)
        for sql in ["UPDATE consent_event SET at = 2", "DELETE FROM consent_event"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.writer.write { try $0.execute(sql: sql) } }
        }
        #expect(try await repo.consentEvents() == [grant])
    }

    @Test func aDamagedDatabaseIsRefusedAndLeftAlone() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite")
        // Closed, so the WAL is checkpointed into the file: several pages to damage.
        try await ProjectDatabaseSafetyTests.closedDatabase(at: path)
        // Keep the header, scribble over the pages.
        var bytes = try Data(contentsOf: path)
        try #require(bytes.count > 4096)
        for i in 100..<min(bytes.count, 8192) where i % 3 == 0 { bytes[i] = 0xA5 }
        try bytes.write(to: path)
        #expect(throws: ReelError.self) { try ProjectDatabase(path: path.path) }
        #expect(try Data(contentsOf: path) == bytes)
    }
}
