import Foundation
import ReelAssistant
import ReelModel

/// The assistant issue's figure: of a corpus of malformed model replies whose content is all
/// there (``MalformedReplies``), how many ``StructuredOutput`` recovers without a second call
/// (goal ≥ 99%), against what a strict JSON parser reads in the same run.
struct AssistantBenchmarks {
    func run() async throws -> [Figure] {
        let cases = MalformedReplies.all
        var recovered = 0, strict = 0
        var missed: [String] = []
        let started = ContinuousClock.now
        for c in cases {
            if (try? StructuredOutput.parse(c.text))?.value == c.expected { recovered += 1 } else { missed.append(c.name) }
        }
        let elapsed = (ContinuousClock.now - started) / cases.count
        for c in cases where (try? JSONDecoder().decode(JSONValue.self, from: Data(c.text.utf8))) == c.expected { strict += 1 }
        let rate = Double(recovered) / Double(cases.count)
        let micros = Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6
        return [Figure(name: "model replies recovered without a second call (\(cases.count) malformed)",
                       reel: String(format: "%.1f%%", rate * 100),
                       reference: String(format: "%.1f%% (strict JSON)", Double(strict) / Double(cases.count) * 100),
                       ratio: strict > 0 ? Double(recovered) / Double(strict) : nil, goal: "≥ 99%", met: rate >= 0.99,
                       note: String(format: "%.0f µs a reply", micros) + (missed.isEmpty ? "" : "; missed: " + missed.prefix(3).joined(separator: ", ")))]
    }
}
