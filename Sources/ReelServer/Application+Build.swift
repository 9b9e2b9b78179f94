import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// Builds the studio server: the HTTP API under `/api`, the OpenAPI document, and the web
/// studio — apart from `reel serve`'s `main`, so tests build the very same application.
///
/// ```swift
/// let app = try buildApplication(ServerConfiguration(port: 0, projects: directory))
/// try await app.test(.router) { client in … }
/// ```
/// - Parameter listening: called once the server listens, with its port (the one chosen
///   when the configuration asks for port 0).
/// Builds the application and runs it until the process is asked to stop (SIGINT, SIGTERM):
/// what `reel serve` does, without the CLI touching the HTTP framework.
public func runServer(_ configuration: ServerConfiguration, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    try await buildApplication(configuration, listening: listening).runService()
}

public func buildApplication(_ configuration: ServerConfiguration,
                             listening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    Application(router: buildRouter(configuration),
                configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Reel"),
                onServerRunning: { channel in await listening(channel.localAddress?.port ?? configuration.port) })
}

/// The routes, grouped by resource, behind the one place errors become problem answers.
func buildRouter(_ configuration: ServerConfiguration) -> Router<StudioContext> {
    // HEAD answered for every GET route (the headers a GET would send, no body).
    let router = Router(context: StudioContext.self, options: .autoGenerateHeadEndpoints)
    let accounts = AccountsHandle(projects: configuration.projects, cost: configuration.passwordCost)
    // Sign-in and roles outermost (its refusals are problems already, and it sees every
    // answer's status for the audit log); then errors become problems, in one place.
    router.add(middleware: AuthMiddleware(accounts: accounts))
    router.add(middleware: ProblemMiddleware())
    if configuration.isLoopback { router.add(middleware: LoopbackHostMiddleware()) }
    let library = ProjectLibrary(root: configuration.projects)
    library.hearStudioStops()
    let api = router.group("api")
    SessionController(accounts: accounts, throttle: SignInThrottle(), now: configuration.clock).addRoutes(session: api.group("session"), audit: api.group("audit"))
    ProjectsController(library: library, studio: configuration.studio, allowsDrafts: configuration.isLoopback)
        .addRoutes(to: api.group("projects"))
    TemplatesController(studio: configuration.studio, projects: configuration.projects)
        .addRoutes(templates: api.group("templates"), interview: api.group("interview"), series: api.group("series"))
    WorkersController(library: library, studio: configuration.studio).addRoutes(to: api.group("workers"))
    ShotsController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects/:project/shots"))
    MediaController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects/:project/media"))
    RunsController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects"))
    CutController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects"))
    ConsentController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects"))
    SongController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects"))
    MusicController(library: library, studio: configuration.studio).addRoutes(to: api.group("projects"))
    EventsController(library: library, studio: configuration.studio, interval: configuration.watchInterval)
        .addRoutes(to: api.group("projects"))
    WebController().addRoutes(to: router)
    return router
}

/// A value as a JSON answer: keys sorted, dates ISO 8601, the one encoding every route uses.
struct JSONAnswer<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok

    init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: try Self.encode(value)))
    }

    /// `value` as every answer of the API writes it: sorted keys, ISO 8601 dates, a newline at the end.
    static func encode(_ value: Value) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var body = try encoder.encode(value)
        body.append(0x0A)
        return ByteBuffer(bytes: body)
    }
}

extension Request {
    /// The body as `T`, read strictly: not JSON, a field of the wrong type, or one of its
    /// fields sent as `null` (none takes one: leave it out) is a 400 saying where
    /// (``ProblemMiddleware``); over the context's upload limit is a 413.
    func json<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        guard headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw Problem(status: .unsupportedMediaType, kind: "unsupported-media-type",
                          detail: "the body must be application/json", hint: "send Content-Type: application/json")
        }
        var copy = self
        let buffer = try await copy.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        let value = try JSONDecoder().decode(T.self, from: data)
        // Fields it has (an unknown field is ignored, whatever its value).
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        if case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: data),
           let empty = fields.keys.sorted().first(where: { fields[$0] == .null && known.contains($0) }) {
            throw Problem(status: .badRequest, kind: "invalid-body", detail: "\(empty): null is not a value",
                          hint: "leave the field out instead")
        }
        return value
    }
}

extension Parameters {
    /// A path parameter the route always has, percent-decoded (a project named `最后一单`
    /// arrives as `%E6%9C%80…`).
    func value(_ name: String) throws -> String {
        guard let value = get(name) else { throw Problem(status: .badRequest, kind: "usage", detail: "\(name) is missing") }
        return value.removingPercentEncoding ?? value
    }
}

/// The API's routes as the OpenAPI document names them: the document must list exactly
/// these, and each must be answered (APITests). Add a route here when a controller gains one.
public enum ServerRoutes {
    public static let api = [
        "GET /api/session",
        "POST /api/session",
        "DELETE /api/session",
        "GET /api/audit",
        "GET /api/projects",
        "POST /api/projects",
        "GET /api/templates",
        "GET /api/interview",
        "GET /api/series",
        "GET /api/workers",
        "GET /api/projects/{project}/board",
        "GET /api/projects/{project}/cast",
        "PATCH /api/projects/{project}/cast/{subject}/voice",
        "POST /api/projects/{project}/cast/{subject}/references",
        "GET /api/projects/{project}/cast/{subject}/sheet",
        "GET /api/projects/{project}/consent",
        "POST /api/projects/{project}/cast/{subject}/consent",
        "DELETE /api/projects/{project}/cast/{subject}/consent",
        "GET /api/projects/{project}/voices",
        "GET /api/projects/{project}/song",
        "PUT /api/projects/{project}/song",
        "DELETE /api/projects/{project}/song",
        "GET /api/projects/{project}/music",
        "PATCH /api/projects/{project}/music/{scene}",
        "POST /api/projects/{project}/music/{scene}/estimate",
        "POST /api/projects/{project}/music/{scene}/takes",
        "POST /api/projects/{project}/estimate",
        "POST /api/projects/{project}/runs",
        "GET /api/projects/{project}/run",
        "DELETE /api/projects/{project}/run",
        "POST /api/projects/{project}/render",
        "POST /api/projects/{project}/exports",
        "GET /api/projects/{project}/downloads/{name}",
        "GET /api/projects/{project}/shots/{shot}",
        "PATCH /api/projects/{project}/shots/{shot}",
        "POST /api/projects/{project}/shots/{shot}/pick",
        "DELETE /api/projects/{project}/shots/{shot}/pick",
        "GET /api/projects/{project}/shots/{shot}/notes",
        "POST /api/projects/{project}/shots/{shot}/notes",
        "DELETE /api/projects/{project}/shots/{shot}/notes/{note}",
        "POST /api/projects/{project}/shots/{shot}/critic-notes",
        "GET /api/projects/{project}/media/{name}",
        "GET /api/projects/{project}/events",
    ]

    /// The studio's own files, beside the API.
    static let web = ["GET /", "GET /openapi.json", "GET /web/{file}"]

    /// The route (`POST /api/projects/{project}/runs`) that answers `method` at `path`, if any.
    static func route(method: String, path: String) -> String? {
        let method = method == "HEAD" ? "GET" : method
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return api.first { route in
            let parts = route.split(separator: " ")
            let template = parts[1].split(separator: "/", omittingEmptySubsequences: true)
            return parts[0] == method && template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// The least role that may use a route: reading is for everyone signed in; notes for
    /// reviewers; changes and runs (spending) for editors; the audit log for owners.
    public static func role(for route: String) -> AccountRole {
        switch route {
        case "GET /api/audit", "GET /api/projects/{project}/consent", "POST /api/projects/{project}/cast/{subject}/consent",
             "DELETE /api/projects/{project}/cast/{subject}/consent": .owner
        case _ where route.hasPrefix("GET "): .viewer
        case "POST /api/projects/{project}/estimate", "POST /api/projects/{project}/music/{scene}/estimate", "POST /api/session", "DELETE /api/session": .viewer
        case "POST /api/projects/{project}/shots/{shot}/notes", "DELETE /api/projects/{project}/shots/{shot}/notes/{note}",
             "POST /api/projects/{project}/shots/{shot}/critic-notes": .reviewer
        default: .editor
        }
    }

    /// What a route does, as a refusal names it.
    static func action(_ route: String) -> String {
        switch route {
        case "POST /api/projects": "starting a project"
        case "PATCH /api/projects/{project}/cast/{subject}/voice": "casting a voice"
        case "PUT /api/projects/{project}/song": "setting the song"
        case "DELETE /api/projects/{project}/song": "removing the song"
        case "PATCH /api/projects/{project}/music/{scene}": "asking for a scene's music"
        case "POST /api/projects/{project}/music/{scene}/takes": "making music takes"
        case "POST /api/projects/{project}/cast/{subject}/references": "adding a reference image"
        case "PATCH /api/projects/{project}/shots/{shot}": "editing a shot"
        case "POST /api/projects/{project}/shots/{shot}/pick": "picking a take"
        case "DELETE /api/projects/{project}/shots/{shot}/pick": "taking back a pick"
        case "POST /api/projects/{project}/shots/{shot}/critic-notes": "taking the critic's notes"
        case "POST /api/projects/{project}/shots/{shot}/notes": "noting a shot"
        case "DELETE /api/projects/{project}/shots/{shot}/notes/{note}": "withdrawing a note"
        case "POST /api/projects/{project}/runs": "generating takes"
        case "DELETE /api/projects/{project}/run": "stopping a run"
        case "POST /api/projects/{project}/render": "rendering the cut"
        case "POST /api/projects/{project}/exports": "exporting the cut"
        case "GET /api/audit": "reading the audit log"
        case "POST /api/projects/{project}/cast/{subject}/consent": "recording a real person's consent"
        case "DELETE /api/projects/{project}/cast/{subject}/consent": "revoking a real person's consent"
        default: route
        }
    }

    /// The methods some route answers at `path`, empty when none has it.
    public static func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: [String] = []
        for route in api + web {
            let parts = route.split(separator: " ")
            let template = parts[1].split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == segments.count,
                  zip(template, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { continue }
            methods.append(String(parts[0]))
            if parts[0] == "GET" { methods.append("HEAD") }
        }
        return methods.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}

/// With no sign-in, a server on loopback answers only requests addressed to loopback: a web
/// page elsewhere cannot reach it through a name that resolves to 127.0.0.1 (DNS rebinding).
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority ?? ""
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }.dropFirst()) : String(host.prefix { $0 != ":" })
        guard ["127.0.0.1", "localhost", "::1", ""].contains(name.lowercased()) else {
            throw Problem(status: .forbidden, kind: "refused", detail: "this studio answers only at 127.0.0.1 or localhost, not \(name.prefix(60))",
                          hint: "open http://127.0.0.1:PORT/, or serve with --host to be reached by other names")
        }
        return try await next(request, context)
    }
}
