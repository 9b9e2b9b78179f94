import Foundation
import ReelModel

/// What a fake server answers, including the ways real servers misbehave: late answers
/// (to provoke client timeouts), bodies cut short of their `Content-Length`, and
/// connections dropped without an answer.
///
/// ```swift
/// FakeResponse.json(["id": "gen_1"], status: 201)
/// FakeResponse.bytes(mp4, contentType: "video/mp4").truncated(after: 1000)
/// FakeResponse.status(503).delayed(by: 5)
/// ```
public struct FakeResponse: Sendable {
    public var status: Int
    /// `Content-Length` is always set by the server; anything given here is replaced.
    public var headers: [String: String]
    public var body: Data
    /// Seconds to wait before answering.
    public var delay: Double
    /// Send only this many bytes of the body (under the full `Content-Length`), then close
    /// the connection.
    public var truncateAfter: Int?
    /// Close the connection without answering at all.
    public var dropsConnection: Bool
    /// After the truncated body, keep the connection open and send nothing more (a stalled CDN).
    public var stalls = false

    public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data(), delay: Double = 0,
                truncateAfter: Int? = nil, dropsConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.truncateAfter = truncateAfter
        self.dropsConnection = dropsConnection
    }

    /// A JSON answer (`Content-Type: application/json`), canonically encoded.
    public static func json(_ value: JSONValue, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        var all = headers
        all["Content-Type"] = "application/json"
        return FakeResponse(status: status, headers: all, body: Data(value.canonical.utf8))
    }

    /// Raw bytes with a content type.
    public static func bytes(_ data: Data, contentType: String = "application/octet-stream", status: Int = 200,
                             headers: [String: String] = [:]) -> FakeResponse {
        var all = headers
        all["Content-Type"] = contentType
        return FakeResponse(status: status, headers: all, body: data)
    }

    /// Plain text.
    public static func text(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        bytes(Data(text.utf8), contentType: "text/plain; charset=utf-8", status: status, headers: headers)
    }

    /// An empty answer with `status`.
    public static func status(_ status: Int, headers: [String: String] = [:]) -> FakeResponse {
        FakeResponse(status: status, headers: headers)
    }

    /// A redirect to `location`.
    public static func redirect(to location: String, status: Int = 302) -> FakeResponse {
        FakeResponse(status: status, headers: ["Location": location])
    }

    /// The connection is closed with no answer.
    public static var drop: FakeResponse { FakeResponse(dropsConnection: true) }

    /// This answer, sent after `seconds`.
    public func delayed(by seconds: Double) -> FakeResponse {
        var copy = self
        copy.delay = seconds
        return copy
    }

    /// This answer with only the first `bytes` bytes of its body, then the connection closed.
    public func truncated(after bytes: Int) -> FakeResponse {
        var copy = self
        copy.truncateAfter = max(0, bytes)
        return copy
    }

    /// This answer with only the first `bytes` bytes of its body, then silence on an open
    /// connection: a download that stalls half-way.
    public func stalled(after bytes: Int) -> FakeResponse {
        var copy = truncated(after: bytes)
        copy.stalls = true
        return copy
    }
}
