import Foundation
import ReelModel

/// What a server answered.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names are lowercased; repeated headers are joined with `, `.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, b in "\(a), \(b)" })
        self.body = body
    }

    /// The value of header `name`, whatever its case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as JSON, or nil when it is not JSON.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }
}

/// What a download wrote.
public struct HTTPDownload: Sendable {
    public var status: Int
    /// Header names are lowercased.
    public var headers: [String: String]
    /// Bytes written to the file (0 when the status was not 2xx and nothing was written).
    public var byteCount: Int64
    /// The start of the body of a non-2xx answer (at most 64 KiB), for error messages.
    public var errorBody: Data?

    public init(status: Int, headers: [String: String] = [:], byteCount: Int64, errorBody: Data? = nil) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, b in "\(a), \(b)" })
        self.byteCount = byteCount
        self.errorBody = errorBody
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// True for 2xx: the file holds the whole body.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The answer as a response, so ``HTTPStatusPolicy`` can classify a failed download.
    public var response: HTTPResponse { HTTPResponse(status: status, headers: headers, body: errorBody ?? Data()) }
}
