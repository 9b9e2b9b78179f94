import Foundation
import ReelMedia
import ReelModel
import ReelScript

/// `reel plan --json` on a 20 MB script, as a process: wall time and peak memory, against
/// parsing the same bytes alone (issue 9: 6 min 32 s and 1.43 GB before).
struct PlanBenchmarks {
    let root: URL
    let scratch: Scratch

    /// About `bytes` of screenplay: the examples' bodies over and over, each copy's places
    /// numbered (one in 400 repeats a place), so the planner meets many places and scenes.
    func bigScript(bytes: Int = 20 << 20) throws -> String {
        var bodies: [String] = []
        for name in ["the-last-train.fountain", "last-delivery.zh.fountain"] {
            let text = try String(contentsOf: root.appendingPathComponent("examples/\(name)"), encoding: .utf8)
            // The title page ends at the first blank line; later copies keep only the body.
            bodies.append(text.range(of: "\n\n").map { String(text[$0.upperBound...]) } ?? text)
        }
        bodies.append(BenchScript.text().replacingOccurrences(of: "Title: Bench\n\n", with: ""))
        var out = "Title: Twenty Megabytes\n\n"
        var copy = 0
        while out.utf8.count < bytes {
            for body in bodies {
                let tag = " \(copy % 400)"
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                    let isHeading = line.hasPrefix("INT.") || line.hasPrefix("EXT.") || line.hasPrefix("内景") || line.hasPrefix("外景")
                        || line.hasPrefix(".")
                    guard isHeading, let dash = line.range(of: " - ", options: .backwards) ?? line.range(of: " ", options: .backwards)
                    else { return String(line) }
                    return line[..<dash.lowerBound] + tag + line[dash.lowerBound...]
                }
                out += lines.joined(separator: "\n") + "\n\n"
            }
            copy += 1
        }
        return out
    }

    func planJSON(reel: URL) async throws -> Figure {
        let text = try bigScript()
        let file = scratch.file("twenty.fountain")
        try Data(text.utf8).write(to: file)
        let mb = Double(text.utf8.count) / 1e6
        var parse = Double.infinity
        var elements = 0
        let data = try Data(contentsOf: file)
        for _ in 0..<3 {
            parse = min(parse, try await seconds { elements = try Fountain.parse(data: data, path: file.path).elements.count })
        }
        let run = try measured(reel.path, ["plan", "--json", file.path])
        guard run.status == 0 else { throw BenchError("reel plan --json exited \(run.status)") }
        let speed = mb / run.seconds
        let memory = Double(run.peakKB) / 1024
        let times = memory * 1.048576 / mb
        return Figure(name: "`reel plan --json` (\(Int(mb.rounded())) MB script)",
                      reel: fmt(run.seconds) + String(format: ", %.2f MB/s, peak %.0f MB", speed, memory),
                      reference: fmt(parse) + " (parse alone)", ratio: run.seconds / parse,
                      goal: "≥ 20 MB/s, ≤ 10× the script", met: speed >= 20 && times <= 10,
                      note: String(format: "%d elements; memory %.1f× the script", elements, times))
    }

    /// Runs a program with its output discarded; its wall time and its own peak memory
    /// (the child's resource usage, so earlier children do not count).
    func measured(_ path: String, _ args: [String]) throws -> (seconds: Double, peakKB: Int, status: Int32) {
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: path)
        child.arguments = args
        child.standardOutput = .null
        child.standardError = .null
        let start = ContinuousClock.now
        try child.run()
        child.waitUntilExit()
        let d = (ContinuousClock.now - start).components
        let exit = child.terminationReason == .exit ? child.terminationStatus : 128 + child.terminationStatus
        return (Double(d.seconds) + Double(d.attoseconds) / 1e18, child.peakMemoryKB, exit)
    }
}
