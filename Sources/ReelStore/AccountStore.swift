import Foundation
import GRDB
import ReelModel

/// The accounts of a served studio, beside its projects (`.reel-studio/accounts.sqlite` in
/// the projects folder): people with a role and a bcrypt hash of their password, the
/// credentials they signed in with (only a SHA-256 of each secret is kept), and the audit
/// log of changes (appended, never changed).
public final class AccountStore: Sendable {
    /// `RLAC` in ASCII: this file is a studio's accounts, not a project.
    static let applicationID: Int32 = 0x524C_4143
    let queue: DatabaseQueue

    /// A credential as the store keeps it.
    public struct Credential: Sendable, Hashable {
        public var user: String
        /// `session` (a browser's cookie) or `token` (a script's bearer token).
        public var kind: String
        /// For a session: the value unsafe requests must repeat in `X-Reel-CSRF`.
        public var csrf: String?
        public var expires: Date?

        public init(user: String, kind: String, csrf: String? = nil, expires: Date? = nil) {
            self.user = user
            self.kind = kind
            self.csrf = csrf
            self.expires = expires
        }
    }

    /// Opens (creating if needed) the accounts database at `path`.
    public init(path: String) throws {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(10)
        config.label = "reel-accounts"
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: config)
            let id = try queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } ?? 0
            let tables = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") } ?? 0
            guard id == Self.applicationID || (id == 0 && tables == 0) else {
                throw ReelError(.configuration, "this is not a Reel studio's accounts database", at: path,
                                hint: "move the file away; `reel users add` makes a new one")
            }
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(Self.applicationID)") }
            try Self.migrator.migrate(queue)
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.configuration, "cannot open the studio's accounts", at: path, hint: "check the folder's permissions")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-accounts") { db in
            try db.create(table: "account") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                t.column("password_hash", .text).notNull()
                t.column("created", .double).notNull()
            }
            try db.create(table: "credential") { t in
                t.primaryKey("secret_hash", .text)
                t.column("user", .text).notNull().references("account", column: "name", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("csrf", .text)
                t.column("expires", .double)
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("user", .text).notNull()
                t.column("method", .text).notNull()
                t.column("path", .text).notNull()
                t.column("status", .integer).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        return m
    }

    public func accounts() throws -> [Account] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created FROM account ORDER BY name").map {
                Account(name: $0["name"], role: AccountRole(rawValue: $0["role"]) ?? .viewer,
                        created: Date(timeIntervalSince1970: $0["created"]))
            }
        }
    }

    public func hasAccounts() throws -> Bool {
        try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM account") ?? 0 } > 0
    }

    /// Adds an account; a name already there is refused.
    public func add(_ account: Account, passwordHash: String) throws {
        try queue.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM account WHERE name = ?", arguments: [account.name]) == 0 else {
                throw ReelError(.usage, "there is already a user \(account.name)",
                                hint: "`reel users list` shows them; `reel users password \(account.name)` gives a new password")
            }
            try db.execute(sql: "INSERT INTO account (name, role, password_hash, created) VALUES (?, ?, ?, ?)",
                           arguments: [account.name, account.role.rawValue, passwordHash, account.created.timeIntervalSince1970])
        }
    }

    /// The account and its password hash, by name.
    public func account(named name: String) throws -> (account: Account, passwordHash: String)? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT name, role, password_hash, created FROM account WHERE name = ?", arguments: [name]).map {
                (Account(name: $0["name"], role: AccountRole(rawValue: $0["role"]) ?? .viewer, created: Date(timeIntervalSince1970: $0["created"])),
                 $0["password_hash"])
            }
        }
    }

    /// Sets a new password hash and signs the account out everywhere. False when there is no such account.
    public func setPassword(_ name: String, hash: String) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [hash, name])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM credential WHERE user = ?", arguments: [name])
            return true
        }
    }

    /// Removes an account and its credentials. False when there is no such account.
    public func remove(_ name: String) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM credential WHERE user = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func addCredential(secretHash: String, _ credential: Credential) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO credential (secret_hash, user, kind, csrf, expires) VALUES (?, ?, ?, ?, ?)",
                           arguments: [secretHash, credential.user, credential.kind, credential.csrf,
                                       credential.expires?.timeIntervalSince1970])
        }
    }

    /// The credential whose secret hashes to `secretHash`, with its account's current role;
    /// nil when there is none or it has expired (an expired one is removed).
    public func credential(secretHash: String, now: Date = Date()) throws -> (Credential, AccountRole)? {
        try queue.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.user, c.kind, c.csrf, c.expires, a.role FROM credential c JOIN account a ON a.name = c.user WHERE c.secret_hash = ?
                """, arguments: [secretHash]) else { return nil }
            let expires = (row["expires"] as Double?).map(Date.init(timeIntervalSince1970:))
            if let expires, expires <= now {
                try db.execute(sql: "DELETE FROM credential WHERE secret_hash = ?", arguments: [secretHash])
                return nil
            }
            return (Credential(user: row["user"], kind: row["kind"], csrf: row["csrf"], expires: expires),
                    AccountRole(rawValue: row["role"]) ?? .viewer)
        }
    }

    public func removeCredential(secretHash: String) throws {
        try queue.write { try $0.execute(sql: "DELETE FROM credential WHERE secret_hash = ?", arguments: [secretHash]) }
    }

    public func appendAudit(_ entry: AuditEntry) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO audit (at, user, method, path, status) VALUES (?, ?, ?, ?, ?)",
                           arguments: [entry.at.timeIntervalSince1970, entry.user, entry.method, entry.path, entry.status])
        }
    }

    /// The newest `limit` entries of the audit log, oldest first.
    public func audit(limit: Int) throws -> [AuditEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id", arguments: [limit]).map {
                AuditEntry(at: Date(timeIntervalSince1970: $0["at"]), user: $0["user"], method: $0["method"], path: $0["path"],
                           status: $0["status"])
            }
        }
    }
}
