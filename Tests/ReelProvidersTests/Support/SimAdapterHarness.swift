import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting

/// One video take on the simulated provider, run the way Reel runs it: a graph node,
/// `GenerationRunner`, the `Executor`, an in-memory journal and a blob store on disk.
struct SimAdapterHarness {
    let sim: SimulatedProviderServer
    let blobs: DirectoryBlobStore
    let journal = InMemoryJournal()
    /// The executor's waits (Retry-After, backoff); they return at once.
    let sleeper = RecordingSleeper()

    init(sim: SimulatedProviderServer, dir: TemporaryDirectory) throws {
        self.sim = sim
        self.blobs = try DirectoryBlobStore(root: dir.file("media"))
    }

    static let request = VideoRequest(
        prompt: "Medium shot, eye level angle. Interior: a kitchen, night. Maya reads a letter.",
        brief: ShotBrief(shot: "S01-02", setting: .interior, timeOfDay: .night, location: "kitchen", mood: .tense,
                         size: .medium, move: .pushIn, angle: .eyeLevel, purpose: .action, figures: [],
                         action: "Maya reads a letter.", language: .english),
        mode: .text, duration: .milliseconds(1000), format: VideoFormat(aspect: .vertical, size: .p480), seed: 7)

    func provider(requestTimeout: Double = 10, probe: Bool = true) throws -> SimulatedVideoProvider {
        let probe = probe ? MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()) : nil
        return SimulatedVideoProvider(baseURL: sim.baseURL, apiKey: sim.apiKey, pollInterval: 0.01, timeout: 600,
                                      requestTimeout: requestTimeout, probe: probe)
    }

    func graph(_ provider: SimulatedVideoProvider, request: VideoRequest = SimAdapterHarness.request) throws -> JobGraph {
        let normalized = provider.normalize(request)
        let spec = JobSpec(kind: .video, provider: "sim", model: normalized.model, params: try JSONValue(encoding: normalized),
                           seed: normalized.seed, deterministic: false)
        return JobGraph([GraphNode(id: "video:S01-02#1", spec: spec, shot: "S01-02")])
    }

    func executor(_ provider: SimulatedVideoProvider, retry: RetryPolicy = RetryPolicy()) -> Executor {
        var runners = RunnerRegistry()
        // Polls wait on a recording sleeper too: the tests' jobs finish by the first poll.
        runners.register(GenerationRunner(provider, sleeper: RecordingSleeper()), kind: .video, provider: "sim")
        return Executor(runners: runners, journal: journal, blobs: blobs, options: ExecutorOptions(retry: retry), sleeper: sleeper)
    }

    func run(_ provider: SimulatedVideoProvider, retry: RetryPolicy = RetryPolicy()) async throws -> RunSummary {
        try await executor(provider, retry: retry).run(try graph(provider))
    }

    /// The requests the adapter sent to `path` prefix, in order.
    func requests(_ method: String, _ prefix: String) -> [RecordedRequest] {
        sim.requests.filter { $0.method == method && $0.path.hasPrefix(prefix) }
    }

    /// Files left in the store's scratch directory.
    /// Throws when the directory cannot be read: an unreadable scratch is not an empty one.
    var scratchFiles: [String] {
        get throws { try FileManager.default.contentsOfDirectory(atPath: blobs.scratchDirectory.path) }
    }
}
