import Foundation
import Hummingbird
import HummingbirdTesting
import ReelModel
import ReelSimulator
@testable import ReelServer
import ReelStudio
import ReelTesting
import Synchronization
import Testing

/// A studio with accounts: every API route needs a session or a token (401), a role that may
/// do what it asks (403, for each route and each role), and a signed-in browser's changes
/// carry its CSRF value; changes are audited with who made them; no secret rests in the clear.
@Suite struct AuthAPITests {
    static let jsonType: HTTPFields = [.contentType: "application/json"]

    /// The fixture with one account per role; their bearer tokens and passwords.
    func accounts(_ f: ServerFixture) throws -> (tokens: [AccountRole: String], passwords: [AccountRole: String]) {
        let accounts = try #require(try Accounts.open(projects: f.projects, create: true, cost: 4))
        var tokens: [AccountRole: String] = [:], passwords: [AccountRole: String] = [:]
        for role in AccountRole.allCases {
            passwords[role] = try accounts.add("\(role.rawValue)-1", role: role)
            tokens[role] = try accounts.token(for: "\(role.rawValue)-1")
        }
        return (tokens, passwords)
    }

    static func uri(_ route: String) -> String {
        route.split(separator: " ")[1].replacingOccurrences(of: "{project}", with: "two-rooms")
            .replacingOccurrences(of: "{shot}", with: "S01-01").replacingOccurrences(of: "{name}", with: "x.png")
            .replacingOccurrences(of: "{note}", with: "1").replacingOccurrences(of: "{subject}", with: "MAYA")
            .replacingOccurrences(of: "{scene}", with: "1")
            + (route.hasSuffix("/events") ? "?once=1" : "")
    }

    /// The roles, pinned: who may do what, route by route (a change to the table shows here).
    @Test func theRoleOfEveryRouteIsPinned() {
        let table: [String: AccountRole] = [
            "GET /api/session": .viewer, "POST /api/session": .viewer, "DELETE /api/session": .viewer, "GET /api/audit": .owner,
            "GET /api/projects": .viewer, "POST /api/projects": .editor, "GET /api/templates": .viewer, "GET /api/interview": .viewer, "GET /api/workers": .viewer,
            "GET /api/series": .viewer,
            "GET /api/projects/{project}/board": .viewer, "GET /api/projects/{project}/cast": .viewer,
            "PATCH /api/projects/{project}/cast/{subject}/voice": .editor, "POST /api/projects/{project}/cast/{subject}/references": .editor,
            "GET /api/projects/{project}/cast/{subject}/sheet": .viewer,
            "GET /api/projects/{project}/voices": .viewer, "POST /api/projects/{project}/estimate": .viewer,
            "GET /api/projects/{project}/song": .viewer, "PUT /api/projects/{project}/song": .editor,
            "DELETE /api/projects/{project}/song": .editor,
            "GET /api/projects/{project}/music": .viewer, "PATCH /api/projects/{project}/music/{scene}": .editor,
            "POST /api/projects/{project}/music/{scene}/estimate": .viewer, "POST /api/projects/{project}/music/{scene}/takes": .editor,
            "POST /api/projects/{project}/runs": .editor, "GET /api/projects/{project}/run": .viewer,
            "DELETE /api/projects/{project}/run": .editor,
            "POST /api/projects/{project}/render": .editor, "POST /api/projects/{project}/exports": .editor,
            "GET /api/projects/{project}/downloads/{name}": .viewer, "GET /api/projects/{project}/consent": .owner,
            "POST /api/projects/{project}/cast/{subject}/consent": .owner, "DELETE /api/projects/{project}/cast/{subject}/consent": .owner,
            "GET /api/projects/{project}/shots/{shot}": .viewer, "PATCH /api/projects/{project}/shots/{shot}": .editor,
            "POST /api/projects/{project}/shots/{shot}/pick": .editor, "DELETE /api/projects/{project}/shots/{shot}/pick": .editor, "GET /api/projects/{project}/shots/{shot}/notes": .viewer,
            "POST /api/projects/{project}/shots/{shot}/notes": .reviewer,
            "DELETE /api/projects/{project}/shots/{shot}/notes/{note}": .reviewer,
            "POST /api/projects/{project}/shots/{shot}/critic-notes": .reviewer,
            "GET /api/projects/{project}/media/{name}": .viewer, "GET /api/projects/{project}/events": .viewer,
        ]
        #expect(Set(table.keys) == Set(ServerRoutes.api), "every route has its role here")
        for route in ServerRoutes.api { #expect(ServerRoutes.role(for: route) == table[route], "\(route)") }
    }

    /// The router reads `//api/…` as `/api/…`, and so does sign-in; a path no route has is
    /// not found to anyone but an owner.
    @Test func noPathSpellingGetsPastSignIn() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (tokens, _) = try accounts(f)
        try await buildApplication(f.configuration).test(.router) { client in
            for uri in ["//api/audit", "/api//audit", "//api/projects/two-rooms/runs", "/api/projects/", "//api//projects"] {
                try await client.execute(uri: uri, method: uri.hasSuffix("runs") ? .post : .get, headers: Self.jsonType,
                                         body: ByteBuffer(string: "{")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
            try await client.execute(uri: "//api/audit", method: .get, headers: [.authorization: "Bearer \(tokens[.editor]!)"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/nothing/here", method: .get, headers: [.authorization: "Bearer \(tokens[.viewer]!)"]) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// Removing everyone leaves the studio closed, not open: no one can sign in.
    @Test func aStudioWhoseAccountsAreAllRemovedStaysClosed() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let accounts = try #require(try Accounts.open(projects: f.projects, create: true, cost: 4))
        _ = try accounts.add("ana", role: .owner)
        _ = try accounts.add("bo", role: .editor)
        #expect(throws: ReelError.self, "the last owner goes only with everyone else") { try accounts.remove("ana") }
        try accounts.remove("bo")
        try accounts.remove("ana")
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/projects", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("has no one in it"))
            }
            try await client.execute(uri: "/api/session", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""accounts":true"#))
            }
        }
    }

    @Test func everyRouteNeedsSignInAndTheRoleItsChangeCalls() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (tokens, _) = try accounts(f)
        try await buildApplication(f.configuration).test(.router) { client in
            for route in ServerRoutes.api where !route.hasSuffix(" /api/session") {
                let method = HTTPRequest.Method(String(route.split(separator: " ")[0]))!
                // A body that does not read: past sign-in and roles, the route refuses it (400), doing nothing.
                try await client.execute(uri: Self.uri(route), method: method, headers: Self.jsonType, body: ByteBuffer(string: "{")) { response in
                    #expect(response.status == .unauthorized, "\(route) without a credential")
                    #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="reel""#)
                }
                for role in AccountRole.allCases {
                    var headers = Self.jsonType
                    headers[.authorization] = "Bearer \(tokens[role]!)"
                    try await client.execute(uri: Self.uri(route), method: method, headers: headers, body: ByteBuffer(string: "{")) { response in
                        let allowed = role >= ServerRoutes.role(for: route)
                        #expect(response.status != .unauthorized, "\(route) as \(role)")
                        #expect((response.status == .forbidden) == !allowed, "\(route) as \(role): \(response.status)")
                        if !allowed {
                            #expect(String(buffer: response.body).contains("\(role.rawValue)-1 is a \(role.rawValue): "), "\(route)")
                        }
                    }
                }
            }
            try await client.execute(uri: "/api/projects", method: .get, headers: [.authorization: "Bearer reel_nosuchtoken"]) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("the bearer token is not known"))
            }
        }
    }

    /// Guessing a password by trying: after five wrong ones, a name waits before its next try
    /// (twice as long each time), answered 429 with Retry-After and no password checked —
    /// the right one included; once the wait is over, the right one signs in and starts over.
    @Test func wrongPasswordsMakeANameWaitBeforeItsNextTry() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (_, passwords) = try accounts(f)
        let clock = ManualClock()
        var configuration = f.configuration
        configuration.clock = clock.reading
        try await buildApplication(configuration).test(.router) { client in
            func signIn(_ name: String, _ password: String) async throws -> (HTTPResponse.Status, String?, String) {
                try await client.execute(uri: "/api/session", method: .post, headers: Self.jsonType,
                                         body: ByteBuffer(string: #"{"name": "\#(name)", "password": "\#(password)"}"#)) { response in
                    (response.status, response.headers[.retryAfter], String(buffer: response.body))
                }
            }
            for _ in 0..<5 { #expect(try await signIn("editor-1", "guess").0 == .unauthorized) }
            let right = passwords[.editor]!
            let waiting = try await signIn("EDITOR-1", right)
            #expect(waiting.0 == .tooManyRequests && waiting.1 == "1", "the name as typed, in any case")
            #expect(waiting.2.contains("too many wrong passwords for this name: the next try is possible in 1 second"))
            #expect(try await signIn("viewer-1", passwords[.viewer]!).0 == .ok, "other names are not held up")
            clock.advance(by: 1)
            #expect(try await signIn("editor-1", "guess").0 == .unauthorized)
            #expect(try await signIn("editor-1", right).1 == "2", "the wait doubles")
            clock.advance(by: 2)
            #expect(try await signIn("editor-1", right).0 == .ok)
            #expect(try await signIn("editor-1", "guess").0 == .unauthorized, "a right password starts the count over")
            // Tries sent together cannot all slip past before the first is checked.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 { group.addTask { try await signIn("reviewer-1", "guess").0 } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5 && statuses.filter { $0 == .tooManyRequests }.count == 5, "\(statuses)")
            // A name that is no account waits the same: the answer tells nothing about who exists.
            for _ in 0..<5 { _ = try await signIn("nobody", "guess") }
            #expect(try await signIn("nobody", "guess").0 == .tooManyRequests)
        }
        let audit = try #require(try Accounts.open(projects: f.projects, create: false)).audit(limit: 100)
        #expect(audit.filter { $0.user == "editor-1" && $0.status == 401 }.count == 7, "every wrong password is in the audit log")
        #expect(!audit.contains { $0.status == 429 }, "the waits are not: a flood of them must not fill it")
    }

    @Test func aBrowserSignsInItsChangesCarryTheCSRFValueAndAreAudited() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (tokens, passwords) = try accounts(f)
        let sessionSecrets = try await buildApplication(f.configuration).test(.router) { client in
            // A wrong password and an unknown name are one answer.
            for (name, password) in [("reviewer-1", "wrong"), ("nobody", passwords[.reviewer]!)] {
                try await client.execute(uri: "/api/session", method: .post, headers: Self.jsonType,
                                         body: ByteBuffer(string: #"{"name": "\#(name)", "password": "\#(password)"}"#)) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains("the name or the password is wrong"))
                    #expect(response.headers[.setCookie] == nil)
                }
            }
            let (cookie, csrf) = try await client.execute(uri: "/api/session", method: .post, headers: Self.jsonType,
                                                          body: ByteBuffer(string: #"{"name": "reviewer-1", "password": "\#(passwords[.reviewer]!)"}"#)) { response in
                #expect(response.status == .ok)
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.hasPrefix("reel_session="))
                let answer = try JSONDecoder().decode(SessionController.SessionAnswer.self, from: Data(response.body.readableBytesView))
                #expect(answer.user == "reviewer-1" && answer.role == .reviewer)
                return (String(setCookie.split(separator: ";")[0]), try #require(answer.csrf))
            }
            let sessionSecrets = [String(cookie.dropFirst("reel_session=".count)), csrf]
            // Every kind of change with the cookie and without the CSRF value is refused.
            for (method, uri) in [(HTTPRequest.Method.patch, "/api/projects/two-rooms/shots/S01-01"),
                                  (.delete, "/api/projects/two-rooms/shots/S01-01/notes/1")] {
                try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json", .cookie: cookie],
                                         body: ByteBuffer(string: #"{"size": "WS"}"#)) { response in
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                }
            }
            let notes = "/api/projects/two-rooms/shots/S01-01/notes"
            try await client.execute(uri: notes, method: .post, headers: [.contentType: "application/json", .cookie: cookie],
                                     body: ByteBuffer(string: #"{"text": "warmer"}"#)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("X-Reel-CSRF"))
            }
            var signedIn: HTTPFields = [.contentType: "application/json", .cookie: cookie]
            signedIn[.init("X-Reel-CSRF")!] = csrf
            try await client.execute(uri: notes, method: .post, headers: signedIn, body: ByteBuffer(string: #"{"text": "warmer"}"#)) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body).contains(#""author":"reviewer-1""#), "the note says who wrote it")
            }
            // An editor's note: a reviewer may not withdraw it; its author's own, yes.
            var editor = Self.jsonType
            editor[.authorization] = "Bearer \(tokens[.editor]!)"
            try await client.execute(uri: notes, method: .post, headers: editor, body: ByteBuffer(string: #"{"text": "tighter"}"#)) { #expect($0.status == .created) }
            try await client.execute(uri: "\(notes)/2", method: .delete, headers: signedIn) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("note 2 is editor-1's"))
            }
            try await client.execute(uri: "\(notes)/1", method: .delete, headers: signedIn) { #expect($0.status == .ok) }
            // Signed out, the cookie is nothing.
            try await client.execute(uri: "/api/session", method: .delete, headers: signedIn) { #expect($0.status == .noContent) }
            try await client.execute(uri: notes, method: .get, headers: signedIn) { #expect($0.status == .unauthorized) }
            // The audit log, for owners: who changed what, and how it was answered.
            try await client.execute(uri: "/api/audit", method: .get, headers: editor) { #expect($0.status == .forbidden) }
            var owner = Self.jsonType
            owner[.authorization] = "Bearer \(tokens[.owner]!)"
            let log = try await client.execute(uri: "/api/audit", method: .get, headers: owner) { response in
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                return try decoder.decode([AuditEntry].self, from: Data(response.body.readableBytesView))
            }
            let lines = log.map { "\($0.user) \($0.method) \($0.path) \($0.status)" }
            #expect(lines.contains("reviewer-1 POST /api/session 401") && lines.contains("(a name that is no account) POST /api/session 401"),
                    "a name that is no account is not written down (it may be a password typed in the wrong field)")
            #expect(lines.contains("reviewer-1 POST /api/projects/two-rooms/shots/S01-01/notes 403"), "the refused change without CSRF")
            #expect(lines.contains("reviewer-1 POST /api/projects/two-rooms/shots/S01-01/notes 201"))
            #expect(lines.contains("reviewer-1 DELETE /api/projects/two-rooms/shots/S01-01/notes/2 403"))
            #expect(lines.contains("reviewer-1 DELETE /api/session 204"))
            #expect(!lines.contains { $0.contains("GET ") }, "reads are not audited")
            return sessionSecrets
        }
        // No secret rests in the clear: passwords, tokens, sessions and CSRF values.
        let folder = f.projects.appendingPathComponent(".reel-studio")
        let stored = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }.joined()
        for secret in Array(passwords.values) + Array(tokens.values) + sessionSecrets { #expect(!stored.contains(secret)) }
    }

    /// The live view's stream of a browser that signs out (or whose token is revoked) ends
    /// at its next look: it does not go on telling a signed-out page what changes.
    @Test func theLiveStreamEndsWhenItsPersonIsSignedOut() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let signedIn = Mutex(true)
        let watch = EventsController.Watch(production: try f.production(), token: { "t1" }, interval: .milliseconds(1),
                                           since: nil, first: "t1", once: false, signedIn: { signedIn.withLock { $0 } })
        let hello = try #require(try await watch.next())
        #expect(String(buffer: hello).hasPrefix("id: t1\nevent: hello\n"))
        signedIn.withLock { $0 = false }
        #expect(try await watch.next() == nil, "signed out: the stream ends")
    }

    /// A change this server makes wakes the live view at once, not at its next look (the
    /// look here is an hour away: the test ends at the ring, or fails at its time limit).
    @Test(.timeLimit(.minutes(1))) func theLiveStreamAnswersAChangeOfThisServerAtOnce() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let bell = ChangeBell()
        let token = Mutex("t1")
        let watch = EventsController.Watch(production: try f.production(), token: { token.withLock { $0 } }, interval: .seconds(3600),
                                           since: nil, first: "t1", once: false, signedIn: { true },
                                           rung: { await bell.count("p") }, wait: { await bell.wait("p", after: $0, upTo: $1) })
        _ = try await watch.next()
        async let changed = watch.next()
        // A ring before the view waits, or while it waits: either way it answers.
        token.withLock { $0 = "t2" }
        await bell.ring("p")
        #expect(try await changed.map { String(buffer: $0) }?.hasPrefix("id: t2\nevent: changed\n") == true)
        // A ring between a count read and the wait is not missed.
        let seen = await bell.count("p")
        await bell.ring("p")
        await bell.wait("p", after: seen, upTo: .seconds(3600))
        await bell.ring("other")
        let (p, other) = (await bell.count("p"), await bell.count("other"))
        #expect(p == seen + 1 && other == 1)
    }

    @Test func aStudioWithoutAccountsIsOpenAndSaysSo() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/session", method: .get) { response in
                #expect(String(buffer: response.body) == "{\"accounts\":false}\n")
            }
            try await client.execute(uri: "/api/projects", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/session", method: .post, headers: Self.jsonType,
                                     body: ByteBuffer(string: #"{"name": "a", "password": "b"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("reel users add NAME --role owner"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: f.projects.appendingPathComponent(".reel-studio").path), "nothing was written")
    }
}
