import Foundation
import ReelEngine

/// Carries bytes to and from a server.
///
/// Every adapter talks through one of these, so tests can point adapters at a fake server
/// on loopback, and failures come back already classified as ``JobFailure``s:
/// a timeout is `timed-out`, a refused or dropped connection is `transient`.
/// Non-2xx answers are returned, not thrown; classify them with ``HTTPStatusPolicy``.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// Streams the body to `file` (never holding it in memory); throws JobFailure(.transient)
    /// when the body is shorter than Content-Length or the connection drops, and removes the
    /// partial file. A non-2xx answer writes no file and is returned with its `errorBody`.
    func download(_ request: HTTPRequest, to file: URL) async throws -> HTTPDownload
}
