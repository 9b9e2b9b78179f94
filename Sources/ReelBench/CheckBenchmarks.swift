import Foundation
import ReelLabelledSet
import ReelMedia
import ReelModel
import ReelSimulator

/// The figures the review issue asks for: the quality check of a take ÷ the take's length
/// (goal ≤ 0.1 on 2 cores), against a plain decode of the same clip in the same run; and
/// the check's score on the labelled set (ReelLabelledSet, the set the tests assert on).
struct CheckBenchmarks {
    let scratch: Scratch

    func run() async throws -> [Figure] {
        let toolchain = Toolchain.discover()
        let ffmpeg = try toolchain.requireFFmpeg()
        // A 10 s vertical take as models return them (720×1280, 24 fps), drawn by the simulator.
        let clip = SimulatedClip(width: 720, height: 1280, frameRate: .fps24, frames: 240, seed: 7, label: "bench", model: "sim-1")
        let renderer = SimulatedClipRenderer(directory: scratch.file("sim-clips"), mode: .full)
        let file = try await renderer.file(for: clip)
        let length = 10.0
        let inspector = ClipInspector(toolchain: toolchain)
        var check = Double.infinity, decode = Double.infinity
        var verdict: ClipVerdict?
        for _ in 0..<3 {
            check = min(check, try await seconds { verdict = try await inspector.check(file, expected: ClipExpectation(duration: .seconds(10))) })
            decode = min(decode, try await seconds {
                try shell(ffmpeg, ["-v", "error", "-nostdin", "-i", file.path, "-f", "null", "-"])
            })
        }
        return [Figure(name: "quality check of a take ÷ its length (10 s, 720×1280)", reel: fmt(check),
                       reference: fmt(decode) + " (plain decode)", ratio: check / decode, goal: "≤ 0.1 of its length",
                       met: check / length <= 0.1,
                       note: String(format: "%.3f of its length; %@", check / length, verdict?.passed == true ? "passes" : "flagged"))]
            + (try await labelledSet())
    }

    /// Recall per defect, false flags on good clips and repeats found, as counts.
    func labelledSet() async throws -> [Figure] {
        let directory = scratch.file("labelled-set")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var outcomes: [LabelledOutcome] = []
        let took = try await seconds { outcomes = try await LabelledSet.makeAndCheck(LabelledSet.all, in: directory) }
        let score = LabelledScore(outcomes)
        let clips = "\(outcomes.count) clips (\(score.good) good), made and checked in \(fmt(took))"
        let worst = score.recall.min { Double($0.found) / Double(max($0.labelled, 1)) < Double($1.found) / Double(max($1.labelled, 1)) }
        let perDefect = score.recall.map { "\($0.kind.rawValue) \($0.found)/\($0.labelled)" }.joined(separator: ", ")
        let recallMet = score.recall.allSatisfy(\.met)
        // Each share against its own goal, as the tests hold them: good clips flagged, and defect
        // clips with a problem they were not made with.
        let shares = [Double(score.flagged.count) / Double(max(score.good, 1)), Double(score.extra.count) / Double(max(score.defective, 1))]
        return [
            Figure(name: "labelled set: defects found, per defect", reel: "\(score.recall.filter(\.met).count) of \(score.recall.count) defects ≥ 95%",
                   reference: clips, ratio: worst.map { Double($0.found) / Double(max($0.labelled, 1)) }, goal: "≥ 95% of each defect",
                   met: recallMet, note: perDefect + (recallMet ? "" : "; missed: " + score.recall.flatMap(\.missed).joined(separator: "; "))),
            Figure(name: "labelled set: false flags (good clips flagged, or a defect clip with a problem it was not made with)",
                   reel: "\(score.flagged.count) of \(score.good) good, \(score.extra.count) of \(score.defective) defect",
                   reference: clips, ratio: shares.max(), goal: "≤ 2% of each",
                   met: score.flagged.count * 100 <= score.good * 2 && score.extra.count * 100 <= score.defective * 2,
                   note: (score.flagged + score.extra).joined(separator: "; ")),
            Figure(name: "labelled set: remade clips found to repeat their originals; different pairs taken for repeats",
                   reel: "\(score.repeatsFound) of \(score.repeats) found, \(score.pairsFlagged.count) of \(score.differentPairs) pairs",
                   reference: clips, ratio: Double(score.repeatsFound) / Double(max(score.repeats, 1)), goal: "≥ 95% found, ≤ 2% pairs",
                   met: score.repeatsFound * 100 >= score.repeats * 95 && score.pairsFlagged.count * 100 <= score.differentPairs * 2,
                   note: (score.repeatsMissed + score.pairsFlagged).joined(separator: "; ")),
        ]
    }
}
