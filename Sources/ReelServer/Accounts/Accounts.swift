import Foundation
import HummingbirdBcrypt
import ReelEngine
import ReelModel
import ReelStore

/// The people who may use a served studio, kept beside its projects
/// (`.reel-studio/accounts.sqlite`): `reel users` manages them, the server signs them in.
/// A studio with no accounts is open (and served on 127.0.0.1 only unless told otherwise);
/// once one exists, every API request needs a session or a token.
///
/// Secrets never rest in the clear: passwords as bcrypt hashes, session and token secrets
/// as SHA-256 digests; a secret is shown once, when it is made.
public struct Accounts: Sendable {
    let store: AccountStore
    /// bcrypt's cost: 12 by default (about a quarter of a second to check a password here).
    let cost: UInt8
    /// A hash no password matches, at the same cost, checked when a name is unknown.
    let decoy: String

    /// The file of the accounts of a projects folder.
    public static func file(projects: URL) -> URL {
        projects.appendingPathComponent(".reel-studio/accounts.sqlite")
    }

    /// Opens the accounts of a projects folder, creating the file when `create` allows;
    /// nil when there is none and it may not be made.
    public static func open(projects: URL, create: Bool, cost: UInt8 = 12) throws -> Accounts? {
        let file = file(projects: projects)
        guard create || FileManager.default.fileExists(atPath: file.path) else { return nil }
        return Accounts(store: try AccountStore(path: file.path), cost: cost, decoy: Bcrypt.hash(secret(words: 8), cost: cost))
    }

    /// How long a browser stays signed in.
    static let sessionLength: TimeInterval = 14 * 24 * 3600

    public func list() throws -> [Account] { try store.accounts() }

    public func hasAccounts() throws -> Bool { try store.hasAccounts() }

    /// Adds a person; answers the password made for them, shown once.
    public func add(_ name: String, role: AccountRole, now: Date = Date()) throws -> String {
        try Self.check(name: name)
        let password = Self.secret(words: 4)
        try store.add(Account(name: name, role: role, created: now), passwordHash: Bcrypt.hash(password, cost: cost))
        return password
    }

    /// A new password for `name` (signing them out everywhere), shown once.
    public func resetPassword(_ name: String) throws -> String {
        let password = Self.secret(words: 4)
        guard try store.setPassword(name, hash: Bcrypt.hash(password, cost: cost)) else { throw noSuchUser(name) }
        return password
    }

    /// Removes a person; the last owner goes only with everyone else (a studio left with no
    /// one stays closed: no one can sign in until `reel users add`).
    public func remove(_ name: String) throws {
        let all = try store.accounts()
        if all.first(where: { $0.name == name })?.role == .owner, all.count > 1, all.filter({ $0.role == .owner }).count == 1 {
            throw ReelError(.usage, "\(name) is the studio's last owner", hint: "make another owner first (`reel users add NAME --role owner`)")
        }
        guard try store.remove(name) else { throw noSuchUser(name) }
    }

    /// A bearer token for scripts (`Authorization: Bearer …`), shown once; it works until
    /// the account's password is reset or the account removed.
    public func token(for name: String) throws -> String {
        guard try store.account(named: name) != nil else { throw noSuchUser(name) }
        let token = "reel_" + Self.secret(words: 8, separator: "")
        try store.addCredential(secretHash: Self.digest(token), AccountStore.Credential(user: name, kind: "token"))
        return token
    }

    /// A browser's session: the cookie's secret, and the CSRF value its changes must repeat.
    struct Session: Sendable {
        var secret: String
        var csrf: String
        var account: Account
    }

    /// Checks of passwords, one at a time, off the threads that answer requests: a flood of
    /// sign-ins waits its turn instead of stalling the studio.
    private static let checking = DispatchQueue(label: "reel.accounts.bcrypt")

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { done in checking.async { done.resume(returning: Bcrypt.verify(password, hash: hash)) } }
    }

    /// Signs `name` in with `password`; a wrong name and a wrong password are one answer.
    func signIn(_ name: String, password: String, now: Date = Date()) async throws -> Session {
        let found = try store.account(named: name)
        // A name that is not there costs the same check, so the answer's time tells nothing.
        let hash = found?.passwordHash ?? decoy
        guard await Self.verify(password, hash: hash), let account = found?.account else {
            throw ReelError(.refused, "the name or the password is wrong", hint: "ask the studio's owner (`reel users password NAME`)")
        }
        let secret = Self.secret(words: 8, separator: "")
        let session = Session(secret: secret, csrf: Self.csrf(for: secret), account: account)
        try store.addCredential(secretHash: Self.digest(session.secret), AccountStore.Credential(
            user: name, kind: "session", expires: now.addingTimeInterval(Self.sessionLength)))
        return session
    }

    func signOut(secret: String) throws { try store.removeCredential(secretHash: Self.digest(secret)) }

    /// Who a session or token secret belongs to, with their role now.
    func identify(_ secret: String) throws -> Identity? {
        try store.credential(secretHash: Self.digest(secret)).map {
            Identity(name: $0.0.user, role: $0.1, csrf: $0.0.kind == "session" ? Self.csrf(for: secret) : nil)
        }
    }

    func record(_ entry: AuditEntry) throws { try store.appendAudit(entry) }

    public func audit(limit: Int) throws -> [AuditEntry] { try store.audit(limit: limit) }

    private func noSuchUser(_ name: String) -> ReelError {
        let names = (try? store.accounts().map(\.name)) ?? []
        return ReelError(.notFound, "there is no user \(name.prefix(40))",
                         hint: (Spelling.nearest(to: name, among: names).map { "did you mean \($0)? " } ?? "") + "`reel users list` shows them")
    }

    /// Names are what people type to sign in: letters (any script), digits, `.`, `_`, `-`.
    static func check(name: String) throws {
        guard (1...40).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ReelError(.usage, "a user name is 1 to 40 letters, digits, '.', '_' or '-' (got '\(name.prefix(40))')")
        }
    }

    static func digest(_ secret: String) -> String { Hashing.sha256(secret).rawValue }

    /// A session's CSRF value, derived from its secret (so it is stored nowhere): another
    /// site's page can make the browser send the cookie, but cannot read this.
    static func csrf(for secret: String) -> String { String(Hashing.sha256("csrf:" + secret).rawValue.prefix(24)) }

    /// Random groups of four from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func secret(words: Int, separator: String = "-") -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<words).map { _ in String((0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }) }
            .joined(separator: separator)
    }

    /// Whether `name` is an account (the audit log names a failed sign-in only then: what
    /// was typed may be a password in the wrong field).
    func exists(_ name: String) throws -> Bool { try store.account(named: name) != nil }
}

/// Who made a request: their account name and role; for a browser session, the CSRF value.
struct Identity: Sendable, Hashable {
    var name: String
    var role: AccountRole
    var csrf: String?
}
