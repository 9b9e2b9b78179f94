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
        Reading(value: nil, problems: ["the answer is not JSON: reply with one JSON object only"], repairs: [])
    }
}
