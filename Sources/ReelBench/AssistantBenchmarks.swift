import Foundation
import ReelAssistant
import ReelModel
import ReelScript

/// The assistant issue's figure: of a corpus of malformed model replies whose content is all
/// there (``MalformedReplies``), how many ``StructuredOutput`` recovers without a second call
/// (goal ≥ 99%), against what a strict JSON parser reads in the same run.
struct AssistantBenchmarks {
    func run() async throws -> [Figure] {
        [repairRate(), try await plannerOverhead()]
    }

    /// The language-model planner's own work per shot — the question written, the answer
    /// read and checked — on a storyboard of a few hundred shots with a canned answer (the
    /// model's time left out), against the rule planner planning the same shots.
    func plannerOverhead() async throws -> Figure {
        let script = Fountain.parse(String(repeating: BenchScript.text().replacingOccurrences(of: "Title: Bench\n\n", with: ""), count: 4))
        var board = try ShotPlanner.plan(script)
        var rules = Double.infinity
        for _ in 0..<3 { rules = min(rules, try await seconds { board = try ShotPlanner.plan(script) }) }
        let answer: JSONValue = ["shots": .array(board.shots.map { shot in
            ["id": .string(shot.id.rawValue), "size": "close up", "move": "push in", "mode": "references",
             "in_frame": .array(board.subjects.prefix(2).map { .string($0.name) }), "empty": false,
             "prompt": "A woman in a yellow raincoat rides a scooter through neon rain at night, slow push in, cold light"]
        })]
        let text = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        var overhead = Double.infinity
        var directed = 0
        for _ in 0..<3 {
            overhead = min(overhead, try await seconds {
                let messages = ShotDirections.prompt(board, locked: [:])
                directed = messages.isEmpty ? 0 : ShotDirections.read(text, board: board).value?.count ?? 0
            })
        }
        let shots = Double(board.shots.count)
        guard directed == board.shots.count else { throw BenchError("the planner read \(directed) of \(board.shots.count) shots") }
        return Figure(name: "language-model planner's own work per shot (\(board.shots.count) shots, model time excluded)",
                      reel: String(format: "%.3f ms a shot", overhead / shots * 1000),
                      reference: String(format: "%.3f ms a shot (rule planner)", rules / shots * 1000), ratio: overhead / rules,
                      goal: "≤ 1 ms a shot", met: overhead / shots <= 0.001)
    }

    func repairRate() -> Figure {
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
        return Figure(name: "model replies recovered without a second call (\(cases.count) malformed)",
                       reel: String(format: "%.1f%%", rate * 100),
                       reference: String(format: "%.1f%% (strict JSON)", Double(strict) / Double(cases.count) * 100),
                       ratio: strict > 0 ? Double(recovered) / Double(strict) : nil, goal: "≥ 99%", met: rate >= 0.99,
                       note: String(format: "%.0f µs a reply", micros) + (missed.isEmpty ? "" : "; missed: " + missed.prefix(3).joined(separator: ", ")))
    }
}
