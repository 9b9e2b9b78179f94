import Foundation
import ReelModel

/// One request a fake server received, as the client sent it.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// The request target as sent: path and query.
    public var uri: String
    /// The path, percent-decoded: `/v1/generations/gen_1`.
    public var path: String
    /// Query parameters, percent-decoded; a repeated name keeps its last value.
    public var query: [String: String]
    /// Header names lowercased; repeated headers joined with `, `.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, uri: String, headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.uri = uri
        let parts = URLComponents(string: "http://fake" + (uri.hasPrefix("/") ? uri : "/" + uri))
        self.path = parts?.path ?? uri
        var query: [String: String] = [:]
        for item in parts?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, b in "\(a), \(b)" })
        self.body = body
    }

    /// The value of header `name`, whatever its case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as JSON, or nil when it is not JSON.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The path split on `/`, without empty parts: `["v1", "generations", "gen_1"]`.
    public var pathComponents: [String] { path.split(separator: "/").map(String.init) }

    /// The bearer token of the `Authorization` header, if any.
    public var bearerToken: String? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}
