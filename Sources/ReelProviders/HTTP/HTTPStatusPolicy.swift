import Foundation
import ReelEngine
import ReelModel

/// Turns a provider's non-2xx answer into a classified ``JobFailure``, the same way for
/// every adapter.
///
/// | status | reason |
/// |---|---|
/// | 429 | `rate-limited`, waiting what `retry-after-ms` or `Retry-After` (seconds or an HTTP date) says |
/// | 408, 409, 425, 5xx | `transient` |
/// | 401, 403 | `auth` |
/// | 402 | `budget` (the provider account is out of credit) |
/// | 410 | `expired` |
/// | 400, 404, 413, 415, 422 and other 4xx | `invalid-request` |
///
/// The message names the provider, the status and what the provider said (its error
/// message and code, from the common JSON envelopes), cleaned by ``Redaction``: never a
/// request header, a key, a signed URL or a whole prompt.
///
/// ```swift
/// let policy = HTTPStatusPolicy(provider: "Kling")
/// let response = try await transport.send(request)
/// try policy.check(response, doing: "create a video")
/// ```
public struct HTTPStatusPolicy: Sendable {
    /// The provider's name, as messages show it.
    public var provider: String

    public init(provider: String) {
        self.provider = provider
    }

    /// The reason a status stands for; nil for 1xx–3xx.
    public static func reason(forStatus status: Int) -> JobFailure.Reason? {
        switch status {
        case 429: .rateLimited
        case 408, 409, 425, 500...599: .transient
        case 401, 403: .auth
        case 402: .budget
        case 410: .expired
        case 400...499: .invalidRequest
        default: nil
        }
    }

    /// The failure `response` stands for, or nil when it is a success.
    /// - Parameters:
    ///   - doing: what was asked, for the message ("create a video", "download the result").
    ///   - now: the time an HTTP-date `Retry-After` is measured from.
    public func failure(for response: HTTPResponse, doing action: String? = nil, now: Date = Date()) -> JobFailure? {
        guard !response.isSuccess else { return nil }
        let reason = HTTPStatusPolicy.reason(forStatus: response.status) ?? .failed
        let said = ProviderErrorEnvelope(body: response.body)
        var message = "\(provider) answered HTTP \(response.status)"
        if let action { message += " to \(action)" }
        if let text = said.message, !text.isEmpty { message += ": \(text)" }
        switch reason {
        case .auth: message += " (check the API key and its permissions)"
        case .budget: message += " (the provider account is out of credit)"
        default: break
        }
        let retryAfter = reason == .rateLimited ? HTTPStatusPolicy.retryAfter(response.headers, now: now) : nil
        return JobFailure(reason, message, retryAfter: retryAfter, providerCode: said.code)
    }

    /// Throws the failure `response` stands for; returns when it is a success.
    public func check(_ response: HTTPResponse, doing action: String? = nil, now: Date = Date()) throws {
        if let failure = failure(for: response, doing: action, now: now) { throw failure }
    }

    /// Seconds to wait, from `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an
    /// HTTP date); nil when neither is there or they do not parse. Never negative.
    /// - Parameter headers: names lowercased, as ``HTTPResponse`` keeps them.
    public static func retryAfter(_ headers: [String: String], now: Date = Date()) -> Double? {
        if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), ms.isFinite, ms >= 0 {
            return ms / 1000
        }
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite {
            return max(0, seconds)
        }
        guard let date = parseHTTPDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses the three date forms HTTP allows: IMF-fixdate, RFC 850 and asctime.
    public static func parseHTTPDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
