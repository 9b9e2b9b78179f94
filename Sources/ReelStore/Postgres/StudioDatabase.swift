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

    // MARK: Running statements

    /// Runs one statement once the database is ready; the rows it returns, collected.
    @discardableResult
    func rows(_ query: PostgresQuery, writing: Bool = false) async throws -> [PostgresRow] {
        try await prepared()
        return try await run(query, writing: writing)
    }

    @discardableResult
    func run(_ query: PostgresQuery, writing: Bool) async throws -> [PostgresRow] {
        do {
            return try await answered { [logger] connection in try await connection.query(query, logger: logger).collect() }
        } catch {
            throw failure(error, writing: writing)
        }
    }

    /// Runs `body` in one transaction on one connection: all of it is written, or none.
    /// (A long one, as a project moved in, is given `within` longer than the statements' deadline.)
    func transaction<T: Sendable>(within deadline: Duration? = nil,
                                  _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await prepared()
        do {
            return try await answered(within: deadline) { [logger] connection in
                try await connection.withTransaction(logger: logger) { connection in try await body(connection, logger) }
            }
        } catch {
            throw failure(error, writing: true)
        }
    }

    /// `work` on a connection of the current pool, given up when the pool gives it no
    /// connection within `deadline` (then later statements get a new pool) or its connection
    /// closes under it: the caller gets `unavailable`, to retry as for a server away. A
    /// statement running on an open connection is never cut short: it may be long (a project
    /// moved in, a lock waited for). PostgresNIO 1.33 was seen, after a server restart, to
    /// hand out connections already closed and to wait forever for an answer on one (a
    /// statement written to a closed channel is never failed): `statementsGoOnAfterTheServerRestarts`.
    func answered<T: Sendable>(within deadline: Duration? = nil,
                               _ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let pool = self.pool.withLock { $0 }
        let pending = Pending<T>()
        let id = UUID()
        watch()
        inflight.withLock { $0[id] = Watched(pending: pending, since: .now, deadline: deadline ?? self.deadline, pool: pool) }
        defer { inflight.withLock { _ = $0.removeValue(forKey: id) } }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending.state.withLock { $0.continuation = continuation }
                pending.start { [location] in
                    do {
                        _ = try await pool.client.withConnection { connection in
                            pending.state.withLock { $0.phase = .running(connection) }
                            // Answered before the connection goes back to the pool: the watch
                            // never gives up a statement that ended, nor looks at a connection
                            // that is another's by then.
                            defer { pending.state.withLock { $0.phase = .ended } }
                            if connection.isClosed { throw StudioDatabase.lost("closed the connection", at: location) }
                            return pending.answer(.success(try await work(connection)))
                        }
                    } catch {
                        pending.answer(.failure(error))
                    }
                }
            }
        } onCancel: {
            pending.cancel()
        }
    }

    /// A statement in flight, as the watch sees it.
    struct Watched: Sendable {
        let pending: any Abandonable
        let since: ContinuousClock.Instant
        let deadline: Duration
        let pool: Pool
    }

    /// Looks at the statements in flight four times a second (one task for the process):
    /// gives up those whose connection closed under them, and those the pool gave no
    /// connection within their deadline — and then that pool.
    func watch() {
        watching.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [weak self] in
                while (try? await Task.sleep(for: .milliseconds(250))) != nil {
                    guard let self else { return }
                    let now = ContinuousClock.now
                    for watched in inflight.withLock({ Array($0.values) }) {
                        switch watched.pending.phase {
                        case .leasing where now - watched.since >= watched.deadline:
                            let seconds = watched.deadline.components.seconds
                            if watched.pending.giveUp(StudioDatabase.lost("could not be reached for \(seconds) s", at: location)) {
                                replace(watched.pool)
                            }
                        case .running(let connection) where connection.isClosed:
                            _ = watched.pending.giveUp(StudioDatabase.lost("closed the connection", at: location))
                        default:
                            break
                        }
                    }
                }
            }
        }
    }

    /// A statement lost with its connection: `unavailable`, which callers retry.
    static func lost(_ what: String, at location: String) -> ReelError {
        ReelError(.unavailable, "the studio database \(what)", at: location,
                  hint: "check that PostgreSQL is running and reachable; Reel connects again by itself")
    }

    /// Where a statement is.
    enum Phase: Sendable {
        /// Waiting for the pool to give it a connection.
        case leasing
        case running(PostgresConnection)
        /// Answered, its connection given back.
        case ended
    }

    /// What the watch can give up.
    protocol Abandonable: AnyObject, Sendable {
        var phase: Phase { get }
        /// Answers the caller with `error` and stops the work; false when it was answered already.
        func giveUp(_ error: ReelError) -> Bool
    }

    /// A statement given to a pool: answered once, by its work or by the watch.
    final class Pending<T: Sendable>: Abandonable {
        let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, task: Task<Void, Never>?, cancelled: Bool, phase: Phase)>(
            (nil, nil, false, .leasing))

        /// Starts the work (cancelled at once if the caller was cancelled already).
        func start(_ work: @escaping @Sendable () async -> Void) {
            state.withLock { state in
                let task = Task.detached(operation: work)
                if state.cancelled { task.cancel() }
                state.task = task
            }
        }

        /// Answers the caller, unless it was answered already.
        @discardableResult
        func answer(_ result: Result<T, any Error>) -> Bool {
            guard let continuation = state.withLock({ $0.continuation.take() }) else { return false }
            continuation.resume(with: result)
            return true
        }

        func cancel() {
            state.withLock { state in
                state.cancelled = true
                state.task?.cancel()
            }
        }

        var phase: Phase { state.withLock { $0.phase } }

        func giveUp(_ error: ReelError) -> Bool {
            guard answer(.failure(error)) else { return false }
            cancel()
            return true
        }
    }

    /// Gives up `stale` for a new pool, unless that was done already (or the database was
    /// closed). Its statements running on open connections are given a deadline more to end
    /// before its connections are closed.
    func replace(_ stale: Pool) {
        let replaced = pool.withLock { current in
            guard current.number == stale.number, !closed.withLock({ $0 }) else { return false }
            current = Pool(address, number: stale.number + 1, logger: logger)
            return true
        }
        guard replaced else { return }
        let grace = deadline
        Task.detached {
            try? await Task.sleep(for: grace)
            stale.running.cancel()
        }
    }

    /// A database error as Reel reports it: what the server said, never the statement.
    func failure(_ error: any Error, writing: Bool) -> any Error {
        // Reel's own refusals (a budget passed) are said as they are.
        if error is ReelError || error is JobFailure { return error }
        if let transaction = error as? PostgresTransactionError {
            return failure(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error, writing: writing)
        }
        let said = StudioDatabase.said(error)
        return writing && !StudioDatabase.unreachable(error)
            ? ReelError(.cannotWrite, "cannot write the studio database: \(said)", at: location,
                        hint: "check that PostgreSQL is running and reachable; the run can be resumed with the same command")
            : ReelError(StudioDatabase.unreachable(error) ? .unavailable : .configuration,
                        "cannot \(writing ? "write" : "read") the studio database: \(said)", at: location,
                        hint: "check that PostgreSQL is running and reachable, and the address, user and password")
    }

    /// What the server said, or what kind of failure it was: never the statement, never the password.
    static func said(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return String(describing: error) }
        return psql.serverInfo?[.message] ?? describe(psql.code)
    }

    static func unreachable(_ error: any Error) -> Bool {
        guard let code = (error as? PSQLError)?.code else { return false }
        // (A pool given up for a new one closes its connections: its statements are retried.)
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed].contains(code)
    }

    static func describe(_ code: PSQLError.Code) -> String {
        switch code {
        case .connectionError: "no connection (is the server running, and is the address right?)"
        case .serverClosedConnection, .clientClosedConnection, .poolClosed: "the connection was closed"
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword:
            "the server asks for a password Reel was not given (put it in PGPASSWORD, or in ~/.pgpass with mode 600)"
        case .sslUnsupported: "the server does not offer TLS (add ?sslmode=disable on a trusted network)"
        default: "\(code)"
        }
    }
}

extension PostgresRandomAccessRow {
    /// The column `name` as `T` (nil for NULL, for optional `T`).
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}

/// A database address, parsed once: what the pool and a single connection are configured
/// with, and how it may be shown.
struct StudioAddress: Sendable {
    var host: String?
    var port: Int
    var socket: String?
    var user: String
    var password: String?
    var database: String
    var sslmode: String
    /// user, host, port and database: never the password.
    var location: String

    init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let bad = { (what: String) in
            ReelError(.usage, "the database address is not one Reel can use: \(what)",
                      hint: "write it as postgres://user[:password]@host[:port]/database (the password may also come from PGPASSWORD)")
        }
        guard StudioDatabase.isAddress(url) else { throw bad("it does not start with postgres://") }
        guard let parts = URLComponents(string: url) else {
            throw bad("it cannot be read as an address (a port must be a number; write a password's special characters percent-encoded, as %40 for @)")
        }
        // URLComponents decodes these once already (a password may hold a literal `%`).
        user = parts.user ?? environment["PGUSER"] ?? "reel"
        database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw bad("it names no database (…/database at the end)") }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        port = parts.port ?? 5432
        sslmode = query["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslmode) else {
            throw bad("sslmode=\(sslmode) (use disable, prefer or require)")
        }
        if let dir = query["host"], dir.hasPrefix("/") {
            socket = dir.hasSuffix(".s.PGSQL.\(port)") ? dir : "\(dir)/.s.PGSQL.\(port)"
            location = "postgres://\(user)@\(dir)/\(database)"
        } else {
            guard let name = parts.host, !name.isEmpty else { throw bad("it names no host") }
            host = name
            location = "postgres://\(user)@\(name):\(port)/\(database)"
        }
        // (An empty password in the address is none, as for libpq.)
        password = parts.password.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGPASSWORD"]
        if password == nil, let file = Self.passwordFile(environment) {
            // A Unix socket matches `localhost` or its directory.
            let hosts = socket == nil ? [host ?? "localhost"] : ["localhost", query["host"] ?? ""]
            password = hosts.lazy.compactMap { [port, database, user] in
                Self.password(in: file, host: $0, port: port, database: database, user: user)
            }.first
        }
    }

    /// The password file PostgreSQL's own tools read: PGPASSFILE, else ~/.pgpass — a regular
    /// file (through its links) others may not read, else none (as libpq ignores it).
    static func passwordFile(_ environment: [String: String]) -> String? {
        let given = environment["PGPASSFILE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        let path = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The first line of a password file (`host:port:database:user:password`) that matches:
    /// `*` for any value, `\:` and `\\` escaped (`\*` is a star); the password ends at the next
    /// unescaped colon.
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [(text: String, any: Bool)] = [], field = "", escaped = false, plain = true
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                    plain = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" {
                    fields.append((field, plain && field == "*"))
                    (field, plain) = ("", true)
                    if fields.count == 5 { break }
                } else {
                    field.append(character)
                }
            }
            if fields.count == 4 { fields.append((field, false)) }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.any || $0.text == $1 }) { return fields[4].text }
        }
        return nil
    }

    /// Reel's tables live in their own schema: the database may be shared with other things.
    static let startup = [("search_path", "reel"), ("application_name", "reel")]

    var client: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socket {
            configuration = .init(unixSocketPath: socket, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch sslmode {
            case "disable": .disable
            case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
            configuration = .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.additionalStartupParameters = Self.startup
        configuration.options.maximumConnections = 16
        return configuration
    }

    var connection: PostgresConnection.Configuration {
        get throws {
            var configuration: PostgresConnection.Configuration
            if let socket {
                configuration = .init(unixSocketPath: socket, username: user, password: password, database: database)
            } else {
                let tls: PostgresConnection.Configuration.TLS = switch sslmode {
                case "disable": .disable
                case "require", "verify-ca", "verify-full": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
                configuration = .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
            }
            configuration.options.additionalStartupParameters = Self.startup
            return configuration
        }
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
