import Foundation
import Hummingbird
import ReelModel
import Synchronization

/// Every request's context: Hummingbird's, and who made it (nil in a studio without accounts).
struct StudioContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?
    /// Whether the credential this request came with still signs someone in (nil without
    /// accounts): a long answer — the live view's event stream — ends when it no longer does
    /// (signed out, the token revoked, the person removed).
    var stillSignedIn: (@Sendable () -> Bool)?
    /// The client's address as the connection shows it ("-" when there is none): what
    /// sign-in waits are kept by, beside the name.
    var client: String

    init(source: Source) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// The accounts of the served folder, opened once they exist: `reel users add` in a
/// terminal turns a running open studio into one that needs sign-in, without a restart.
final class AccountsHandle: Sendable {
    let projects: URL
    let cost: UInt8
    private let opened = Mutex<Accounts?>(nil)

    /// A studio with an accounts file: `accounts` when anyone is in it (else it stays closed).
    struct State {
        var accounts: Accounts?
    }

    init(projects: URL, cost: UInt8) {
        self.projects = projects
        self.cost = cost
    }

    /// Nil for an open studio (no accounts file); else who may sign in.
    func state() throws -> State? {
        let known = opened.withLock { $0 }
        let accounts: Accounts
        if let known {
            accounts = known
        } else {
            guard let made = try Accounts.open(projects: projects, create: false, cost: cost) else { return nil }
            accounts = opened.withLock { current in
                if current == nil { current = made }
                return current!
            }
        }
        return State(accounts: try accounts.hasAccounts() ? accounts : nil)
    }

    /// The accounts, when the folder has anyone who may sign in.
    func current() throws -> Accounts? { try state()?.accounts }
}

/// Sign-in and roles, before any route: with accounts, an `/api` request needs a session
/// cookie or a bearer token (401), a role that may do what it asks (403, naming both), and —
/// for a change made with a cookie — the session's CSRF value in `X-Reel-CSRF` (403). Each
/// change (and each sign-in) is then written to the audit log with who made it and how it
/// was answered. The web studio's own files are public: the page must load to sign in.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = StudioContext
    let accounts: AccountsHandle

    static let cookie = "reel_session"

    func handle(_ request: Request, context: StudioContext, next: (Request, StudioContext) async throws -> Response) async throws -> Response {
        // The path as the router reads it: empty segments do not count (`//api/…` is `/api/…`).
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        let path = "/" + segments.joined(separator: "/")
        guard segments.first == "api", let state = try accounts.state() else { return try await next(request, context) }
        var context = context
        let method = request.method.rawValue
        let session = path == "/api/session"
        // Changes are audited; sign-in and sign-out are, by the session route, with the name.
        let changes = !["GET", "HEAD", "OPTIONS"].contains(method) && !session
        var who: String?
        do {
            if !session {
                // A studio whose accounts were all removed stays closed (no one can sign in).
                guard let accounts = state.accounts else {
                    throw Self.unauthorized("this studio's accounts file has no one in it, so no one can sign in",
                                            hint: "`reel users add NAME --role owner` in the projects folder")
                }
                let (identity, byCookie) = try identify(request, accounts: accounts)
                who = identity.name
                try authorize(identity, method: method, path: path)
                if byCookie, changes {
                    guard let sent = request.headers[.init("X-Reel-CSRF")!], let expected = identity.csrf,
                          Self.same(sent, expected) else {
                        throw Problem(status: .forbidden, kind: "csrf", detail: "a change made with a signed-in browser must carry its X-Reel-CSRF value",
                                      hint: "the studio's pages send it; a script uses a bearer token (`reel users token NAME`)")
                    }
                }
                context.identity = identity
                context.stillSignedIn = { [accounts = self.accounts] in
                    guard let current = (try? accounts.state())?.accounts else { return false }
                    return (try? self.identify(request, accounts: current)) != nil
                }
            }
            let response = try await next(request, context)
            if changes, let who, let accounts = state.accounts { audit(accounts, who: who, method: method, path: path, status: response.status.code) }
            return response
        } catch {
            // Who is not signed in leaves no line: the log is of people's changes, not of noise.
            if changes, let who, let accounts = state.accounts {
                let status = (error as? any HTTPResponseError)?.status.code ?? 500
                audit(accounts, who: who, method: method, path: path, status: status)
            }
            if let error = error as? ReelError { throw Problem(error) }
            throw error
        }
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The signed-in person: a bearer token, else the session cookie; 401 without either.
    func identify(_ request: Request, accounts: Accounts) throws -> (Identity, byCookie: Bool) {
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            guard let identity = try accounts.identify(String(authorization.dropFirst(7))), identity.csrf == nil else {
                throw Self.unauthorized("the bearer token is not known (or was revoked)")
            }
            return (identity, false)
        }
        if let secret = Self.cookie(in: request), let identity = try accounts.identify(secret), identity.csrf != nil {
            return (identity, true)
        }
        throw Self.unauthorized("sign in to use this studio")
    }

    static func unauthorized(_ detail: String, hint: String? = nil) -> Problem {
        var problem = Problem(status: .unauthorized, kind: "unauthorized", detail: detail,
                              hint: hint ?? "POST /api/session with your name and password (the studio's page asks for them), or send `Authorization: Bearer TOKEN` (`reel users token NAME`)")
        problem.authenticate = true
        return problem
    }

    func authorize(_ identity: Identity, method: String, path: String) throws {
        // A path no listed route answers: the router says 404 or 405, to an owner; to anyone
        // else it is not found either way — a route missing from the list is never open.
        guard let route = ServerRoutes.route(method: method, path: path) else {
            guard identity.role == .owner else { throw Problem(status: .notFound, kind: "not-found", detail: "there is nothing at \(path.prefix(80))") }
            return
        }
        let needed = ServerRoutes.role(for: route)
        guard identity.role >= needed else {
            throw Problem(status: .forbidden, kind: "forbidden",
                          detail: "\(identity.name) is a \(identity.role.rawValue): \(ServerRoutes.action(route)) needs \(needed == .owner ? "the" : "an") \(needed.rawValue)",
                          hint: "an owner can change your role (`reel users add` with another role, after `reel users remove`)")
        }
    }

    /// The session cookie's value, if the request has one.
    static func cookie(in request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == cookie { return parts[1] }
            }
        }
        return nil
    }

    func audit(_ accounts: Accounts, who: String, method: String, path: String, status: Int) {
        // The log says who changed what, never a secret: paths carry ids only.
        try? accounts.record(AuditEntry(at: Date(), user: String(who.prefix(40)), method: method, path: String(path.prefix(200)), status: status))
    }
}
