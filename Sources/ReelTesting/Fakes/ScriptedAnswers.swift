import Foundation
import Synchronization

/// Answers a test scripts for a fake vendor server: the next requests to an endpoint get
/// these, in order, instead of the vendor's normal answer.
///
/// ```swift
/// fake.answers.script("create", .json(["error": ["code": "rate_limit_exceeded"]], status: 429, headers: ["Retry-After": "7"]))
/// ```
public final class ScriptedAnswers: Sendable {
    private let queue = Mutex<[String: [FakeResponse]]>([:])

    public init() {}

    /// Queues `answers` for the next requests to `endpoint`.
    public func script(_ endpoint: String, _ answers: FakeResponse...) {
        queue.withLock { $0[endpoint, default: []].append(contentsOf: answers) }
    }

    /// The next scripted answer for `endpoint`, if any.
    public func next(_ endpoint: String) -> FakeResponse? {
        queue.withLock { queue in
            guard var answers = queue[endpoint], !answers.isEmpty else { return nil }
            let first = answers.removeFirst()
            queue[endpoint] = answers
            return first
        }
    }

    /// A 200 whose JSON is cut in half.
    public static let malformedJSON = FakeResponse(status: 200, headers: ["Content-Type": "application/json"],
                                                   body: Data(#"{"id": "vid_1", "stat"#.utf8))
}
