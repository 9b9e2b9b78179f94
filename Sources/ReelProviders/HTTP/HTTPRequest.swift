import Foundation
import ReelModel

/// One HTTP request a provider adapter sends.
///
/// Header values may hold secrets (API keys) and the URL may be signed: neither is ever
/// put into an error message or a log. Use ``redactedURL`` when a request must be named.
///
/// ```swift
/// let request = try HTTPRequest.json("POST", url, body: ["prompt": "a lighthouse"],
///                                    headers: ["Authorization": "Bearer \(key)"])
/// ```
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    /// Seconds the whole exchange may take, body included.
    public var timeout: Double

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
                timeout: Double = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// A request with a JSON body (`Content-Type: application/json`), encoded canonically.
    public static func json(_ method: String, _ url: URL, body: JSONValue, headers: [String: String] = [:],
                            timeout: Double = 30) -> HTTPRequest {
        var all = headers
        all["Content-Type"] = "application/json"
        if all.keys.contains(where: { $0.lowercased() == "accept" }) == false { all["Accept"] = "application/json" }
        return HTTPRequest(method: method, url: url, headers: all, body: Data(body.canonical.utf8), timeout: timeout)
    }

    /// The URL without its query, fragment or user info: safe to show.
    public var redactedURL: String { Redaction.url(url) }
}
