import Foundation
import Logging
import PostgresNIO
import ReelModel
import Synchronization

/// How a statement runs on the studio database: on a connection of the current pool, watched
/// (see ``StudioDatabase/answered(within:_:)``), its errors said as Reel says them.
extension StudioDatabase {
    /// Runs one statement once the database is ready; the rows it returns, collected.
    @discardableResult
    func rows(_ query: PostgresQuery, writing: Bool = false) async throws -> [PostgresRow] {
        try await prepared()
        return try await run(query, writing: writing)
    }

    @discardableResult
    func run(_ query: PostgresQuery, writing: Bool) async throws -> [PostgresRow] {
        // A read is asked again while the server is away for a moment (a restart), for up to
        // 15 s. (A write may have been done: its caller decides.)
        let until = ContinuousClock.now + .seconds(15)
        var wait = 0.25
        while true {
            do {
                return try await answered { [logger] connection in try await connection.query(query, logger: logger).collect() }
            } catch {
                let said = failure(error, writing: writing)
                guard !writing, (said as? ReelError)?.code == .unavailable, ContinuousClock.now < until else { throw said }
                try await Task.sleep(for: .seconds(wait))
                wait = min(wait * 2, 2)
            }
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
        // Reel's own refusals (a budget passed) are said as they are; a statement the caller
        // cancelled (a run stopped, a job withdrawn) failed nothing: it stays a cancellation.
        if error is ReelError || error is JobFailure || error is CancellationError { return error }
        if let transaction = error as? PostgresTransactionError {
            return failure(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error, writing: writing)
        }
        let said = StudioDatabase.said(error)
        return writing && !StudioDatabase.unreachable(error)
            ? ReelError(.cannotWrite, "cannot write the studio database: \(said)", at: location,
                        hint: "check that PostgreSQL is running and reachable; the run can be resumed with the same command")
            : ReelError(StudioDatabase.unreachable(error) ? .unavailable : .configuration,
                        "cannot \(writing ? "write" : "read") the studio database: \(said)", at: location,
                        hint: "check that PostgreSQL is running and reachable, and the address, user and password; then run the command again")
    }

    /// What the server said, or what kind of failure it was: never the statement, never the password.
    static func said(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return String(describing: error) }
        return psql.serverInfo?[.message] ?? describe(psql.code)
    }

    static func unreachable(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError else { return false }
        // The server going away says so first: a connection ended by a shutdown or a restart
        // (`terminating connection due to administrator command`, 57P01–57P03), or a connection
        // exception (08000, 08001, 08003, 08004, 08006). Away, not wrong (a database dropped,
        // 57P04, or a protocol violation, 08P01, are not).
        if let state = psql.serverInfo?[.sqlState], Self.away.contains(state) { return true }
        // (A pool given up for a new one closes its connections: its statements are retried.)
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed].contains(psql.code)
    }

    /// The SQLSTATEs of a server away for a moment.
    static let away: Set<String> = ["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]

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
