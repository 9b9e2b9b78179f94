import Foundation
import ReelModel

/// A provider that repeats the credentials it received in every answer: "Invalid
/// credentials (received <key>)", in the body (every common error envelope, the vendors'
/// business-error shapes, codes) and in headers. Real providers do this; the test is that no
/// key, and no token made from one (a Kling JWT), shows anywhere Reel writes.
///
/// Every request on any path gets the same kind of answer: ``Mode/status(_:)`` (401, 400,
/// 500…) or ``Mode/business`` (HTTP 200 whose body is a task that failed, and a business
/// error code, as Kling and MiniMax answer).
///
/// ```swift
/// try await EchoingFakeServer.serving(.status(401)) { fake in
///     // point an adapter at fake.baseURL; fake.received holds every credential it was sent
/// }
/// ```
public struct EchoingFakeServer: Sendable {
    /// How every request is answered.
    public enum Mode: Sendable, Hashable, CustomStringConvertible {
        case status(Int)
        case business

        public var description: String {
            switch self {
            case .status(let code): "HTTP \(code)"
            case .business: "business error in HTTP 200"
            }
        }
    }

    public let server: FakeHTTPServer
    public var baseURL: URL { server.baseURL }

    /// Headers that never carry a credential, left out of the echo (PixVerse's `Ai-trace-id`
    /// is a fresh UUID per request).
    static let plainHeaders: Set<String> = ["accept", "accept-encoding", "content-type", "content-length", "host",
                                            "user-agent", "connection", "idempotency-key", "x-idempotency-key",
                                            "ai-trace-id"]

    /// Every credential-like value the server was sent: header values (and the token after
    /// an `Authorization` scheme) and query values.
    public var received: Set<String> {
        var out: Set<String> = []
        for request in server.requests {
            for (name, value) in request.headers where !Self.plainHeaders.contains(name) {
                out.insert(value)
                if let space = value.firstIndex(of: " ") { out.insert(String(value[value.index(after: space)...])) }
            }
            for value in request.query.values where value.count >= 6 { out.insert(value) }
        }
        return out
    }

    /// Starts a server answering every request in `mode`; stop it with ``stop()``.
    public static func start(_ mode: Mode) async throws -> EchoingFakeServer {
        EchoingFakeServer(server: try await FakeHTTPServer.start { request in answer(request, mode: mode) })
    }

    public func stop() async throws { try await server.stop() }

    /// Runs `body` with a server in `mode`, stopped however `body` ends.
    public static func serving<T: Sendable>(_ mode: Mode, _ body: (EchoingFakeServer) async throws -> T) async throws -> T {
        let fake = try await start(mode)
        do {
            let result = try await body(fake)
            try await fake.stop()
            return result
        } catch {
            try? await fake.stop()
            throw error
        }
    }

    /// The answer to `request`: its credentials repeated in the body and the headers.
    static func answer(_ request: RecordedRequest, mode: Mode) -> FakeResponse {
        // The token after a scheme first, so the echo shows it before any cut.
        var values: [String] = [], whole: [String] = []
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) where !plainHeaders.contains(name) {
            if let space = value.firstIndex(of: " ") { values.append(String(value[value.index(after: space)...])) }
            whole.append(value)
        }
        values += whole
        values += request.query.sorted { $0.key < $1.key }.map(\.value)
        let first = values.first ?? "(none)"
        let echo = JSONValue.string("Invalid credentials (received \(values.joined(separator: " and ")))")
        var headers = ["X-Received-Credential": first, "WWW-Authenticate": "Bearer error=\"invalid_token\", got \(first)"]
        switch mode {
        case .status(let status):
            if status == 429 || status >= 500 { headers["Retry-After"] = "0" }
            let body: JSONValue = [
                "error": ["message": echo, "code": .string("bad_key_\(first)"), "type": "authentication_error"],
                "message": echo, "msg": echo, "detail": echo, "code": .string("bad_key_\(first)"),
                "base_resp": ["status_code": 1004, "status_msg": echo],
            ]
            return .json(body, status: status, headers: headers)
        case .business:
            let failed: JSONValue = ["task_id": "echo-task", "task_status": "failed", "task_status_msg": echo,
                                     "state": "failed", "status": "failed", "err_code": echo, "error": echo]
            let body: JSONValue = [
                "code": 1004, "message": echo, "msg": echo, "request_id": echo,
                "base_resp": ["status_code": 1004, "status_msg": echo],
                "id": "echo-task", "task_id": "echo-task", "request_id_echo": echo,
                "status": "failed", "state": "failed", "failure": echo, "failure_reason": echo, "failure_code": echo,
                "error": ["message": echo, "code": .string("bad_key_\(first)")], "data": failed, "output": failed,
                "done": true, "name": "operations/echo-task", "response": failed,
            ]
            return .json(body, status: 200, headers: headers)
        }
    }
}
