import Foundation
import ReelMedia
import ReelModel
import ReelSimulator

/// The figure the review issue asks for: the quality check of a take ÷ the take's length
/// (goal ≤ 0.1 on 2 cores), against a plain decode of the same clip in the same run.
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
    }
}
