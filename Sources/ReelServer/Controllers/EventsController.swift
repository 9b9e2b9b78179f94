import Foundation
import Hummingbird
import ReelStudio

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

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get(":project/events", use: events)
    }

    @Sendable func events(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let project = try context.parameters.value("project")
        let given = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
            ?? request.uri.queryParameters["since"].map(String.init)
        // An unknown project is a 404 before the stream starts.
        let first = try await token(project)
        let once = request.uri.queryParameters["once"] != nil
        let library = self.library, studio = self.studio, interval = self.interval
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody { writer in
            var since = given
            if since == nil {
                try await writer.write(Self.event("hello", token: first))
                since = first
                if once { return try await writer.finish(nil) }
            }
            var quiet = Duration.zero
            while true {
                let now = try await Self.token(project, library: library, studio: studio)
                if now != since {
                    try await writer.write(Self.event("changed", token: now))
                    since = now
                    if once { break }
                    quiet = .zero
                } else if quiet >= .seconds(15) {
                    // A comment now and then keeps proxies from closing a quiet stream.
                    try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    quiet = .zero
                }
                try await Task.sleep(for: interval)
                quiet += interval
            }
            try await writer.finish(nil)
        })
    }

    func token(_ project: String) async throws -> String { try await Self.token(project, library: library, studio: studio) }

    static func token(_ project: String, library: ProjectLibrary, studio: Studio) async throws -> String {
        let production = try library.open(project)
        defer { production.close() }
        return try await studio.changeToken(production)
    }

    /// One server-sent event: `id`, `event` and a JSON `data` line.
    static func event(_ name: String, token: String) -> ByteBuffer {
        ByteBuffer(string: "id: \(token)\nevent: \(name)\ndata: {\"token\":\"\(token)\"}\n\n")
    }
}
