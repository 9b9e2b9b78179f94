import Foundation

// reel-bench: Reel's speed figures, each against a reference measured in the same run.
// Usage: reel-bench [ROOT] [GROUP…]   ROOT is the package directory (for the examples);
// groups: render, second, parse, plan, engine, assembly, scheduling, directing, workers, check, assistant, studio (default: all).
let arguments = Array(CommandLine.arguments.dropFirst())
let root = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath)
let groups = Set(arguments.dropFirst())
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }
let reel = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reel")
let scratch = try Scratch()
defer { scratch.remove() }

var figures: [Figure] = []
let spine = SpineBenchmarks(root: root, scratch: scratch)
if wanted("render") {
    log("render speed…")
    figures.append(try await spine.renderRatio())
}
if wanted("second") {
    log("second make…")
    figures.append(try await spine.secondMake(reel: reel))
}
if wanted("parse") {
    log("parse throughput…")
    figures.append(try await spine.parseThroughput())
}
if wanted("plan") {
    log("plan of a 20 MB script…")
    figures.append(try await PlanBenchmarks(root: root, scratch: scratch).planJSON(reel: reel))
}
if wanted("engine") {
    log("engine overhead…")
    figures += try await EngineBenchmarks(scratch: scratch).run()
}
if wanted("scheduling") {
    log("scheduling (60 shots × 3 takes on the simulated provider)…")
    figures += try await SchedulingBenchmarks(scratch: scratch).run()
}
// Before the workers: their group points this process's studio settings at a PostgreSQL,
// and the cast figure opens a project in this process.
if wanted("directing") {
    log("directing (keyframes first on the simulated provider, last frames, reference images)…")
    figures += try await DirectingBenchmarks(root: root, scratch: scratch, reel: reel).run()
}
if wanted("workers") {
    if let database = ProcessInfo.processInfo.environment["REEL_BENCH_DATABASE"], !database.isEmpty {
        log("workers on PostgreSQL…")
        figures += try await WorkersBenchmarks(scratch: scratch, database: database, reel: reel, root: root).run()
    } else {
        log("workers: skipped (REEL_BENCH_DATABASE is not set; scripts/bench starts a PostgreSQL for it)")
    }
}
if wanted("check") {
    log("quality check of a take…")
    figures += try await CheckBenchmarks(scratch: scratch).run()
}
if wanted("assistant") {
    log("repair of malformed model replies…")
    figures += try await AssistantBenchmarks().run()
}
if wanted("studio") {
    log("the studio (a 200-shot storyboard over HTTP, live views, the grid in Chromium)…")
    figures += try await StudioBenchmarks(root: root, scratch: scratch, reel: reel).run()
}
if wanted("assembly") {
    log("assembly…")
    figures += try await AssemblyBenchmarks(scratch: scratch).run()
}

let debian = (try? String(contentsOfFile: "/etc/debian_version", encoding: .utf8))
    .map { "Debian " + $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "Linux"
let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(debian)"
print("| figure | Reel | reference | ratio | goal | met | notes |")
print("|---|---|---|---|---|---|---|")
for f in figures { print(f.row) }
print("")
print("Measured \(ISO8601DateFormatter().string(from: Date())) on \(machine), release build.")
