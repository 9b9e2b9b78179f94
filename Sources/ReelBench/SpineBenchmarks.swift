import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelScript
import ReelStudio

/// The figures issue 2 asks for: render speed, assembly against hand-written ffmpeg,
/// the stream-copy cut, parse throughput, and a second run with nothing changed.
struct SpineBenchmarks {
    let root: URL
    let scratch: Scratch
    var env: [String: String] { ProcessInfo.processInfo.environment.merging(["REEL_HOME": scratch.file("home").path]) { $1 } }
    var ffmpeg: String { Toolchain.discover().ffmpeg ?? "/usr/bin/ffmpeg" }

    /// Animatic render time ÷ film duration, the English example at 720p, from nothing.
    func renderRatio() async throws -> Figure {
        let studio = Studio(environment: env)
        let example = root.appendingPathComponent("examples/the-last-train.fountain")
        var result: MakeResult?
        let t = try await seconds {
            result = try await studio.make(MakeRequest(script: example, output: scratch.file("train.mp4")))
        }
        let film = result!.storyboard.format.frameRate.time(frames: result!.frames).seconds
        return Figure(name: "render ÷ film length (example, 720p, cold)", reel: fmt(t), reference: fmt(film) + " of film",
                      ratio: t / film, goal: "≤ 0.5", met: t / film <= 0.5,
                      note: "\(result!.summary.ran) jobs, \(result!.storyboard.shots.count) shots")
    }

    /// A second `reel make` with nothing changed, as a process, against `reel --version`.
    func secondMake(reel: URL) async throws -> Figure {
        let example = root.appendingPathComponent("examples/the-last-train.fountain").path
        let out = scratch.file("train.mp4").path
        try shell(reel.path, ["make", example, "--out", out, "-q"], env: env)
        let t = try await seconds { try shell(reel.path, ["make", example, "--out", out, "-q"], env: env) }
        let startup = try await seconds { try shell(reel.path, ["--version"], env: env) }
        let json = try ChildProcess.output(reel.path, ["make", example, "--out", out, "--json"], env: env)
        let rendered = (try? JSONDecoder().decode([String: JSONValue].self, from: json))?["rendered"]?.intValue ?? -1
        return Figure(name: "second `reel make`, nothing changed", reel: fmt(t), reference: fmt(startup) + " (`reel --version`)",
                      ratio: t / startup, goal: "< 2 s, 0 renders", met: t < 2 && rendered == 0, note: "\(rendered) rendered")
    }

    /// Parse throughput on a ~20 MB script against a plain scan of the same bytes.
    func parseThroughput() async throws -> Figure {
        var sample = ""
        for name in ["the-last-train.fountain", "last-delivery.zh.fountain"] {
            sample += try String(contentsOf: root.appendingPathComponent("examples/\(name)"), encoding: .utf8) + "\n\n"
        }
        sample += BenchScript.text()
        var text = ""
        while text.utf8.count < 20 << 20 { text += sample }
        let mb = Double(text.utf8.count) / 1e6
        var best = Double.infinity
        var scan = Double.infinity
        var elements = 0
        for _ in 0..<3 {
            best = min(best, await seconds { elements = Fountain.parse(text).elements.count })
            var newlines = 0
            scan = min(scan, await seconds {
                text.utf8.withContiguousStorageIfAvailable { bytes in
                    for b in bytes where b == 10 { newlines += 1 }
                }
            })
            if newlines < 0 { log("impossible") }
        }
        return Figure(name: "Fountain parse throughput (\(Int(mb)) MB)", reel: String(format: "%.0f MB/s", mb / best),
                      reference: String(format: "%.0f MB/s (newline scan)", mb / scan), ratio: scan / best,
                      goal: "≥ 50 MB/s", met: mb / best >= 50, note: "\(elements) elements")
    }
}

extension ChildProcess {
    /// Runs a program and returns its stdout.
    static func output(_ path: String, _ args: [String], env: [String: String]) throws -> Data {
        let p = ChildProcess()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = .pipe(pipe)
        p.standardError = .null
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }
}
