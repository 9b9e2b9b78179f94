import Foundation

/// One thing that goes wrong.
public enum SimulatedFault: Codable, Sendable, Hashable {
    /// 429 with `Retry-After`; nothing is made.
    case rateLimited(retryAfter: Double)
    /// A 5xx with a JSON error; nothing is made.
    case serverError(status: Int)
    /// The answer comes this late (a create's job is made all the same).
    case hang(seconds: Double)
    /// 200 with JSON cut in half (a create's job is made all the same).
    case malformedJSON
    /// On create: the job is made and will end `failed` with this code.
    case jobFails(code: String)
    /// On create: the job's link will have expired before its first download. On a
    /// download: 410, and the link stays dead.
    case expiredLink
    /// On a download: half the file, under the full Content-Length, then the connection closes.
    case truncatedDownload
    /// On create: the job succeeds, but its clip is broken in this way (what video models
    /// sometimes return, and bill for).
    case brokenClip(ClipDefect)

    /// The name counters use: `rate-limited`, `server-error`, `hang`, `malformed-json`,
    /// `job-failed`, `expired-link`, `truncated-download`, `broken-clip`.
    public var kind: String {
        switch self {
        case .rateLimited: "rate-limited"
        case .serverError: "server-error"
        case .hang: "hang"
        case .malformedJSON: "malformed-json"
        case .jobFails: "job-failed"
        case .expiredLink: "expired-link"
        case .truncatedDownload: "truncated-download"
        case .brokenClip: "broken-clip"
        }
    }
}

/// How a simulated clip can be broken: the defects a take's quality check must catch.
public enum ClipDefect: String, Codable, Sendable, Hashable, CaseIterable {
    /// Every frame black.
    case black
    /// The first frame held to the end.
    case frozen
    /// A cut to another picture halfway through.
    case cut
    /// 60% of the length asked for.
    case short
    /// The seed ignored: every clip broken this way at one size and length is the same
    /// picture, as from a provider answering out of its cache. Only a second such take of a
    /// shot is wrong (it repeats the first), so random faults never draw it.
    case repeated

    /// The defects a clip has on its own: what random broken clips are drawn from.
    public static let ofOneClip: [ClipDefect] = [.black, .frozen, .cut, .short]
}

/// A fault for one exact request.
public struct ScriptedFault: Codable, Sendable, Hashable {
    /// The three kinds of request a fault can hit.
    public enum Endpoint: String, Codable, Sendable, Hashable, CaseIterable {
        /// `POST /v1/generations`
        case create
        /// `GET /v1/generations/{id}`
        case poll
        /// `GET /v1/files/{token}`
        case download
    }

    public var endpoint: Endpoint
    /// Which request to that endpoint, counting from 1 since the server started.
    public var request: Int
    public var fault: SimulatedFault

    public init(_ fault: SimulatedFault, on endpoint: Endpoint, request: Int) {
        self.endpoint = endpoint
        self.request = request
        self.fault = fault
    }
}
