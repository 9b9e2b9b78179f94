import Foundation
import ReelModel

/// What goes wrong on the simulated provider, and how often.
///
/// Each probability is drawn per request from ``SeededRandom``, keyed by what the request
/// is (the idempotency key and how many times it was sent; the job and how many times it
/// was polled), not by when it arrived: the same run makes the same decisions however its
/// requests interleave. ``scripted`` faults hit exact requests, for tests.
public struct FaultPlan: Codable, Sendable, Hashable {
    /// Probability that a create is answered 429 with `Retry-After: retryAfter`.
    public var rateLimit: Double = 0
    /// Seconds the 429s ask clients to wait.
    public var retryAfter: Double = 1
    /// Probability of a 5xx to a create (no job is made) or a poll.
    public var serverErrorOnCreate: Double = 0
    public var serverErrorOnPoll: Double = 0
    /// Probability that the answer to a create (whose job *is* made) or a poll comes only
    /// after `hangSeconds`: long enough for the client to time out.
    public var hangOnCreate: Double = 0
    public var hangOnPoll: Double = 0
    public var hangSeconds: Double = 30
    /// Probability that a job ends `failed`, with one of `failureCodes`.
    public var jobFailure: Double = 0
    public var failureCodes: [String] = ["internal", "moderation"]
    /// Probability that a job's result link has expired before its first download (410).
    public var expiredLink: Double = 0
    /// Probability that a download sends only part of the file, then closes.
    public var truncatedDownload: Double = 0
    /// Probability that a poll is answered 200 with JSON cut in half.
    public var malformedJSON: Double = 0
    /// Probability that a job succeeds with a broken clip, with one of `defects`.
    public var brokenClip: Double = 0
    public var defects: [ClipDefect] = ClipDefect.ofOneClip
    /// Exact faults for exact requests, before any random draw.
    public var scripted: [ScriptedFault] = []

    public init(rateLimit: Double = 0, retryAfter: Double = 1, serverErrorOnCreate: Double = 0, serverErrorOnPoll: Double = 0,
                hangOnCreate: Double = 0, hangOnPoll: Double = 0, hangSeconds: Double = 30, jobFailure: Double = 0,
                failureCodes: [String] = ["internal", "moderation"], expiredLink: Double = 0, truncatedDownload: Double = 0,
                malformedJSON: Double = 0, brokenClip: Double = 0, defects: [ClipDefect] = ClipDefect.ofOneClip,
                scripted: [ScriptedFault] = []) {
        self.brokenClip = brokenClip
        self.defects = defects
        self.rateLimit = rateLimit
        self.retryAfter = retryAfter
        self.serverErrorOnCreate = serverErrorOnCreate
        self.serverErrorOnPoll = serverErrorOnPoll
        self.hangOnCreate = hangOnCreate
        self.hangOnPoll = hangOnPoll
        self.hangSeconds = hangSeconds
        self.jobFailure = jobFailure
        self.failureCodes = failureCodes
        self.expiredLink = expiredLink
        self.truncatedDownload = truncatedDownload
        self.malformedJSON = malformedJSON
        self.scripted = scripted
    }

    /// Reads a plan, taking the defaults for every field it does not name.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T { try c.decodeIfPresent(T.self, forKey: key) ?? fallback }
        self.init(rateLimit: try value(.rateLimit, 0), retryAfter: try value(.retryAfter, 1),
                  serverErrorOnCreate: try value(.serverErrorOnCreate, 0), serverErrorOnPoll: try value(.serverErrorOnPoll, 0),
                  hangOnCreate: try value(.hangOnCreate, 0), hangOnPoll: try value(.hangOnPoll, 0),
                  hangSeconds: try value(.hangSeconds, 30), jobFailure: try value(.jobFailure, 0),
                  failureCodes: try value(.failureCodes, ["internal", "moderation"]), expiredLink: try value(.expiredLink, 0),
                  truncatedDownload: try value(.truncatedDownload, 0), malformedJSON: try value(.malformedJSON, 0),
                  brokenClip: try value(.brokenClip, 0), defects: try value(.defects, ClipDefect.ofOneClip),
                  scripted: try value(.scripted, []))
    }

    /// The fault for the `number`-th request (from 1) to `endpoint`, whose identity is
    /// `identity` (stable across runs); nil when it goes well.
    func fault(for endpoint: ScriptedFault.Endpoint, number: Int, identity: String, seed: UInt64) -> SimulatedFault? {
        if let scripted = scripted.last(where: { $0.endpoint == endpoint && $0.request == number }) {
            return scripted.fault
        }
        var random = SeededRandom(seed: seed, stream: "\(endpoint.rawValue)|\(identity)")
        switch endpoint {
        case .create:
            if random.chance(rateLimit) { return .rateLimited(retryAfter: retryAfter) }
            if random.chance(serverErrorOnCreate) { return .serverError(status: random.pick([500, 502, 503])) }
            if random.chance(hangOnCreate) { return .hang(seconds: hangSeconds) }
            if random.chance(jobFailure) { return .jobFails(code: failureCodes.isEmpty ? "internal" : random.pick(failureCodes)) }
            if random.chance(expiredLink) { return .expiredLink }
            if random.chance(brokenClip) { return .brokenClip(defects.isEmpty ? .black : random.pick(defects)) }
        case .poll:
            if random.chance(serverErrorOnPoll) { return .serverError(status: random.pick([500, 502, 503])) }
            if random.chance(hangOnPoll) { return .hang(seconds: hangSeconds) }
            if random.chance(malformedJSON) { return .malformedJSON }
        case .download:
            if random.chance(truncatedDownload) { return .truncatedDownload }
        }
        return nil
    }
}
