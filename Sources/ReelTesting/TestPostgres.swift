import Foundation
import ReelMedia
import ReelStore

/// A real PostgreSQL server for the tests: `REEL_TEST_DATABASE` when it is set, else one
/// started once per test process from Debian's `postgresql` package, on a loopback port,
/// in a temporary data directory, stopped and removed when the process exits. Tests share
/// the server and keep apart by project id (``uniqueProject(_:)``), as a studio's projects do.
public enum TestPostgres {
    /// The address of the server (`postgres://…`), started on first use.
    public static func url() async throws -> String {
        if let given = ProcessInfo.processInfo.environment["REEL_TEST_DATABASE"], !given.isEmpty { return given }
        return try await Server.shared.start()
    }

    /// A database of its own on the test server (a studio of its own: its workers and
    /// queue apart from the other tests'), made with Debian's `psql`.
    public static func freshDatabase() async throws -> String {
        let url = try await self.url()
        let name = "studio_\(UUID().uuidString.prefix(8).lowercased())"
        let psql = ChildProcess()
        psql.executableURL = try binaries().appendingPathComponent("psql")
        psql.arguments = [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"]
        psql.standardOutput = .null
        let said = Pipe()
        psql.standardError = .pipe(said)
        try psql.run()
        let message = said.fileHandleForReading.readDataToEndOfFile()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0, var parts = URLComponents(string: url) else {
            throw TestPostgresError("cannot make a database for the test: \(String(decoding: message, as: UTF8.self))")
        }
        parts.path = "/" + name
        return parts.string ?? url
    }

    /// The rows `query` answers on the database at `url`, one line each, columns split by `|`.
    public static func query(_ url: String, _ query: String) throws -> [String] {
        let psql = ChildProcess()
        psql.executableURL = try binaries().appendingPathComponent("psql")
        psql.arguments = [url, "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query]
        let out = Pipe(), err = Pipe()
        (psql.standardOutput, psql.standardError) = (.pipe(out), .pipe(err))
        try psql.run()
        let rows = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw TestPostgresError("psql: \(String(decoding: message, as: UTF8.self))") }
        return String(decoding: rows, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A project id no other test uses.
    public static func uniqueProject(_ label: String = "test") -> String {
        "\(label)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The server's binaries: the newest installed major version of Debian's packages.
    static func binaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        // The newest version that has a server (a client alone has no `postgres`).
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
            .filter { FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("\($0)/bin/postgres").path) }
        guard let newest = versions.last else {
            throw TestPostgresError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): run scripts/bootstrap --test, or set REEL_TEST_DATABASE")
        }
        return root.appendingPathComponent("\(newest)/bin")
    }

    /// A server of its own, for a test that stops or restarts it (the shared one serves
    /// tests running beside it). Stopped when the process exits, or by ``Server/stop()``.
    public static func privateServer() async throws -> Server {
        let server = Server()
        _ = try await server.start()
        return server
    }

    public actor Server {
        static let shared = Server()
        var address: String?
        var process: ChildProcess?
        var port = 0
        var dir: URL?

        /// The server's address, started on first use.
        public func start() throws -> String {
            if let address { return address }
            let bin = try TestPostgres.binaries()
            let tmp = URL(fileURLWithPath: NSTemporaryDirectory())
            TestPostgres.stopOrphans(in: tmp)
            let dir = tmp.appendingPathComponent("reel-pg-\(UUID().uuidString.prefix(8))")
            self.dir = dir
            let data = dir.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            // Whose server it is: a test process killed before its exit handler ran leaves one
            // behind, which the next one stops.
            try Data("\(getpid())".utf8).write(to: dir.appendingPathComponent("owner"))
            // PostgreSQL refuses to run as root: as root, the server runs as the package's user.
            let asRoot = getuid() == 0
            if asRoot {
                try run("/bin/chown", ["postgres", dir.path])
            }
            try run(bin.appendingPathComponent("initdb").path,
                    ["-D", data.path, "-U", "reel", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8"], asPostgres: asRoot)
            port = try freePort()
            try launch(bin: bin, data: data, dir: dir)
            TestPostgres.stopAtExit(data: data, directory: dir)
            let address = "postgres://reel@127.0.0.1:\(port)/postgres?sslmode=disable"
            self.address = address
            return address
        }

        /// Stops the server as an administrator's restart does (fast shutdown: every session
        /// ended), waits until it is gone, and starts it again on the same port and data.
        public func restart() throws {
            halt()
            try resume()
        }

        /// Stops the server as an administrator does (fast shutdown: every session ended) and
        /// waits until it is gone; ``resume()`` starts it again on the same port and data.
        public func halt() {
            guard let process, let dir else { return }
            // To the postmaster itself (as root, `process` is the runuser above it).
            let data = dir.appendingPathComponent("data")
            if let pidFile = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
               let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) {
                kill(pid, SIGINT)
            }
            process.waitUntilExit()
        }

        public func resume() throws {
            guard let dir else { return }
            try launch(bin: try TestPostgres.binaries(), data: dir.appendingPathComponent("data"), dir: dir)
        }

        /// Stops the server and removes its directory.
        public func stop() {
            guard let dir else { return }
            TestPostgres.stop(data: dir.appendingPathComponent("data").path, directory: dir.path)
            process?.waitUntilExit()
            (process, address, self.dir) = (nil, nil, nil)
        }

        /// Starts the postmaster and returns once its log says it accepts connections.
        func launch(bin: URL, data: URL, dir: URL) throws {
            let asRoot = getuid() == 0
            let server = ChildProcess()
            let arguments = ["-D", data.path, "-p", "\(port)", "-k", dir.path, "-c", "listen_addresses=127.0.0.1",
                             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"]
            (server.executableURL, server.arguments) = asRoot
                ? (URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", bin.appendingPathComponent("postgres").path] + arguments)
                : (bin.appendingPathComponent("postgres"), arguments)
            let log = Pipe()
            server.standardOutput = .null
            server.standardError = .pipe(log)
            try server.run()
            // Ready when it says so (an event, not a wait): read its log until the line comes.
            let reader = log.fileHandleForReading
            var seen = ""
            while !seen.contains("ready to accept connections") {
                let chunk = reader.availableData
                guard !chunk.isEmpty else {
                    throw TestPostgresError("PostgreSQL stopped before it was ready: \(seen.suffix(600))")
                }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            // Keep draining its log, so the server never blocks on a full pipe.
            Thread.detachNewThread { while !reader.availableData.isEmpty {} }
            process = server
        }

        func run(_ tool: String, _ arguments: [String], asPostgres: Bool = false) throws {
            let process = ChildProcess()
            (process.executableURL, process.arguments) = asPostgres
                ? (URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", tool] + arguments)
                : (URL(fileURLWithPath: tool), arguments)
            let out = Pipe()
            process.standardOutput = .pipe(out)
            process.standardError = .pipe(out)
            try process.run()
            let said = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw TestPostgresError("\(tool) failed: \(String(decoding: said, as: UTF8.self).suffix(600))")
            }
        }

        func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw TestPostgresError("no free loopback port for PostgreSQL") }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    nonisolated(unsafe) static var stopping: [(data: String, directory: String)] = []
    static let stoppingLock = NSLock()

    /// Stops the servers of test processes that are gone, and removes their directories.
    static func stopOrphans(in tmp: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix("reel-pg-") {
            let dir = tmp.appendingPathComponent(name)
            guard let owner = (try? String(contentsOf: dir.appendingPathComponent("owner"), encoding: .utf8)).flatMap({ Int32($0) }),
                  owner != getpid(), kill(owner, 0) != 0 else { continue }
            stop(data: dir.appendingPathComponent("data").path, directory: dir.path)
        }
    }

    /// The server of `data` stopped at once (SIGQUIT to the postmaster), then `directory` removed.
    static func stop(data: String, directory: String) {
        if let pidFile = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8),
           let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) {
            kill(pid, SIGQUIT)
            // Removed once it is gone (it removes files of its own on the way out).
            for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// At exit: the server stopped at once (SIGQUIT to the postmaster) and its directory removed.
    static func stopAtExit(data: URL, directory: URL) {
        stoppingLock.lock()
        defer { stoppingLock.unlock() }
        if stopping.isEmpty {
            atexit {
                for (data, directory) in TestPostgres.stopping { TestPostgres.stop(data: data, directory: directory) }
            }
        }
        stopping.append((data.path, directory.path))
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// One studio database on the test server, shared by a test process's tests (each on a
/// project of its own).
public enum TestStudio {
    public static func shared() async throws -> StudioDatabase { try await Holder.shared.database() }

    actor Holder {
        static let shared = Holder()
        var opened: StudioDatabase?

        func database() async throws -> StudioDatabase {
            if let opened { return opened }
            let database = try await StudioDatabase.connect(try await TestPostgres.url())
            opened = database
            return database
        }
    }
}
