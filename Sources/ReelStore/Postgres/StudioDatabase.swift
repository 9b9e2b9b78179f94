import Foundation
import Logging
import NIOSSL
import PostgresNIO
import ReelModel
import Synchronization

/// A studio's state in PostgreSQL: every project of the studio in one database, each
/// project's rows under its id, in the schema `reel` (so the database may hold other things).
///
/// Connecting brings the schema up to date (append-only migrations, one process at a time
/// under an advisory lock) and refuses a database a newer Reel has written. Errors name the
/// database by its address without the password and never carry SQL (which may hold prompts).
public final class StudioDatabase: Sendable {
    /// The address as it may be shown: user, host, port and database, never the password.
    public let location: String
    /// The parsed address (with the password: never shown).
    let address: StudioAddress
    /// The pool statements run on: replaced by a new one when a statement goes unanswered
    /// for `deadline` (see ``answered(within:_:)``).
    let pool: Mutex<Pool>
    /// How long a statement may go unanswered before it fails as `unavailable` and its pool
    /// is given up for a new one (a pool can stop making connections after a server restart).
    let deadline: Duration
    /// The first connection and the migrations, started when the database is opened; every
    /// statement waits for them (at once, once they are done). One that failed is tried
    /// again by the next statement: a server that was down may be back.
    let preparing: Mutex<Task<Void, any Error>?>
    /// Statements in flight, and the one task that watches them (see ``watch()``).
    let inflight = Mutex<[UUID: Watched]>([:])
    let watching = Mutex<Task<Void, Never>?>(nil)
    let closed = Mutex(false)
    /// Rung by the work queue's notifications (see ``listenForWork()``).
    let bells = Bells()
    /// Projects recorded in the `project` table by this process.
    let projects = Mutex<[String: Task<Void, any Error>]>([:])
    let logger = Logger(label: "reel.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A pool of connections and the task that runs it.
    struct Pool: Sendable {
        let client: PostgresClient
        let running: Task<Void, Never>
        /// Which pool of the process's life this is (the first is 0).
        let number: Int

        init(_ address: StudioAddress, number: Int, logger: Logger) {
            let client = PostgresClient(configuration: address.client, backgroundLogger: logger)
            self.client = client
            self.number = number
            running = Task.detached { await client.run() }
        }
    }

    /// Opens the database at `url` (`postgres://user[:password]@host[:port]/database`, with
    /// `?sslmode=disable|prefer|require` and `?host=/socket/dir` for a Unix socket). Only the
    /// address is checked here; connecting and bringing the schema up to date start at once,
    /// and the first statement (or ``connect(_:)``) reports their failure.
    public convenience init(_ url: String) throws {
        try self.init(url, deadline: .seconds(20))
    }

    init(_ url: String, deadline: Duration) throws {
        let address = try StudioAddress(url)
        self.address = address
        location = address.location
        self.deadline = deadline
        pool = Mutex(Pool(address, number: 0, logger: logger))
        preparing = Mutex(nil)
        preparing.withLock { $0 = prepare() }
    }

    func prepare() -> Task<Void, any Error> {
        Task.detached { [address, logger] in
            // One connection first, so a server that cannot be reached is reported at once
            // (the pool would keep trying).
            do {
                let probe = try await PostgresConnection.connect(configuration: try address.connection, id: 0, logger: logger)
                try await probe.close()
            } catch {
                let missing = (error as? PSQLError)?.serverInfo?[.sqlState] == "3D000"
                throw ReelError(.unavailable, "cannot connect to the studio database: \(StudioDatabase.said(error))", at: address.location,
                                hint: missing ? "create it first (createdb -h HOST -p PORT -U \(address.user) \(address.database)), or name one that exists"
                                    : "check that PostgreSQL is running there and that the address, user and password are right")
            }
            // (Another process may be migrating: this one waits for it.)
            try await self.answered(within: .seconds(600)) { connection in
                try await PostgresMigrations.migrate(on: connection, location: address.location, logger: logger)
            }
        }
    }

    /// Waits until the database is connected and its schema up to date; after a failure,
    /// the next call tries again.
    func prepared() async throws {
        guard let task = preparing.withLock({ $0 }) else { return }
        do {
            try await task.value
        } catch {
            preparing.withLock { current in
                if current == task { current = prepare() }
            }
            throw error
        }
    }

    /// Opens the database at `url` and waits until it is connected and its schema up to date.
    public static func connect(_ url: String) async throws -> StudioDatabase {
        let database = try StudioDatabase(url)
        do {
            try await database.prepared()
        } catch {
            database.close()
            throw error
        }
        return database
    }

    static let opened = Mutex<[String: StudioDatabase]>([:])

    /// The process's one open database at `url` (one pool of connections, shared by every
    /// project a server or command opens there).
    public static func shared(_ url: String) throws -> StudioDatabase {
        try opened.withLock { open in
            if let database = open[url] { return database }
            let database = try StudioDatabase(url)
            open[url] = database
            return database
        }
    }

    /// Waits until the database is reached and its schema up to date (or says why not).
    public func ready() async throws { try await prepared() }

    /// Project `id` in this database; recorded there before its first statement runs.
    public func project(_ id: String) -> StudioProject { StudioProject(database: self, id: id) }

    /// Waits until the database is ready and project `id` is recorded in it.
    func ready(_ id: String) async throws {
        let recording = projects.withLock { projects in
            if let task = projects[id] { return task }
            let task = Task<Void, any Error> {
                try await prepared()
                try await run("""
                    INSERT INTO project (id, created_at) VALUES (\(id), \(Date().timeIntervalSince1970)) ON CONFLICT (id) DO NOTHING
                    """, writing: true)
            }
            projects[id] = task
            return task
        }
        do {
            try await recording.value
        } catch {
            // Not remembered: the next statement tries again (the server may be back).
            projects.withLock { _ = $0.removeValue(forKey: id) }
            throw error
        }
    }

    deinit { close() }

    /// Ends every connection; the object is unusable afterwards.
    public func close() {
        closed.withLock { $0 = true }
        pool.withLock { $0.running.cancel() }
        bells.listening.withLock { $0?.cancel() }
        watching.withLock { $0?.cancel() }
    }

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }
}

extension PostgresRandomAccessRow {
    /// The column `name` as `T` (nil for NULL, for optional `T`).
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}

/// One project of a studio database: what its repository and journal run their statements
/// on, each waiting first until the database is ready and the project recorded.
public struct StudioProject: Sendable {
    public let database: StudioDatabase
    public let id: String

    @discardableResult
    func rows(_ query: PostgresQuery, writing: Bool = false) async throws -> [PostgresRow] {
        try await database.ready(id)
        return try await database.run(query, writing: writing)
    }

    func transaction<T: Sendable>(within deadline: Duration? = nil,
                                  _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await database.ready(id)
        return try await database.transaction(within: deadline, body)
    }

    /// Runs `body`, and again while the server cannot be reached, waiting longer each time
    /// (0.25 s doubling, about a minute in all); other failures are thrown at once.
    func retryingWhileUnreachable(_ body: () async throws -> Void) async throws {
        // (`body` is called again after a failure: it must find out what the last call did.)
        var wait = 0.25
        while true {
            do {
                return try await body()
            } catch let error as ReelError where error.code == .unavailable && wait < 30 {
                try await Task.sleep(for: .seconds(wait))
                wait *= 2
            }
        }
    }
}
