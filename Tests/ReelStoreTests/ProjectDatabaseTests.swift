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
            .saveStoryboard(ProjectRepositoryTests.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
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

/// The same repository tests on every backend: a file and memory.
@Suite struct ProjectRepositoryTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case file, memory
        var testDescription: String { rawValue }
        func open(_ dir: TemporaryDirectory) throws -> ProjectDatabase {
            switch self {
            case .file: try ProjectDatabase(path: dir.file("reel.sqlite").path)
            case .memory: try ProjectDatabase()
            }
        }
    }

    static func storyboard(_ ids: [String]) -> Storyboard {
        Storyboard(title: "t", language: .english, format: .default,
                   scenes: [StoryScene(id: "1", heading: "INT. A", setting: .interior, location: "A", timeOfDay: .day,
                                       mood: .calm, line: 1)],
                   shots: ids.map { Shot(id: ShotID($0), scene: "1", purpose: .action, duration: .seconds(2), size: .wide) },
                   subjects: [])
    }

    @Test(arguments: Backend.allCases)
    func storyboardsRoundTripAndRetiredShotsAreRemembered(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let repo = SQLiteProjectRepository(database: try backend.open(dir))
        #expect(try await repo.loadStoryboard() == nil)
        try await repo.saveStoryboard(Self.storyboard(["S01-01", "S01-02"]), fingerprints: [:], scriptDigest: nil)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: nil)
        #expect(try await repo.loadStoryboard()?.shots.map(\.id) == ["S01-01"])
        #expect(try await repo.knownShotIDs() == ["S01-01", "S01-02"])
    }

    @Test(arguments: Backend.allCases)
    func takesJoinTheirJobsAndPicksStick(backend: Backend) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try backend.open(dir)
        let repo = SQLiteProjectRepository(database: db)
        try await repo.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: ["S01-01": "f1"], scriptDigest: nil)
        let take = TakeRecord(shot: "S01-01", number: 1, provider: "sim", model: "m", seed: 7, fingerprint: "f1",
                              node: "video:S01-01#1", createdAt: Date(timeIntervalSince1970: 1))
        try await repo.addTakes([take])
        #expect(try await repo.takes(of: "S01-01").map(\.state) == ["requested"])
        let journal = SQLiteJournal(database: db)
        let key = CacheKey(spec: JobSpec(kind: .video, provider: "sim"), inputs: [])
        let node = GraphNode(id: "video:S01-01#1", spec: JobSpec(kind: .video, provider: "sim"), shot: "S01-01",
                             estimatedCost: Money(micros: 250_000))
        try await journal.record(.running, for: key, node: node)
        try await journal.record(.submitted(ProviderHandle(provider: "sim", jobID: "gen_1")), for: key, node: node)
        #expect(try await repo.stats().committed == [Money(micros: 250_000)])
        let asset = Asset(digest: Hashing.sha256("x"), mediaType: "video/mp4", byteCount: 1)
        try await journal.record(.succeeded(NodeOutput(asset: asset, cost: Money(micros: 240_000))), for: key, node: node)
        let status = try #require(try await repo.takes(of: "S01-01").first)
        #expect(status.state == "succeeded")
        #expect(status.output?.cost == Money(micros: 240_000))
        #expect(status.providerJobID == "gen_1")
        try await repo.pick("S01-01#1", for: "S01-01")
        #expect(try await repo.picks() == ["S01-01": "S01-01#1"])
        #expect(try await repo.spent() == [Money(micros: 240_000)])
        let stats = try await repo.stats()
        #expect(stats.committed.isEmpty)
        #expect(stats.attemptsPerPickedShot == 1)
        #expect(stats.jobsByState == ["succeeded": 1])
    }
}
