import Foundation
import Hummingbird
import Logging
import ReelModel

/// An error as every API answer carries it: RFC 9457 problem details,
/// `application/problem+json`, with Reel's hint and location. Errors become HTTP answers
/// here and nowhere else (``ProblemMiddleware``).
struct Problem: Error, HTTPResponseError, Codable, Sendable {
    /// `https://reel.dev/problems/not-found`, from the error's kind.
    var type: String
    var title: String
    /// The HTTP status, as the body repeats it.
    var code: Int
    /// What went wrong, in one sentence.
    var detail: String
    /// What to do next.
    var hint: String?
    /// Where: a shot, a field, a file in the project.
    var at: String?
    /// For a 405: the methods the path does answer (the `Allow` header, not in the body).
    var allow: [String] = []
    /// For a 401: says how to authenticate (`WWW-Authenticate`).
    var authenticate = false
    /// For a 429 or 503: seconds before trying again (`Retry-After`).
    var retryAfter: Int?

    init(status: HTTPResponse.Status, kind: String, detail: String, hint: String? = nil, at: String? = nil) {
        type = "https://reel.dev/problems/\(kind)"
        title = status.reasonPhrase
        code = status.code
        self.detail = detail
        self.hint = hint
        self.at = at
    }

    /// A Reel error as the API says it: its kind decides the status.
    init(_ error: ReelError) {
        let status: HTTPResponse.Status = switch error.code {
        case .usage, .invalidInput: .badRequest
        case .notFound: .notFound
        case .refused: .forbidden
        case .temporary: .conflict
        case .configuration: .conflict
        case .unavailable: .serviceUnavailable
        case .mediaFailed: .badGateway
        default: .internalServerError
        }
        self.init(status: status, kind: error.code.rawValue, detail: error.message, hint: error.hint, at: error.location.map(Self.shown))
    }

    /// Where, as a browser may see it: a path on the server is only its file's name.
    static func shown(_ location: String) -> String {
        location.hasPrefix("/") ? URL(fileURLWithPath: location).lastPathComponent : location
    }

    enum CodingKeys: String, CodingKey {
        case type, title, detail, hint, at
        case code = "status"
    }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: code) }
    var headers: HTTPFields {
        var fields: HTTPFields = [:]
        if !allow.isEmpty { fields[.allow] = allow.joined(separator: ", ") }
        if authenticate { fields[.wwwAuthenticate] = #"Bearer realm="reel""# }
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        return fields
    }

    /// A 405 when `path` is a route that does not answer `method` (RFC 9110: with `Allow`);
    /// nil when no route has that path.
    static func methodNotAllowed(_ method: String, path: String) -> Problem? {
        let allowed = ServerRoutes.methods(for: path)
        guard !allowed.isEmpty, !allowed.contains(method) else { return nil }
        var problem = Problem(status: .methodNotAllowed, kind: "method-not-allowed",
                              detail: "\(path.prefix(80)) does not answer \(method.prefix(12))",
                              hint: "it answers \(allowed.joined(separator: ", ")); GET /openapi.json describes the API")
        problem.allow = allowed
        return problem
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var body = try encoder.encode(self)
        body.append(0x0A)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns whatever a route throws into a problem answer: Reel's errors by their kind,
/// Hummingbird's (a bad body, an unknown route) by their status, anything else as a 500
/// that says nothing of the inside.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as ReelError {
            throw Problem(error)
        } catch let error as DecodingError {
            throw Problem(status: .badRequest, kind: "invalid-body", detail: Self.describe(error),
                          hint: "send a JSON object as GET /openapi.json describes")
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(status: .contentTooLarge, kind: "too-large",
                          detail: "the body is larger than the \(context.maxUploadSize / 1_048_576) MB the server takes")
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            // No route: a path that exists under other methods is a 405, else a 404.
            throw Problem.methodNotAllowed(request.method.rawValue, path: request.uri.path)
                ?? Problem(status: .notFound, kind: "not-found", detail: error.status.reasonPhrase)
        } catch let error as HTTPError {
            throw Problem(status: error.status, kind: error.status == .notFound ? "not-found" : "http",
                          detail: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw Problem(status: error.status, kind: "http", detail: error.status.reasonPhrase)
        } catch {
            context.logger.error("unexpected error: \(String(describing: type(of: error)))")
            throw Problem(status: .internalServerError, kind: "internal", detail: "something inside Reel broke",
                          hint: "this is a bug; the server's log has its kind")
        }
    }

    /// Where the body is wrong: `duration: expected a number`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is missing"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            // Foundation says a number too large for its field without the field's path.
            guard context.codingPath.isEmpty else { return "\(path(context.codingPath)): \(context.debugDescription)" }
            let said = context.debugDescription
            return said.localizedCaseInsensitiveContains("number") ? "a number does not fit its field: \(said.prefix(120))"
                : "the body is not JSON"
        @unknown default: return "the body cannot be read"
        }
    }
}
