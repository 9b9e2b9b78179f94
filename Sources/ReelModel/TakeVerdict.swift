import Foundation

/// What the quality check of a take found: the verdict stored with the take and shown by
/// `reel takes`, `reel review`, the studio and `--json`.
///
/// A take that failed is never picked automatically (`reel pick --auto`, or the cut's own
/// choice when nobody picked); one a person picked anyway is rendered with a warning.
public struct TakeVerdict: Hashable, Sendable, Codable {
    /// Every problem found, in time order; empty when the take passed.
    public var problems: [ClipProblem]
    /// What the take looks like over time, to tell a take that repeats another
    /// (``Take/markingDuplicates(_:)``). Kept in the check job's details
    /// (``detailsEncoding``), never shown: the verdict's JSON has no `signature`.
    public var signature: VideoSignature?

    public init(problems: [ClipProblem], signature: VideoSignature? = nil) {
        self.problems = problems
        self.signature = signature
    }

    public var passed: Bool { problems.isEmpty }

    /// `passed`, or `failed: black 0.00–1.04 s; it lasts 3.00 s, not the 5.00 s asked for`
    /// for a line of text.
    public var summary: String { passed ? "passed" : "failed: " + found }

    /// What the check found, problem by problem: `black 0.00–1.04 s; it lasts 3.00 s, …`.
    public var found: String {
        problems.map { problem in
            guard problem.kind.isMoment else { return problem.summary }
            let r = problem.range
            return String(format: "%@ %.2f–%.2f s", problem.kind.rawValue, r.start.seconds, r.start.seconds + r.duration.seconds)
        }.joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey { case passed, problems, signature }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        problems = try c.decode([ClipProblem].self, forKey: .problems)
        signature = try? c.decodeIfPresent(VideoSignature.self, forKey: .signature)
    }

    /// The verdict as a check job's details: its JSON with the ``signature``.
    public var detailsEncoding: JSONValue {
        get throws {
            guard case .object(var fields) = try JSONValue(encoding: self) else { return try JSONValue(encoding: self) }
            if let signature { fields["signature"] = .string(signature.description) }
            return .object(fields)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(problems, forKey: .problems)
    }
}
