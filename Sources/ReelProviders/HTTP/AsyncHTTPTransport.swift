import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReelEngine
import ReelModel

/// The live ``HTTPTransport``: AsyncHTTPClient's shared client, which follows redirects
/// (Veo's downloads need that) and drops `Authorization` when a redirect leaves the origin.
///
/// A request that does not finish within its `timeout` fails as `timed-out`; a refused,
/// reset or unresolvable connection and a body cut short fail as `transient`. Messages
/// name the host and path only.
public struct AsyncHTTPTransport: HTTPTransport {
    public let client: HTTPClient
    /// The most a ``send(_:)`` answer may hold; downloads stream to disk and have no limit.
    public var maxResponseBytes: Int

    public init(client: HTTPClient = .shared, maxResponseBytes: Int = 32 << 20) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await Self.within(request) { try await exchange(request) }
    }

    public func download(_ request: HTTPRequest, to file: URL) async throws -> HTTPDownload {
        try await Self.within(request) { try await stream(request, to: file) }
    }

    /// AsyncHTTPClient's timeout ends when the answer's head arrives; a body that stalls
    /// half-way would wait forever. The whole exchange, body included, gets `timeout` (and a
    /// little more, so the client's own timeout speaks first when it applies).
    static func within<T: Sendable>(_ request: HTTPRequest, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(max(0.001, request.timeout) * 1000) + 500))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw JobFailure(.timedOut, "\(request.method) \(request.redactedURL): no complete answer within \(Int(request.timeout.rounded(.up))) s")
            }
            return value
        }
    }

    private func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
        let failures = TransportFailures(request: request)
        do {
            let response = try await client.execute(try makeRequest(request), timeout: Self.timeAmount(request.timeout))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return HTTPResponse(status: Int(response.status.code), headers: Self.headers(response.headers),
                                body: Data(body.readableBytesView))
        } catch {
            throw failures.classify(error)
        }
    }

    private func stream(_ request: HTTPRequest, to file: URL) async throws -> HTTPDownload {
        let failures = TransportFailures(request: request)
        let fm = FileManager.default
        var written: Int64 = 0
        var expected: Int64?
        var fileOpen = false
        do {
            let response = try await client.execute(try makeRequest(request), timeout: Self.timeAmount(request.timeout))
            let status = Int(response.status.code)
            let headers = Self.headers(response.headers)
            guard (200..<300).contains(status) else {
                var body = Data()
                for try await chunk in response.body {
                    body.append(contentsOf: chunk.readableBytesView.prefix(Self.errorBodyLimit - body.count))
                    if body.count >= Self.errorBodyLimit { break }
                }
                return HTTPDownload(status: status, headers: headers, byteCount: 0, errorBody: body)
            }
            let encoding = headers["content-encoding"]?.lowercased()
            if encoding == nil || encoding == "identity" {
                expected = headers["content-length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            }
            guard fm.createFile(atPath: file.path, contents: nil) else {
                throw JobFailure(.failed, "cannot create the download file in \(file.deletingLastPathComponent().path)")
            }
            fileOpen = true
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            for try await chunk in response.body {
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                written += Int64(chunk.readableBytes)
            }
            try handle.synchronize()
            if let expected, written != expected {
                throw failures.truncated(written: written, expected: expected)
            }
            return HTTPDownload(status: status, headers: headers, byteCount: written)
        } catch {
            if fileOpen { try? fm.removeItem(at: file) }
            if let failure = error as? JobFailure { throw failure }
            let classified = failures.classify(error)
            if fileOpen, let failure = classified as? JobFailure, failure.reason == .transient {
                throw failures.truncated(written: written, expected: expected)
            }
            throw classified
        }
    }

    private func makeRequest(_ request: HTTPRequest) throws -> HTTPClientRequest {
        var out = HTTPClientRequest(url: request.url.absoluteString)
        out.method = HTTPMethod(rawValue: request.method.uppercased())
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            out.headers.add(name: name, value: value)
        }
        if let body = request.body {
            out.body = .bytes(ByteBuffer(bytes: body))
        }
        return out
    }

    /// The most of a failed download's body kept for its error message.
    static let errorBodyLimit = 64 << 10

    static func timeAmount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64(max(0.001, seconds) * 1000))
    }

    /// Lowercased names; repeated headers joined with `, `.
    static func headers(_ headers: HTTPHeaders) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            out[key] = out[key].map { "\($0), \(value)" } ?? value
        }
        return out
    }
}
