import Foundation

// reel-bench: Reel's speed figures, each against a reference measured in the same run.
// Usage: reel-bench [ROOT]   (ROOT is the package directory, for the examples)
let root = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? FileManager.default.currentDirectoryPath)
let reel = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reel")
let scratch = try Scratch()
defer { scratch.remove() }

var figures: [Figure] = []
let spine = SpineBenchmarks(root: root, scratch: scratch)
log("render speed…")
figures.append(try await spine.renderRatio())
log("second make…")
figures.append(try await spine.secondMake(reel: reel))
log("parse throughput…")
figures.append(try await spine.parseThroughput())
log("assembly…")
figures += try await AssemblyBenchmarks(scratch: scratch).run()

let debian = (try? String(contentsOfFile: "/etc/debian_version", encoding: .utf8))
    .map { "Debian " + $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "Linux"
let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(debian)"
print("| figure | Reel | reference | ratio | goal | met | notes |")
print("|---|---|---|---|---|---|---|")
for f in figures { print(f.row) }
print("")
print("Measured \(ISO8601DateFormatter().string(from: Date())) on \(machine), release build.")
