import Foundation
import PostgresNIO
import ReelEngine
import ReelModel
import ReelTesting
import Synchronization
import Testing

@testable import ReelStore

/// What the studio database adds to the repository contract: many projects in one database,
/// its own schema and migrations, and the errors a user gets for a bad or distant server.
/// Runs against a real PostgreSQL (``TestPostgres``).
@Suite struct StudioDatabaseTests {
    /// A database of its own on the test server, for tests that change the schema.
    static func freshDatabase() async throws -> String {
        let url = try await TestPostgres.url()
        let name = "studio_\(UUID().uuidString.prefix(8).lowercased())"
        try await TestStudio.shared().rows("CREATE DATABASE \(unescaped: name)", writing: true)
        var parts = try #require(URLComponents(string: url))
        parts.path = "/" + name
        return try #require(parts.string)
    }

    static func storyboard(_ ids: [String]) -> Storyboard {
        Storyboard(title: "t", language: .english, format: .default,
                   scenes: [StoryScene(id: "1", heading: "INT. A", setting: .interior, location: "A", timeOfDay: .day,
                                       mood: .calm, line: 1)],
                   shots: ids.map { Shot(id: ShotID($0), scene: "1", purpose: .action, duration: .seconds(2), size: .wide) },
                   subjects: [])
    }

    @Test func projectsInOneStudioSeeOnlyTheirOwnRows() async throws {
        let studio = try await TestStudio.shared()
        let (one, two) = (studio.project(TestPostgres.uniqueProject("a")), studio.project(TestPostgres.uniqueProject("b")))
        let (a, journalA) = (PostgresProjectRepository(one), PostgresJournal(one))
        let (b, journalB) = (PostgresProjectRepository(two), PostgresJournal(two))
        try await a.saveStoryboard(Self.storyboard(["S01-01", "S01-02"]), fingerprints: [:], scriptDigest: "x")
        try await b.saveStoryboard(Self.storyboard(["S01-01"]), fingerprints: [:], scriptDigest: "y")
        let take = Take(shot: "S01-01", number: 1, provider: "sim", model: "m", seed: 1, fingerprint: "f",
                        node: "video:S01-01#1", createdAt: Date(timeIntervalSince1970: 1))
        try await a.addTakes([take])
        try await b.addTakes([take])
        let node = GraphNode(id: take.node, spec: JobSpec(kind: .video, provider: "sim", seed: 1), shot: take.shot)
        let key = CacheKey(spec: node.spec, inputs: [])
        // The same job (same cache key) in both projects: each journals its own.
        try await journalA.record(.running, for: key, node: node)
        try await journalA.record(.succeeded(NodeOutput(asset: Asset(digest: Hashing.sha256("a"), mediaType: "video/mp4", byteCount: 1),
                                                        cost: Money(micros: 500))), for: key, node: node)
        #expect(try await journalB.entry(for: key) == nil)
        #expect(try await b.takes(of: nil).map(\.state) == [.requested])
        #expect(try await a.takes(of: nil).first?.succeeded == true)
        #expect(try await a.spent() == [Money(micros: 500)])
        #expect(try await b.spent().isEmpty)
        let note = try await a.addNote(ShotNote(id: 0, shot: "S01-01", text: "warmer", createdAt: Date(timeIntervalSince1970: 2)))
        #expect(try await b.withdrawNote(note.id, at: Date(), by: "b") == nil, "a note is withdrawn only in its own project")
        #expect(try await b.notes(of: nil).isEmpty)
        #expect(try await a.notes(of: nil) == [note])
        #expect(try await a.knownShotIDs().count == 2)
        #expect(try await b.knownShotIDs().count == 1)
        #expect(try await a.stats().jobsRun == 1)
        #expect(try await b.stats().jobsRun == 0)
    }

    @Test func theDatabaseItselfRefusesToChangeTheConsentLedger() async throws {
        let studio = try await TestStudio.shared()
        let project = TestPostgres.uniqueProject("consent")
        let repo = PostgresProjectRepository(studio.project(project))
        try await repo.appendConsentEvent(ConsentEvent(subject: "char:lin", action: .grant, at: Date(timeIntervalSince1970: 1), by: "Lin"))
        for statement in ["UPDATE consent_event SET subject = 'char:other' WHERE project = $1", "DELETE FROM consent_event WHERE project = $1"] {
            var binds = PostgresBindings()
            binds.append(project)
            let error = await #expect(throws: ReelError.self) {
                try await studio.rows(PostgresQuery(unsafeSQL: statement, binds: binds), writing: true)
            }
            #expect(error?.message.contains("the consent ledger is append-only") == true, "\(String(describing: error))")
        }
        #expect(try await repo.consentEvents().map(\.subject) == ["char:lin"])
    }

    @Test func aDatabaseANewerReelWroteIsRefusedAndLeftAsItWas() async throws {
        let url = try await Self.freshDatabase()
        let first = try await StudioDatabase.connect(url)
        try await first.rows("INSERT INTO reel_migration (id, applied_at) VALUES ('v99-from-the-future', 0)", writing: true)
        first.close()
        let error = await #expect(throws: ReelError.self) { try await StudioDatabase.connect(url) }
        #expect(error?.code == .configuration)
        #expect(error?.message == "the studio database was written by a newer version of Reel (schema v99-from-the-future)")
        #expect(error?.hint?.contains("nothing was changed") == true && error?.location?.hasPrefix("postgres://reel@127.0.0.1:") == true)
    }

    /// Two machines starting together on a new database: the schema is made once.
    @Test func twoStudiosStartingTogetherMakeTheSchemaOnce() async throws {
        let url = try await Self.freshDatabase()
        async let one = StudioDatabase.connect(url)
        async let two = StudioDatabase.connect(url)
        let (a, b) = try await (one, two)
        defer { a.close(); b.close() }
        let applied = try await a.rows("SELECT id FROM reel_migration").map { try $0.decode(String.self) }
        #expect(Set(applied) == PostgresMigrations.known && applied.count == PostgresMigrations.all.count)
        let tables = try await b.rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 'job'")
            .map { try $0.decode(String.self) }
        #expect(tables == ["reel"], "Reel's tables are in their own schema")
    }

    /// One process of the whole studio at a time changes a project: the second is told who
    /// works on it; the lock goes with its holder's connection.
    @Test func aProjectIsLockedForTheWholeStudio() async throws {
        let url = try await TestPostgres.url()
        let project = TestPostgres.uniqueProject("locked")
        let first = try StudioProjectLock.acquire(address: url, project: project, command: "generate")
        let refused = #expect(throws: ReelError.self) {
            try StudioProjectLock.acquire(address: url, project: project, command: "render")
        }
        #expect(refused?.code == .temporary)
        #expect(refused?.message.hasPrefix("another reel of the studio is working on this project (reel generate on \(ProcessInfo.processInfo.hostName) pid \(getpid()) since ") == true,
                "\(String(describing: refused))")
        let other = try StudioProjectLock.acquire(address: url, project: TestPostgres.uniqueProject("other"), command: "render")
        other.release()
        first.release()
        // Released with its connection: at once for the next (the server ends the session first).
        var next: StudioProjectLock?
        for _ in 0..<1000 where next == nil {
            next = try? StudioProjectLock.acquire(address: url, project: project, command: "render")
        }
        #expect(next != nil, "the lock was let go")
        next?.release()
    }

    /// A lock whose session the server ended (a restart, a dropped network, an administrator)
    /// is lost: the process that held it journals nothing more for that project, since
    /// another machine may be running it now; taking the lock again lets it go on.
    @Test func aProcessThatLostTheStudioLockStartsNothingMore() async throws {
        let url = try await TestPostgres.url()
        let studio = try await TestStudio.shared()
        let project = TestPostgres.uniqueProject("lost")
        let journal = PostgresJournal(studio.project(project))
        let node = GraphNode(id: "video:S01-01#1", spec: JobSpec(kind: .video, provider: "sim", seed: 1))
        let key = CacheKey(spec: node.spec, inputs: [])
        let lock = try StudioProjectLock.acquire(address: url, project: project, command: "generate")
        try await journal.record(.pending, for: key, node: node)
        let (high, low) = (Int64(UInt64(bitPattern: StudioProjectLock.key(project)) >> 32),
                           Int64(UInt64(bitPattern: StudioProjectLock.key(project)) & 0xFFFF_FFFF))
        try await studio.rows("""
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND classid::bigint = \(high) AND objid::bigint = \(low) AND objsubid = 1
            """, writing: true)
        await lock.closed()
        let refused = await #expect(throws: ReelError.self) { try await journal.record(.running, for: key, node: node) }
        #expect(refused?.code == .refused && refused?.message.hasPrefix("this process lost the studio's lock of the project") == true)
        #expect(try await journal.entry(for: key)?.attempts == 0, "nothing was started")
        // What was already started is still recorded: the provider's job id, then its result.
        try await journal.record(.submitted(ProviderHandle(provider: "sim", jobID: "gen_7")), for: key, node: node)
        #expect(try await journal.entry(for: key)?.state == .submitted(ProviderHandle(provider: "sim", jobID: "gen_7")))
        let again = try StudioProjectLock.acquire(address: url, project: project, command: "generate")
        try await journal.record(.running, for: key, node: node)
        #expect(try await journal.entry(for: key)?.attempts == 1)
        again.release()
    }

    @Test func aServerThatCannotBeReachedIsReportedAtOnceWithoutThePassword() async throws {
        // Port 1 on loopback: nothing listens there.
        let error = await #expect(throws: ReelError.self) {
            try await StudioDatabase.connect("postgres://ana:hunter2@127.0.0.1:1/studio?sslmode=disable")
        }
        #expect(error?.code == .unavailable && error?.location == "postgres://ana@127.0.0.1:1/studio")
        #expect(error?.message.hasPrefix("cannot connect to the studio database") == true)
        #expect(!String(describing: error).contains("hunter2"))
    }

    @Test(arguments: [
        ("mysql://db/studio", "it does not start with postgres://"),
        ("postgres://db", "it names no database (…/database at the end)"),
        ("postgres://db/studio?sslmode=sometimes", "sslmode=sometimes (use disable, prefer or require)"),
        ("postgres:///studio", "it names no host"),
        ("postgres://reel:pw@db:notaport/studio", "it cannot be read as an address (a port must be a number; write a password's special characters percent-encoded, as %40 for @)"),
    ])
    func addressesReelCannotUseAreUsageErrors(address: String, problem: String) async throws {
        let error = await #expect(throws: ReelError.self) { try await StudioDatabase.connect(address) }
        #expect(error?.code == .usage && error?.message == "the database address is not one Reel can use: \(problem)")
        #expect(error?.hint != nil)
    }

    final class Round: Sendable { let number = Mutex(0) }

    /// A server restarted while statements run (an administrator's restart, a failover):
    /// every caller gets either its rows or an error it can retry, and once the server is
    /// back every caller's next statements go through — five restarts in a row, statements
    /// and transactions from eight callers at once.
    @Test func statementsGoOnAfterTheServerRestarts() async throws {
        let server = try await TestPostgres.privateServer()
        defer { Task { await server.stop() } }
        let database = try await StudioDatabase.connect(try await server.start())
        defer { database.close() }
        let (stream, answered) = AsyncStream.makeStream(of: (caller: Int, round: Int).self)
        let round = Round()
        let callers = (0..<8).map { caller in
            Task.detached {
                while !Task.isCancelled {
                    let now = round.number.withLock { $0 }
                    do {
                        if caller.isMultiple(of: 2) {
                            try await database.rows("SELECT 1")
                        } else {
                            _ = try await database.transaction { connection, logger in
                                try await connection.query("SELECT 1", logger: logger).collect().count
                            }
                        }
                        answered.yield((caller, now))
                    } catch {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
        }
        defer { callers.forEach { $0.cancel() } }
        var answers = stream.makeAsyncIterator()
        for restart in 1...5 {
            try await server.restart()
            round.number.withLock { $0 = restart }
            // Every caller gets a statement through after this restart.
            var through: Set<Int> = []
            while through.count < 8, let answer = await answers.next() {
                if answer.round == restart { through.insert(answer.caller) }
            }
            #expect(through.count == 8, "restart \(restart): callers through \(through.sorted())")
        }
    }

    /// A statement the pool gives no connection within its deadline (the server away, or a
    /// pool that stopped connecting) fails as `unavailable` — what callers retry — and the
    /// statements after it run on a new pool, which connects once the server is back.
    @Test func aStatementThePoolGivesNoConnectionIsGivenUpAndTheNextRunOnANewPool() async throws {
        let server = try await TestPostgres.privateServer()
        defer { Task { await server.stop() } }
        let database = try StudioDatabase(try await server.start(), deadline: .seconds(1))
        defer { database.close() }
        try await database.ready()
        await server.halt()
        let error = await #expect(throws: ReelError.self) { try await database.rows("SELECT 1") }
        // (PostgresNIO's pool keeps trying to connect while its requests wait.)
        #expect(error?.code == .unavailable && error?.message == "the studio database could not be reached for 1 s", "\(String(describing: error))")
        #expect(database.pool.withLock { $0.number } >= 1, "a new pool (a read is tried again for a while: one a try)")
        try await server.resume()
        // The new pool connects once the server is back (each try waits a second at most: a
        // loaded machine may take several).
        var answered = false
        for _ in 0..<120 where !answered { answered = (try? await database.rows("SELECT 1"))?.count == 1 }
        #expect(answered)
    }

    /// A long statement on an open connection is never cut short by the deadline.
    @Test func aLongStatementOnAnOpenConnectionRunsToItsEnd() async throws {
        let database = try StudioDatabase(try await TestPostgres.url(), deadline: .seconds(1))
        defer { database.close() }
        try await database.ready()
        #expect(try await database.rows("SELECT pg_sleep(2)").count == 1)
        #expect(database.pool.withLock { $0.number } == 0, "the same pool")
    }

    /// The password may come from PostgreSQL's password file, as for psql: the first
    /// matching line, `*` for any field, escapes read; a file others can read is ignored.
    @Test func aPasswordComesFromThePasswordFileAsForPsql() throws {
        let file = #"""
            # comment
            db.example:5432:other:ana:wrong
            *:5432:studio:ana:pa\:ss\\word
            *:*:*:*:fallback
            """#
        #expect(StudioAddress.password(in: file, host: "db.example", port: 5432, database: "studio", user: "ana") == #"pa:ss\word"#)
        #expect(StudioAddress.password(in: file, host: "db.example", port: 5433, database: "studio", user: "ana") == "fallback")
        // A star escaped is a star; the password ends at the next unescaped colon.
        #expect(StudioAddress.password(in: #"\*:5432:studio:ana:one:two"#, host: "db.example", port: 5432, database: "studio", user: "ana") == nil)
        #expect(StudioAddress.password(in: #"\*:5432:studio:ana:one:two"#, host: "*", port: 5432, database: "studio", user: "ana") == "one")
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("pgpass", "*:*:studio:ana:from-file\n").path
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let address = try StudioAddress("postgres://ana@db.example/studio", environment: ["PGPASSFILE": path])
        #expect(address.password == "from-file")
        // Through a link (as dotfile managers make), and an empty password in the address is none.
        let link = dir.file("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(try StudioAddress("postgres://ana:@db.example/studio", environment: ["PGPASSFILE": link]).password == "from-file")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try StudioAddress("postgres://ana@db.example/studio", environment: ["PGPASSFILE": path]).password == nil,
                "a password file others may read is ignored, as libpq does")
    }

    @Test func aDatabaseThatDoesNotExistIsToldHowToMake() async throws {
        var parts = try #require(URLComponents(string: try await TestPostgres.url()))
        parts.path = "/no_such_studio"
        let error = await #expect(throws: ReelError.self) { try await StudioDatabase.connect(try #require(parts.string)) }
        #expect(error?.message.contains("\"no_such_studio\" does not exist") == true, "\(String(describing: error))")
        #expect(error?.hint?.hasPrefix("create it first (createdb -h HOST -p PORT -U reel no_such_studio)") == true, "\(String(describing: error?.hint))")
    }
}
