import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelSimulator

/// How close the executor comes to the best possible schedule: 60 shots × 3 takes on the
/// simulated provider (jobs of 0.5–1.5 s, four slots, one create in twenty answered 429
/// with Retry-After 1 s), through the real adapter, HTTP, journal and store.
///
/// The lower bound no scheduler can beat is max(the longest job, the total work ÷ 4).
struct SchedulingBenchmarks {
    let scratch: Scratch

    func run(shots: Int = 60, takes: Int = 3, concurrency: Int = 4) async throws -> [Figure] {
        var config = SimulationConfig.benchmark
        config.concurrency = concurrency
        config.seed = 60
        let sim = try await SimulatedProviderServer.start(config: config)
        let root = scratch.file("scheduling")
        let blobs = try DirectoryBlobStore(root: root.appendingPathComponent("media"))
        let database = try ProjectDatabase(path: root.appendingPathComponent("reel.sqlite").path)
        let probe = MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe())
        let provider = SimulatedVideoProvider(baseURL: sim.baseURL, apiKey: sim.apiKey, pollInterval: 0.05, probe: probe)

        let graph = try Self.takesGraph(provider, shots: shots, takes: takes, tag: nil)
        var runners = RunnerRegistry()
        runners.register(GenerationRunner(provider), kind: .video, provider: "sim")
        let executor = Executor(runners: runners, journal: SQLiteJournal(database: database), blobs: blobs,
                                options: ExecutorOptions(limits: ["sim": concurrency], retry: RetryPolicy(maxAttempts: 8)))
        var summary = RunSummary()
        let makespan = try await seconds { summary = try await executor.run(graph) }
        let latencies = sim.jobLatencies
        let counters = sim.counters
        try await sim.stop()
        guard summary.succeeded, latencies.count == shots * takes else {
            throw BenchError("scheduling: \(summary.failures.count) jobs failed, \(latencies.count) made for \(shots * takes)")
        }
        let work = latencies.reduce(0, +)
        let bound = max(latencies.max() ?? 0, work / Double(concurrency))
        let ratio = makespan / bound
        return [
            Figure(name: "makespan, \(shots) shots × \(takes) takes on the simulated provider",
                   reel: String(format: "%.1f s", makespan),
                   reference: String(format: "%.1f s (max(longest job, %.0f s of work ÷ %d))", bound, work, concurrency),
                   ratio: ratio, goal: "≤ 1.05", met: ratio <= 1.05,
                   note: "\(counters.faults["rate-limited", default: 0]) creates answered 429 (Retry-After 1 s), "
                       + "\(counters.createdJobs) jobs made, \(counters.duplicatedKeys.count) twice"),
        ]
    }
}

extension SchedulingBenchmarks {
    /// `shots` × `takes` text-to-video takes on the simulated provider (2 s, 480p vertical);
    /// `tag` in the prompts keeps two graphs' cache keys apart.
    static func takesGraph(_ provider: SimulatedVideoProvider, shots: Int, takes: Int, tag: String?) throws -> JobGraph {
        var graph = JobGraph()
        for shot in 1...shots {
            for take in 1...takes {
                let brief = ShotBrief(shot: ShotID("S\(shot)"), setting: .exterior, timeOfDay: .night, location: "platform",
                                      mood: .tense, size: .wide, move: .static, angle: .eyeLevel, purpose: .action,
                                      figures: [], action: "A platform in the rain.", language: .english)
                let request = VideoRequest(prompt: "Shot \(shot)\(tag.map { " (\($0))" } ?? ""): a platform in the rain.", brief: brief,
                                           mode: .text, duration: .seconds(2), format: VideoFormat(aspect: .vertical, size: .p480),
                                           seed: UInt64(take))
                let normalized = provider.normalize(request)
                let spec = JobSpec(kind: .video, provider: "sim", model: normalized.model,
                                   params: try JSONValue(encoding: normalized), seed: normalized.seed, deterministic: false)
                graph.add(GraphNode(id: NodeID("video:S\(shot)#\(take)"), spec: spec))
            }
        }
        return graph
    }
}
