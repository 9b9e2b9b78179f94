import Foundation
import Hummingbird
import ReelModel

/// `/api/session`: signing in and out of a studio with accounts, and who is signed in;
/// `/api/audit`: the log of changes, for owners.
struct SessionController {
    let accounts: AccountsHandle
    /// Waits between wrong passwords for a name, so a password cannot be guessed by trying.
    let throttle: SignInThrottle
    let now: @Sendable () -> Date

    struct SignIn: Codable, Sendable {
        var name: String
        var password: String
    }

    /// Whether the studio has accounts, and if so who this browser is signed in as, with the
    /// CSRF value its changes must carry.
    struct SessionAnswer: Codable, Sendable {
        var accounts: Bool
        var user: String?
        var role: AccountRole?
        var csrf: String?
    }

    func addRoutes(session: RouterGroup<StudioContext>, audit: RouterGroup<StudioContext>) {
        session.get(use: current)
        session.post(use: signIn)
        session.delete(use: signOut)
        audit.get(use: log)
    }

    @Sendable func current(_ request: Request, context: StudioContext) async throws -> JSONAnswer<SessionAnswer> {
        guard let state = try accounts.state() else { return JSONAnswer(SessionAnswer(accounts: false)) }
        guard let accounts = state.accounts else { return JSONAnswer(SessionAnswer(accounts: true)) }
        let identity = try? AuthMiddleware(accounts: self.accounts).identify(request, accounts: accounts).0
        return JSONAnswer(SessionAnswer(accounts: true, user: identity?.name, role: identity?.role, csrf: identity?.csrf))
    }

    @Sendable func signIn(_ request: Request, context: StudioContext) async throws -> Response {
        let body = try await request.json(SignIn.self, context: context)
        guard let accounts = try accounts.current() else {
            throw Problem(status: .conflict, kind: "no-accounts", detail: "this studio has no accounts: it is open to whoever reaches it",
                          hint: "`reel users add NAME --role owner` in the projects folder adds the first one")
        }
        let who = (try? accounts.exists(body.name)) == true ? String(body.name.prefix(40)) : "(a name that is no account)"
        // Answered at once while the name must wait: no password is checked, and nothing is
        // written (a flood of these must not fill the audit log; the wrong tries before it are there).
        if let wait = throttle.begin(body.name, from: context.client, now: now()) {
            var problem = Problem(status: .tooManyRequests, kind: "too-many-tries",
                                  detail: "too many wrong passwords for this name: the next try is possible in \(Self.duration(wait))",
                                  hint: "wait, then try again; or ask the studio's owner for a new password (`reel users password NAME`)")
            problem.retryAfter = Int(wait.rounded(.up))
            throw problem
        }
        let session: Accounts.Session
        do {
            session = try await accounts.signIn(body.name, password: body.password)
        } catch let error as ReelError where error.code == .refused {
            try? accounts.record(AuditEntry(at: now(), user: who, method: "POST", path: "/api/session", status: 401))
            throw AuthMiddleware.unauthorized(error.message)
        }
        throttle.succeeded(body.name, from: context.client)
        // A browser signing in again ends the session it had.
        if let previous = AuthMiddleware.cookie(in: request) { try? accounts.signOut(secret: previous) }
        try? accounts.record(AuditEntry(at: Date(), user: session.account.name, method: "POST", path: "/api/session", status: 200))
        var response = try JSONAnswer(SessionAnswer(accounts: true, user: session.account.name, role: session.account.role, csrf: session.csrf))
            .response(from: request, context: context)
        // Secure when the studio is reached over HTTPS (through a TLS proxy that says so).
        let secure = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https" ? "; Secure" : ""
        response.headers[.setCookie] = "\(AuthMiddleware.cookie)=\(session.secret); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(Accounts.sessionLength))\(secure)"
        return response
    }

    /// A wait as people say it: "3 seconds", "2 minutes".
    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 90 ? Plural.count(whole, "second") : Plural.count(Int((Double(whole) / 60).rounded(.up)), "minute")
    }

    @Sendable func signOut(_ request: Request, context: StudioContext) async throws -> Response {
        if let accounts = try accounts.current(), let secret = AuthMiddleware.cookie(in: request) {
            if let identity = try accounts.identify(secret) {
                try? accounts.record(AuditEntry(at: Date(), user: identity.name, method: "DELETE", path: "/api/session", status: 204))
            }
            try accounts.signOut(secret: secret)
        }
        return Response(status: .noContent, headers: [.setCookie: "\(AuthMiddleware.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
    }

    /// `GET /api/audit?limit=N`: the newest changes, oldest first (owners only).
    @Sendable func log(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[AuditEntry]> {
        let limit = try request.uri.queryParameters.get("limit").map { text in
            guard let n = Int(text), (1...10_000).contains(n) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "limit must be a number from 1 to 10000 (got '\(text.prefix(20))')")
            }
            return n
        } ?? 200
        return JSONAnswer(try accounts.current()?.audit(limit: limit) ?? [])
    }
}
