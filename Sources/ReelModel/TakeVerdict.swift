import Foundation

/// What the quality check of a take found: the verdict stored with the take and shown by
/// `reel takes`, `reel review`, the studio and `--json`.
///
/// A take that failed is never picked automatically (`reel pick --auto`, or the cut's own
/// choice when nobody picked); one a person picked anyway is rendered with a warning.
public struct TakeVerdict: Hashable, Sendable, Codable {
    /// Every problem found, in time order; empty when the take passed.
    public var problems: [ClipProblem]

    public init(problems: [ClipProblem]) {
        self.problems = problems
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

    enum CodingKeys: String, CodingKey { case passed, problems }

    public init(from decoder: any Decoder) throws {
        problems = try decoder.container(keyedBy: CodingKeys.self).decode([ClipProblem].self, forKey: .problems)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(problems, forKey: .problems)
    }
}
