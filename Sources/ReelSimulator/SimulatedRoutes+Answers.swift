import Foundation
import ReelModel

extension SimulatedRoutes {
    /// Nil when the request carries an accepted bearer key; else the 401 to send.
    func authorize(_ request: RecordedRequest) -> FakeResponse? {
        let token = request.bearerToken ?? ""
        let accepted = config.apiKey.map { token == $0 } ?? !token.isEmpty
        guard !accepted else { return nil }
        books.with { $0.counters.unauthorized += 1 }
        let message = token.isEmpty ? "Missing API key: send Authorization: Bearer <key>." : "Invalid API key."
        return Self.error(401, "unauthorized", message, headers: ["WWW-Authenticate": "Bearer"])
    }

    /// A hang delays the answer; malformed JSON cuts its body in half. Other faults were
    /// dealt with before the answer was made.
    static func apply(_ fault: SimulatedFault?, to response: FakeResponse, state: inout SimulationState) -> FakeResponse {
        switch fault {
        case .hang(let seconds)?:
            state.count(fault!)
            return response.delayed(by: seconds)
        case .malformedJSON?:
            state.count(fault!)
            var cut = response
            cut.body = response.body.prefix(max(1, response.body.count / 2))
            return cut
        default:
            return response
        }
    }

    /// The error envelope: `{"error":{"code","message","type","param"?}}`.
    static func error(_ status: Int, _ code: String, _ message: String, param: String? = nil,
                      headers: [String: String] = [:]) -> FakeResponse {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message), "type": .string(type(of: status))]
        if let param { error["param"] = .string(param) }
        return .json(["error": .object(error)], status: status, headers: headers)
    }

    private static func type(of status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 429: "rate_limit_error"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
    }

    /// Where result links point: the host the client reached this server by.
    static func baseURL(of request: RecordedRequest) -> String {
        "http://" + (request.header("host") ?? "127.0.0.1")
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
