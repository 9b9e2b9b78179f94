import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelSimulator
import ReelStore
import ReelStudio

/// Workers on a studio database (`REEL_BENCH_DATABASE`, a PostgreSQL `scripts/bench`
/// starts): the makespan of 60 shots × 3 takes handed to 1, 2 and 4 workers sharing one
/// provider limit of 8; what a claim costs; and renders spread over two workers.
///
/// The workers run in this process (`Studio.work`, each its own claims and heartbeat, as
/// `reel worker` runs it); the run handing them jobs is an `Executor` over a
/// `PostgresWorkQueue`, as a studio's run is.
struct WorkersBenchmarks {
    let scratch: Scratch
    let database: String
    let reel: URL
    let root: URL

    func run() async throws -> [Figure] {
        let media = scratch.file("studio-media")
        StudioSettings.use(database: database, media: media)
        var figures: [Figure] = []
        for count in [1, 2, 4] {
            log("  \(count) worker\(count == 1 ? "" : "s")…")
            figures.append(try await makespan(workers: count))
        }
        figures.append(try await claimOverhead())
        figures.append(try await renders())
        return figures
    }

    /// Workers in this process until `body` ends.
    func withWorkers<T>(_ count: Int, slots: Int, kinds: [String] = [], environment: [String: String] = [:],
                        _ body: () async throws -> T) async throws -> T {
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let (started, said) = AsyncStream.makeStream(of: Void.self)
        let workers = (0..<count).map { n in
            Task {
                let (events, sink) = AsyncStream.makeStream(of: WorkerEvent.self)
                let telling = Task { for await event in events { if case .started = event { said.yield() } } }
                let result = await Result(catching: {
                    try await Studio(environment: env).work(WorkerOptions(name: "bench-\(n)", slots: slots, kinds: kinds, lease: 30, idle: 0.02),
                                                            events: sink)
                })
                sink.finish()
                await telling.value
                return try result.get()
            }
        }
        var ready = started.makeAsyncIterator()
        for _ in 0..<count { _ = await ready.next() }
        defer { workers.forEach { $0.cancel() } }
        let result = try await body()
        workers.forEach { $0.cancel() }
        for worker in workers { _ = await worker.result }
        return result
    }

    /// 60 shots × 3 takes on the simulated provider (eight at once, 0.5–1.5 s a job, no faults),
    /// handed to `workers` workers of eight slots under a studio limit of 8 for the provider.
    func makespan(workers: Int, shots: Int = 60, takes: Int = 3, limit: Int = 8) async throws -> Figure {
        var config = SimulationConfig.benchmark
        config.faults = FaultPlan()
        config.concurrency = limit
        config.seed = UInt64(60 + workers)
        let sim = try await SimulatedProviderServer.start(config: config)
        let env = ["SIM_API_KEY": sim.apiKey, "REEL_SIM_BASE_URL": sim.baseURL.absoluteString, "REEL_POLL_INTERVAL": "0.05"]
        let studio = try StudioDatabase.shared(database)
        let project = studio.project("bench-makespan-\(workers)-\(UUID().uuidString.prefix(6))")
        let probe = MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe())
        let provider = SimulatedVideoProvider(baseURL: sim.baseURL, apiKey: sim.apiKey, pollInterval: 0.05, probe: probe)
        let graph = try SchedulingBenchmarks.takesGraph(provider, shots: shots, takes: takes, tag: project.id)
        var runners = RunnerRegistry()
        runners.register(GenerationRunner(provider), kind: .video, provider: "sim")
        let queue = PostgresWorkQueue(project, version: ReelVersion.current, setup: #"{"config":"provider: sim\n"}"#,
                                      limit: { $0 == "sim" ? limit : nil }, tick: .milliseconds(20))
        let executor = Executor(runners: runners.queued(through: queue, localLimit: { _ in limit }), journal: PostgresJournal(project),
                                blobs: try DirectoryBlobStore(root: scratch.file("studio-media"), sharedBetweenMachines: true),
                                options: ExecutorOptions(limits: ["sim": limit], retry: RetryPolicy(maxAttempts: 8)).handingToWorkers())
        var summary = RunSummary()
        let makespan = try await withWorkers(workers, slots: limit, kinds: ["video"], environment: env) {
            try await seconds { summary = try await executor.run(graph) }
        }
        let latencies = sim.jobLatencies
        try await sim.stop()
        guard summary.succeeded, latencies.count == shots * takes else {
            throw BenchError("workers: \(summary.failures.count) jobs failed, \(latencies.count) made for \(shots * takes)")
        }
        let work = latencies.reduce(0, +)
        let bound = max(latencies.max() ?? 0, work / Double(limit))
        return Figure(name: "makespan with \(workers) worker\(workers == 1 ? "" : "s"), \(shots) shots × \(takes) takes, one limit of \(limit)",
                      reel: fmt(makespan), reference: fmt(bound) + String(format: " (max(longest job, %.0f s of work ÷ %d))", work, limit),
                      ratio: makespan / bound, goal: "≤ 1.05", met: makespan / bound <= 1.05,
                      note: "\(latencies.count) jobs made, each once; PostgreSQL, polled every 20 ms")
    }

    /// A claim and the end it writes, per job, on a queue of 1000 jobs; against one short
    /// statement's round trip.
    func claimOverhead(jobs: Int = 1000) async throws -> Figure {
        let studio = try StudioDatabase.shared(database)
        let version = "bench-\(UUID().uuidString.prefix(6))"
        let project = studio.project("bench-claims-\(version)")
        let worker = UUID().uuidString
        try await studio.register(WorkerStatus(id: worker, name: "bench", host: "bench", pid: 1, version: version, kinds: [],
                                               slots: 1, lease: 30, startedAt: Date(), seenAt: Date()))
        let queue = PostgresWorkQueue(project, version: version, setup: "{}", tick: .milliseconds(50))
        let blobs = try DirectoryBlobStore(root: scratch.file("claims"))
        let output = NodeOutput(asset: try blobs.put(Data("bench".utf8), mediaType: "text/plain"))
        let waiting = (0..<jobs).map { n in
            Task {
                let node = GraphNode(id: NodeID("n\(n)"), spec: JobSpec(kind: .conform, provider: "ffmpeg", params: ["n": .int(Int64(n))]))
                let context = JobContext(key: CacheKey(spec: node.spec, inputs: []), inputs: [], blobs: blobs)
                return try await queue.perform(QueuedJob(node, context: context), context: context)
            }
        }
        while try await studio.waitingWork()[project.id, default: 0] < jobs { try await Task.sleep(for: .milliseconds(20)) }
        let claiming = try await seconds {
            for _ in 0..<jobs {
                guard let claim = try await studio.claim(worker: worker, count: 1, version: version, kinds: [], lease: 30).first else {
                    throw BenchError("workers: the queue ran dry")
                }
                try await studio.finish(claim, worker: worker, with: .success(output))
            }
        }
        for task in waiting { _ = try await task.value }
        try await studio.stopWorker(worker)
        let roundTrip = try await seconds { for _ in 0..<jobs { _ = try await studio.newerSchema() } }
        let perJob = claiming / Double(jobs) * 1000
        return Figure(name: "claim overhead per job (claim + its end, PostgreSQL)", reel: String(format: "%.2f ms", perJob),
                      reference: String(format: "%.2f ms (one short query)", roundTrip / Double(jobs) * 1000),
                      ratio: claiming / roundTrip, goal: "≤ 2 ms", met: perJob <= 2, note: "\(jobs) jobs, one worker")
    }

    /// `reel make` of the example at 480p with every job on one worker (one slot), then on
    /// two: CPU-bound renders, one worker per core.
    func renders() async throws -> Figure {
        let example = root.appendingPathComponent("examples/the-last-train.fountain")
        var times: [Double] = []
        for workers in [1, 2] {
            let folder = scratch.file("render-\(workers)")
            let env = ["REEL_HOME": scratch.file("home").path, "REEL_DATABASE": database, "REEL_MEDIA": scratch.file("studio-media").path]
            guard try shell(reel.path, ["init", folder.path, "--script", example.path, "--size", "480p"], env: env) == 0 else {
                throw BenchError("workers: reel init failed")
            }
            // Another project (its own journal): nothing of the first run is reused.
            let t = try await withWorkers(workers, slots: 1) {
                try await seconds {
                    guard try shell(reel.path, ["make", "--quiet"], env: env, directory: folder) == 0 else { throw BenchError("workers: reel make failed") }
                }
            }
            times.append(t)
        }
        let speedup = times[0] / times[1]
        return Figure(name: "render throughput, two workers ÷ one (CPU-bound, one slot each)",
                      reel: fmt(times[1]) + " with 2", reference: fmt(times[0]) + " with 1", ratio: speedup,
                      goal: "≈ 2 on two cores", met: speedup >= 1.6, note: "`reel make` of the example at 480p, every job on the workers")
    }
}
