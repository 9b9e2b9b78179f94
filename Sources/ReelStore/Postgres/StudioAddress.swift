import Foundation
import NIOSSL
import PostgresNIO
import ReelModel

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
