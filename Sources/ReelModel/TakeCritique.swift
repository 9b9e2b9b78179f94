import Foundation

/// What a vision model said of a take, looking at its frames beside the shot's prompt and
/// its subjects' reference images: three scores from 0 to 10 and what it saw. Stored with
/// the take like its ``TakeVerdict``, shown by `reel takes` and `reel review`, and weighed
/// by `reel pick --auto` among the takes that passed their check.
public struct TakeCritique: Hashable, Sendable, Codable {
    /// Do the people, props and places look like their references (10: exactly)?
    public var subject: Int
    /// Does the take show what the prompt asks (10: all of it)?
    public var prompt: Int
    /// Free of artifacts — hands, faces, text, warping (10: none seen)?
    public var artifacts: Int
    /// What it saw, a short sentence each (at most five).
    public var notes: [String]
    /// `provider/model` of the critic.
    public var critic: String

    public init(subject: Int, prompt: Int, artifacts: Int, notes: [String] = [], critic: String = "") {
        self.subject = subject
        self.prompt = prompt
        self.artifacts = artifacts
        self.notes = notes
        self.critic = critic
    }

    /// The three scores together, 0–30: how `pick --auto` ranks takes that passed their check.
    public var total: Int { subject + prompt + artifacts }

    /// `subject 7 · prompt 8 · artifacts 9 (of 10)`, for a line of text.
    public var scores: String { "subject \(subject) · prompt \(prompt) · artifacts \(artifacts) (of 10)" }

    /// The JSON object a critic is asked for, as the instructions describe it.
    public static let schema = #"{"subject": 0-10, "prompt": 0-10, "artifacts": 0-10, "notes": ["…"]}"#

    /// Reads a critic's reply: a JSON object, perhaps inside a code fence or with words
    /// around it; scores as numbers or numeric strings, rounded. Anything else is a problem
    /// to send back (a score missing or outside 0–10, no object at all).
    public static func read(_ reply: String, critic: String) -> (critique: TakeCritique?, problems: [String]) {
        guard let start = reply.firstIndex(of: "{"), let end = reply.lastIndex(of: "}"), start < end,
              let object = try? JSONSerialization.jsonObject(with: Data(reply[start...end].utf8)) as? [String: Any] else {
            return (nil, ["the reply is not a JSON object like \(schema)"])
        }
        var problems: [String] = []
        func score(_ key: String) -> Int {
            let value: Double? = switch object[key] {
            case let number as NSNumber: number.doubleValue
            case let text as String: Double(text.trimmingCharacters(in: .whitespaces))
            default: nil
            }
            guard let value, value.isFinite else {
                problems.append("\"\(key)\" is missing or not a number")
                return 0
            }
            guard (0...10).contains(value) else {
                problems.append("\"\(key)\" is \(value), not from 0 to 10")
                return 0
            }
            return Int(value.rounded())
        }
        let critique = TakeCritique(subject: score("subject"), prompt: score("prompt"), artifacts: score("artifacts"), critic: critic)
        guard problems.isEmpty else { return (nil, problems) }
        var result = critique
        let notes = (object["notes"] as? [Any])?.compactMap { $0 as? String } ?? (object["notes"] as? String).map { [$0] } ?? []
        result.notes = notes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.prefix(5)
            .map { String($0.prefix(300)) }
        return (result, [])
    }
}
