import Foundation

/// What reading a model's answer gave: the value when it can be used, else every problem
/// (each named by its place, ready to send back), and the JSON repairs it needed.
public struct Reading<Value: Sendable>: Sendable {
    public var value: Value?
    public var problems: [String]
    public var repairs: [StructuredOutput.Repair]

    public init(value: Value?, problems: [String], repairs: [StructuredOutput.Repair]) {
        self.value = problems.isEmpty ? value : nil
        self.problems = problems
        self.repairs = repairs
    }

    /// A reply with no JSON in it.
    public static var notJSON: Reading {
        Reading(value: nil, problems: [notJSONProblem], repairs: [])
    }

    static var notJSONProblem: String { "the answer is not JSON: reply with one JSON object only" }
}

/// The first step of every reader: the reply's JSON, mended, and the problem of a reply cut
/// off (`cutOff` says what to send instead); nil when there is no JSON in it.
func answerJSON(_ text: String, cutOff: String) -> (answer: StructuredOutput.Answer, problems: [String])? {
    guard let answer = try? StructuredOutput.parse(text) else { return nil }
    return (answer, answer.truncated ? ["the answer was cut off before its end: \(cutOff)"] : [])
}
