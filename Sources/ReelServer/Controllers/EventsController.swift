import Foundation
import Hummingbird
import ReelStudio
import ServiceLifecycle

/// `GET /api/projects/{project}/events`: the live view, as server-sent events. Whenever
/// anything the studio shows changes — a pick or a note from another browser, a take a
/// `reel generate` in a terminal finished, an edited script — a `changed` event carries the
/// project's new change token (its `id`, so a reconnecting `EventSource` resumes from it).
///
/// The first event is `hello` with the token as it is. `?once=1` ends the stream after the
/// first event that says something new (a long poll, for clients without EventSource);
/// `?since=TOKEN` or `Last-Event-ID` starts from a token the client already has.
struct EventsController {
    let library: ProjectLibrary
    let studio: Studio
    /// How often the project is looked at for changes.
    let interval: Duration

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":project/events", use: events)
    }

    @Sendable func events(_ request: Request, context: StudioContext) async throws -> Response {
        let project = try context.parameters.value("project")
        let given = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
            ?? request.uri.queryParameters["since"].map(String.init)
        // An unknown project is a 404 before the stream starts. The project is opened once
        // (read-only, no lock) for the stream's life: each look is the change-token query only.
        let production = try library.open(project)
        let runs = library.runs
        let token: @Sendable () async throws -> String = {
            try await studio.changeToken(production) + (await runs.signature(of: project))
        }
        let first: String
        do { first = try await token() } catch { production.close(); throw error }
        let once = request.uri.queryParameters["once"] != nil
        let bell = library.bell
        let watch = Watch(production: production, token: token, interval: interval, since: given, first: first, once: once,
                          signedIn: context.stillSignedIn ?? { true }, rung: { await bell.count(project) },
                          wait: { await bell.wait(project, after: $0, upTo: $1) })
        let events = AsyncThrowingStream<ByteBuffer, any Error>(unfolding: { try await watch.next() })
        // Stopping the server ends the stream instead of waiting for the browser to leave.
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(asyncSequence: events.cancelOnGracefulShutdown()))
    }

    /// One stream's state: the token the client has, and the open project it watches (its
    /// change token, with the server's run of it).
    actor Watch {
        let production: Production
        let token: @Sendable () async throws -> String
        let interval: Duration
        let once: Bool
        /// False once the person who opened the stream is signed out: the stream ends.
        let signedIn: @Sendable () -> Bool
        /// The project's bell (``ChangeBell``): its count, and a wait until it rings after a
        /// count read or for at most a while.
        let rung: @Sendable () async -> UInt64
        let wait: @Sendable (UInt64, Duration) async -> Void
        var since: String?
        var first: String?
        var done = false

        init(production: Production, token: @escaping @Sendable () async throws -> String, interval: Duration, since: String?,
             first: String, once: Bool, signedIn: @escaping @Sendable () -> Bool, rung: @escaping @Sendable () async -> UInt64 = { 0 },
             wait: @escaping @Sendable (UInt64, Duration) async -> Void = { _, limit in try? await Task.sleep(for: limit) }) {
            self.production = production
            self.token = token
            self.interval = interval
            self.since = since
            self.first = since == nil ? first : nil
            self.once = once
            self.signedIn = signedIn
            self.rung = rung
            self.wait = wait
        }

        deinit { production.close() }

        /// The next event to send, waiting for a change; nil ends the stream.
        func next() async throws -> ByteBuffer? {
            guard !done else { return nil }
            if let hello = first {
                first = nil
                since = hello
                done = once
                return EventsController.event("hello", token: hello)
            }
            let clock = ContinuousClock()
            let start = clock.now
            while true {
                // Signed out (or the token revoked) since it opened: nothing more is sent; the
                // browser's next request is answered 401 and asks to sign in.
                guard signedIn() else { return nil }
                // Read before the look: a change rung after it ends the wait below at once.
                let seen = await rung()
                let now = try await token()
                if now != since {
                    since = now
                    done = once
                    return EventsController.event("changed", token: now)
                }
                // A comment now and then keeps proxies from closing a quiet stream and finds a
                // browser that has gone (the write fails and the stream ends).
                if clock.now - start >= .seconds(5) { return ByteBuffer(string: ": still here\n\n") }
                // Until this server changes the project, or the next look (another process's change).
                await wait(seen, interval)
                try Task.checkCancellation()
            }
        }
    }

    /// One server-sent event: `id`, `event` and a JSON `data` line.
    static func event(_ name: String, token: String) -> ByteBuffer {
        ByteBuffer(string: "id: \(token)\nevent: \(name)\ndata: {\"token\":\"\(token)\"}\n\n")
    }
}
