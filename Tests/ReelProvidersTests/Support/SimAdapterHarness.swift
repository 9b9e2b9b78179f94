import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting

/// One video take on the simulated provider, through the one ``AdapterHarness``: the
/// simulated server, a provider for it, and a one-second 480p take of S01-02.
struct SimAdapterHarness {
    let sim: SimulatedProviderServer
    let core: AdapterHarness

    init(sim: SimulatedProviderServer, dir: TemporaryDirectory) throws {
        self.sim = sim
        self.core = try AdapterHarness(dir: dir)
    }

    var blobs: DirectoryBlobStore { core.blobs }
    var journal: InMemoryJournal { core.journal }
    /// The executor's waits (Retry-After, backoff); they return at once.
    var sleeper: RecordingSleeper { core.sleeper }

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
        try core.graph(provider, request: request)
    }

    func executor(_ provider: SimulatedVideoProvider, retry: RetryPolicy = RetryPolicy()) -> Executor {
        core.executor(provider, retry: retry)
    }

    func run(_ provider: SimulatedVideoProvider, retry: RetryPolicy = RetryPolicy()) async throws -> RunSummary {
        try await core.run(provider, request: Self.request, retry: retry)
    }

    /// The requests the adapter sent to `path` prefix, in order.
    func requests(_ method: String, _ prefix: String) -> [RecordedRequest] {
        sim.requests.filter { $0.method == method && $0.path.hasPrefix(prefix) }
    }

    /// Files left in the store's scratch directory.
    var scratchFiles: [String] { get throws { try core.scratchFiles } }
}
