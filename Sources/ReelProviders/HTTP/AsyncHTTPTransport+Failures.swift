import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ReelEngine
import ReelModel

/// Classifies what AsyncHTTPClient and SwiftNIO throw, naming only the request's method,
/// host and path: never its headers, its query or its body.
struct TransportFailures: Sendable {
    let method: String
    let target: String
    let timeout: Double

    init(request: HTTPRequest) {
        method = request.method.uppercased()
        target = request.redactedURL
        timeout = request.timeout
    }

    /// ``JobFailure/answerLost`` for a request that may have been acted on (not a GET or a
    /// HEAD, which change nothing), nil otherwise.
    var lost: String? { method == "GET" || method == "HEAD" ? nil : JobFailure.answerLost }

    /// A ``JobFailure`` for `error`, or `CancellationError` when the task was cancelled.
    func classify(_ error: any Error) -> any Error {
        if let failure = error as? JobFailure { return failure }
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if let client = error as? HTTPClientError { return classify(client) }
        if error is HTTPParserError {
            return JobFailure(.transient, "\(method) \(target): the server sent a broken HTTP answer", providerCode: lost)
        }
        if let connect = error as? NIOConnectionError {
            let why = connect.connectionErrors.first.map { Self.describe($0.error) } ?? "no address"
            return JobFailure(.transient, "\(method) \(target): cannot connect (\(why))")
        }
        if error is SocketAddressError {
            return JobFailure(.transient, "\(method) \(target): the connection failed (\(Self.describe(error)))")
        }
        if error is IOError || error is ChannelError {
            // Reset or broken under the request: it may have gone out.
            return JobFailure(.transient, "\(method) \(target): the connection failed (\(Self.describe(error)))", providerCode: lost)
        }
        return JobFailure(.transient, "\(method) \(target): the request failed (\(type(of: error)))")
    }

    func truncated(written: Int64, expected: Int64?) -> JobFailure {
        let of = expected.map { " of \($0)" } ?? ""
        return JobFailure(.transient, "\(method) \(target): the download broke off after \(written)\(of) bytes; nothing was kept")
    }

    private func classify(_ error: HTTPClientError) -> any Error {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            // The request went out (or part of it): the provider may be doing the work.
            return JobFailure(.timedOut, "\(method) \(target): no answer within \(Self.seconds(timeout)) s", providerCode: lost)
        case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
            return JobFailure(.timedOut, "\(method) \(target): no connection within \(Self.seconds(timeout)) s")
        case .cancelled, .requestStreamCancelled:
            if Task.isCancelled { return CancellationError() }
            return JobFailure(.transient, "\(method) \(target): the request was cancelled")
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch:
            return JobFailure(.transient, "\(method) \(target): the server closed the connection early", providerCode: lost)
        case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
            return JobFailure(.invalidRequest, "\(method) \(target): not a usable URL")
        case .redirectLimitReached, .redirectCycleDetected:
            return JobFailure(.transient, "\(method) \(target): too many redirects")
        default:
            // `shortDescription` never includes associated values (such as a bad header's value).
            return JobFailure(.transient, "\(method) \(target): \(error.shortDescription)")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return "errno \(io.errnoCode): \(String(cString: strerror(io.errnoCode)))" }
        if let channel = error as? ChannelError { return "\(channel)" }
        return "\(type(of: error))"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
