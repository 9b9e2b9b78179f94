import Foundation
import GRDB
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// A refused database is left byte for byte as it was; a reader writes nothing.
@Suite struct ProjectDatabaseSafetyTests {
    /// A closed Reel database of several pages (its WAL checkpointed into the file).
    static func closedDatabase(at path: URL) async throws {
        let db = try ProjectDatabase(path: path.path)
        let repo = SQLiteProjectRepository(database: db)
        let shots = (1...60).map { String(format: "S01-%02d", $0) }
        try await repo.saveStoryboard(RepositoryContractTests.storyboard(shots), fingerprints: [:], scriptDigest: nil)
        try db.writer.close()
    }

    enum Refusal: String, CaseIterable, CustomTestStringConvertible {
        case anotherProgram, newerReel, damaged
        var testDescription: String { rawValue }

        func prepare(_ path: URL) async throws {
            switch self {
            case .anotherProgram:
                // Rollback-journal mode: opening it in WAL mode would rewrite its header.
                let other = try DatabaseQueue(path: path.path)
                try await other.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')") }
                try other.close()
            case .newerReel:
                try await ProjectDatabaseSafetyTests.closedDatabase(at: path)
                let raw = try DatabaseQueue(path: path.path)
                try await raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-hologram')") }
                try raw.close()
            case .damaged:
                try await ProjectDatabaseSafetyTests.closedDatabase(at: path)
                var bytes = try Data(contentsOf: path)
                try #require(bytes.count > 3 * 4096, "the database spans several pages")
                // Keep page 1 (header and schema), scribble over the pages after it.
                for i in 4096..<bytes.count where i % 3 == 0 { bytes[i] = 0xA5 }
                try bytes.write(to: path)
            }
        }
    }

    @Test(arguments: Refusal.allCases)
    func aRefusedDatabaseIsNotTouchedNotEvenItsHeader(refusal: Refusal) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite")
        try await refusal.prepare(path)
        let before = try Data(contentsOf: path)
        #expect(throws: ReelError.self) { try ProjectDatabase(path: path.path) }
        #expect(throws: ReelError.self) { try ProjectDatabase(readingAt: path.path) }
        let after = try Data(contentsOf: path)
        // The file change counter (bytes 24–27) and the schema cookie (40–43) first.
        #expect(after[24..<28] == before[24..<28], "file change counter")
        #expect(after[40..<44] == before[40..<44], "schema cookie")
        #expect(after == before)
    }

    @Test func aReaderWritesNothingAndCannotWrite() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite")
        try await Self.closedDatabase(at: path)
        let before = try Data(contentsOf: path)
        let reader = try ProjectDatabase(readingAt: path.path)
        #expect(reader.isReadOnly)
        let repo = SQLiteProjectRepository(database: reader)
        #expect(try await repo.loadStoryboard()?.shots.count == 60)
        #expect(try await repo.stats().runs == 0)
        await #expect(throws: ReelError.self) { try await repo.pick("S01-01#1", for: "S01-01") }
        try reader.writer.close()
        #expect(try Data(contentsOf: path) == before)
    }

    @Test func aReaderOfAMissingDatabaseCreatesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("state/reel.sqlite")
        let reader = try ProjectDatabase(readingAt: path.path)
        #expect(try await SQLiteProjectRepository(database: reader).loadStoryboard() == nil)
        #expect(!FileManager.default.fileExists(atPath: dir.file("state").path))
    }

    @Test func aNewProjectCanBeRefusedBeforeAnythingIsWritten() throws {
        struct Refused: Error {}
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("reel.sqlite")
        #expect(throws: Refused.self) { try ProjectDatabase(path: path.path, whenNew: { throw Refused() }) }
        #expect(!FileManager.default.fileExists(atPath: path.path))
        _ = try ProjectDatabase(path: path.path)
        // An existing project is not new: the check is not asked again.
        _ = try ProjectDatabase(path: path.path, whenNew: { throw Refused() })
    }
}
