import Foundation
import Logging
import NIOCore
import PostgresNIO
import ReelEngine
import ReelModel
import Synchronization

/// The studio-wide lock of one project: what the project lock file is on one machine, for
/// every machine of a studio. A PostgreSQL advisory lock held by a connection of its own,
/// named after its holder (`application_name`), so a refusal says who holds it; PostgreSQL
/// ends the session, and so the lock, when the holder's process dies however it dies.
///
/// Taken synchronously (as the project lock is): it waits for one connection and one query.
public final class StudioProjectLock: Sendable {
    let connection: PostgresConnection
    let key: String
    let released = Mutex(false)
    /// Its connection closed while it was held: another machine may hold the project now.
    let lostHold = Mutex(false)
    let heartbeat: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Hears the studio's stops of this project (``RunStop``) on the lock's connection.
    let stops: PostgresListenContext

    /// The lock this process holds of each project (by database and id), for the journal to
    /// ask whether it still holds it.
    static let held = Mutex<[String: StudioProjectLock]>([:])

    /// How often the lock's otherwise idle connection speaks: a connection a firewall dropped
    /// silently is found out, and a server's idle-session timeout never ends a healthy run.
    static let heartbeatInterval: Duration = .seconds(20)

    private init(connection: PostgresConnection, key: String, stops: PostgresListenContext) {
        self.connection = connection
        self.key = key
        self.stops = stops
        StudioProjectLock.held.withLock { $0[key] = self }
        connection.closeFuture.whenComplete { [weak self] _ in
            // Released on purpose (or gone, released in its deinit): not lost.
            guard let self, !self.released.withLock({ $0 }) else { return }
            self.lostHold.withLock { $0 = true }
        }
        let quiet = Logger(label: "reel.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        heartbeat.withLock {
            $0 = Task.detached { [connection] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.heartbeatInterval)
                    if Task.isCancelled || connection.isClosed { return }
                    // A failed one closes the connection, which marks the lock lost.
                    do { try await connection.query("SELECT 1", logger: quiet) } catch { _ = connection.close() as EventLoopFuture<Void> }
                }
            }
        }
    }

    /// Listens on the lock's connection for the studio's stops of `project` addressed to this
    /// process (by pid: a stop meant for an earlier holder is not this one's), and rings
    /// ``RunStop`` for them. LISTEN is done when this returns: the lock is handed out
    /// listening, so a stop asked as soon as the studio sees the holder is heard.
    static func listenForStops(_ connection: PostgresConnection, project: String, logger: Logger) throws -> PostgresListenContext {
        let me = Int(getpid())
        let context = connection.addListener(channel: StudioDatabase.stopChannel) { _, notification in
            guard let stop = try? JSONDecoder().decode(StopRequest.self, from: Data(notification.payload.utf8)),
                  stop.project == project, stop.pid == nil || stop.pid == me else { return }
            RunStop.request(project: project, by: stop.by)
        }
        let listening: EventLoopFuture<PostgresQueryResult> = connection.query("LISTEN \(unescaped: StudioDatabase.stopChannel)",
                                                                             logger: logger)
        do {
            _ = try listening.wait()
        } catch {
            context.stop()
            throw error
        }
        return context
    }

    deinit { release() }

    /// Lets the next process of the studio in (once the connection is closed, which this
    /// waits for). Safe to call more than once.
    public func release() {
        released.withLock { $0 = true }
        heartbeat.withLock { $0?.cancel() }
        stops.stop()
        StudioProjectLock.held.withLock { held in
            if held[key] === self { held[key] = nil }
        }
        Self.close(connection)
    }

    /// Done when the lock's connection has closed (released, or lost).
    public func closed() async { try? await connection.closeFuture.get() }

    static func heldKey(_ location: String, _ project: String) -> String { "\(location)|\(project)" }

    /// Refuses to start new work on a project whose studio lock this process held and lost
    /// (its connection closed under it: a server restart, a dropped network, an administrator).
    /// What was already started is still journaled — a provider's job id, a paid result —
    /// so the next run polls and fetches it instead of paying again.
    static func checkNotLost(_ location: String, project: String) throws {
        guard let lock = held.withLock({ $0[heldKey(location, project)] }), lock.lostHold.withLock({ $0 }) else { return }
        throw ReelError(.refused, "this process lost the studio's lock of the project (its connection to the database closed), "
                        + "so another machine may be running it now: nothing more is started here",
                        at: "project \(project) in \(location)", hint: "run the command again: it resumes what was started, and pays nothing twice")
    }

    static func close(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// The advisory lock's key for project `id` (the first 8 bytes of a SHA-256).
    static func key(_ id: String) -> Int64 {
        Int64(bitPattern: UInt64(Hashing.sha256("reel project \(id)").rawValue.prefix(16), radix: 16) ?? 0)
    }

    /// Takes the lock of project `project` in the studio database at `address` for
    /// `command`, or explains who holds it.
    public static func acquire(address: String, project: String, command: String) throws -> StudioProjectLock {
        let location = try StudioAddress(address)
        let quiet = Logger(label: "reel.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let host = ProcessInfo.processInfo.hostName
        var configuration = try location.connection
        // Who holds it, as the server shows it to whoever is refused (at most 63 bytes).
        let holder = String("reel \(command) on \(host) pid \(getpid())".utf8.prefix(63)) ?? "reel \(command)"
        configuration.options.additionalStartupParameters = [("application_name", holder)]
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                        id: 1, logger: quiet).wait()
        } catch {
            throw ReelError(.unavailable, "cannot connect to the studio database: \(StudioDatabase.said(error))", at: location.location,
                            hint: "check that PostgreSQL is running there and that the address, user and password are right")
        }
        let key = Self.key(project)
        do {
            let taken: EventLoopFuture<PostgresQueryResult> = connection.query("SELECT pg_try_advisory_lock(\(key))", logger: quiet)
            if try taken.wait().rows.first?.decode(Bool.self) == true {
                let stops = try listenForStops(connection, project: project, logger: quiet)
                return StudioProjectLock(connection: connection, key: heldKey(location.location, project), stops: stops)
            }
            // Advisory locks show their key as two 32-bit halves.
            let (high, low) = (Int64(UInt64(bitPattern: key) >> 32), Int64(UInt64(bitPattern: key) & 0xFFFF_FFFF))
            let who: EventLoopFuture<PostgresQueryResult> = connection.query("""
                SELECT a.application_name, extract(epoch FROM a.backend_start)::float8 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = \(high) AND l.objid::bigint = \(low)
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, logger: quiet)
            // Another role's session shows its name but not when it started.
            let found = try who.wait().rows.first.map { try $0.decode((String, Double?).self) }
            Self.close(connection)
            let since = found?.1.map { " since " + Self.clock.string(from: Date(timeIntervalSince1970: $0)) } ?? ""
            throw ReelError(.temporary, "another reel of the studio is working on this project\(found.map { " (\($0.0)\(since))" } ?? "")",
                            at: "project \(project) in \(location.location)",
                            hint: "wait for it to finish, or stop it; `reel status`, `stats`, `takes` and `generate --dry-run` work meanwhile")
        } catch let error as ReelError {
            throw error
        } catch {
            Self.close(connection)
            throw ReelError(.unavailable, "cannot lock the project in the studio database: \(StudioDatabase.said(error))",
                            at: location.location, hint: "check that PostgreSQL is running there; nothing was changed")
        }
    }

    static let clock: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        return formatter
    }()
}

extension StudioDatabase {
    /// Who works on what now: every project lock held in this database, by the process
    /// holding it (read from the lock's session name).
    public func lockHolders() async throws -> [StudioWorker] {
        let keys = Dictionary(try await rows("SELECT id FROM project").map { row -> (Int64, String) in
            let id = try row.decode(String.self)
            return (StudioProjectLock.key(id), id)
        }, uniquingKeysWith: { first, _ in first })
        return try await rows("""
            SELECT a.application_name, extract(epoch FROM a.backend_start)::float8, l.classid::bigint, l.objid::bigint
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY a.backend_start
            """).compactMap { row in
            let (name, since, high, low) = try row.decode((String, Double?, Int64, Int64).self)
            let key = Int64(bitPattern: (UInt64(bitPattern: high) << 32) | (UInt64(bitPattern: low) & 0xFFFF_FFFF))
            guard let project = keys[key] else { return nil }
            return StudioWorker(project: project, holder: name, since: since.map { Date(timeIntervalSince1970: $0) })
        }
    }
}

/// What the studio's stop of a project says on ``StudioDatabase/stopChannel``.
struct StopRequest: Codable {
    var project: String
    var by: String
    /// The process asked (the holder's pid, as ``StudioDatabase/lockHolders()`` reads it).
    var pid: Int?
}

extension StudioDatabase {
    /// The channel stops are asked on (PostgreSQL NOTIFY): heard by the lock of the project.
    static let stopChannel = "reel_stop"

    /// Asks the process `pid` (as ``lockHolders()`` names it) holding project `project`'s lock,
    /// on whatever machine, to stop its run (``RunStop``); `who` is who asked, for its message.
    /// A request nobody holds is not heard; one for an earlier holder is not heard by a later.
    public func requestStop(project: String, pid: Int?, by who: String) async throws {
        let payload = String(decoding: try JSONEncoder().encode(StopRequest(project: project, by: who, pid: pid)), as: UTF8.self)
        _ = try await rows("SELECT pg_notify(\(Self.stopChannel), \(payload))", writing: true)
    }
}

