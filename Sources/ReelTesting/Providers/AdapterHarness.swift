import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders

/// One job on any adapter — a video take, a still, a line of speech — run the way Reel runs it: a graph node,
/// `GenerationRunner`, the `Executor`, an in-memory journal and a blob store on disk.
/// Waits (polls, Retry-After, backoff) are recorded and return at once.
///
/// ```swift
/// let h = try AdapterHarness(dir: dir)
/// let summary = try await h.run(adapter, request: AdapterHarness.request(mode: .imageToVideo), inputs: [try h.panel()])
/// ```
public struct AdapterHarness: Sendable {
    public let blobs: DirectoryBlobStore
    public let journal = InMemoryJournal()
    /// The executor's waits (Retry-After, backoff).
    public let sleeper = RecordingSleeper()
    /// The runner's waits between polls.
    public let pollSleeper = RecordingSleeper()

    public init(dir: TemporaryDirectory) throws {
        self.blobs = try DirectoryBlobStore(root: dir.file("media"))
    }

    /// A 5-second vertical 720p shot of a woman reading a letter; `mode` decides which
    /// images it carries (first frame for image, first and last for first-last, two
    /// references for references — inputs 0, 1, …).
    public static func request(mode: GenerationMode = .text, seconds: Int64 = 5, model: String = "default",
                               aspect: VideoFormat.Aspect = .vertical, seed: UInt64 = 7) -> VideoRequest {
        let images: [ImageInput] = switch mode {
        case .text: []
        case .imageToVideo: [ImageInput(input: 0, role: .firstFrame)]
        case .firstLastFrame: [ImageInput(input: 0, role: .firstFrame), ImageInput(input: 1, role: .lastFrame)]
        case .references: [ImageInput(input: 0, role: .reference, subject: "char:maya"),
                           ImageInput(input: 1, role: .reference, subject: "prop:letter")]
        }
        return VideoRequest(
            prompt: "Medium shot, eye level. Interior: a kitchen, night. Maya reads a letter.",
            brief: ShotBrief(shot: "S01-02", setting: .interior, timeOfDay: .night, location: "kitchen", mood: .tense,
                             size: .medium, move: .pushIn, angle: .eyeLevel, purpose: .action, figures: [],
                             action: "Maya reads a letter.", language: .english),
            mode: mode, duration: RationalTime(value: seconds, timescale: 1),
            format: VideoFormat(aspect: aspect, size: .p720), images: images, seed: seed, model: model)
    }

    /// A small PNG in the store, to use as an input image.
    public func image(_ index: Int = 0) throws -> Asset {
        try ReelProviders.ResultDownload.store(FixtureMedia.png(index), mediaType: "image/png", into: blobs, cost: nil).asset
    }

    /// The node of the one job a harness graph holds: `video:S01-02#1`, `speech:S01-02#1`.
    public static func node(_ kind: NodeKind = .video) -> NodeID { NodeID("\(kind.rawValue):S01-02#1") }

    /// The graph of one job of `kind` (a take, a still, a line) making `request` on
    /// `adapter`, with `inputs` as its input assets.
    public func graph<G: Generator>(_ adapter: G, request: G.Request, kind: NodeKind,
                                    inputs: [Asset] = []) throws -> JobGraph {
        let params = try JSONValue(encoding: adapter.normalize(request))
        let spec = JobSpec(kind: kind, provider: adapter.descriptor.id, model: params["model"]?.stringValue ?? "default",
                           params: params, seed: params["seed"]?.intValue.map { UInt64(bitPattern: $0) },
                           deterministic: false)
        var nodes: [GraphNode] = []
        for (i, asset) in inputs.enumerated() {
            var node = GraphNode(id: NodeID("input:\(i)"), spec: JobSpec(kind: .asset, provider: "reel", model: "stored",
                                                                        params: ["digest": .string(asset.digest.rawValue)]))
            node.given = NodeOutput(asset: asset)
            nodes.append(node)
        }
        nodes.append(GraphNode(id: Self.node(kind), spec: spec, inputs: inputs.indices.map { NodeID("input:\($0)") },
                               shot: "S01-02"))
        return JobGraph(nodes)
    }

    /// The graph of one video take of `request` on `adapter`.
    public func graph<G: VideoGenerator>(_ adapter: G, request: VideoRequest, inputs: [Asset] = []) throws -> JobGraph {
        try graph(adapter, request: request, kind: .video, inputs: inputs)
    }

    public func executor<G: Generator>(_ adapter: G, kind: NodeKind = .video, retry: RetryPolicy = RetryPolicy()) -> Executor {
        var runners = RunnerRegistry()
        runners.register(GenerationRunner(adapter, sleeper: pollSleeper), kind: kind, provider: adapter.descriptor.id)
        return Executor(runners: runners, journal: journal, blobs: blobs, options: ExecutorOptions(retry: retry), sleeper: sleeper)
    }

    /// Runs one video take to the end; failures are in the summary.
    public func run<G: VideoGenerator>(_ adapter: G, request: VideoRequest = AdapterHarness.request(),
                                       inputs: [Asset] = [], retry: RetryPolicy = RetryPolicy()) async throws -> RunSummary {
        try await run(adapter, request: request, kind: .video, inputs: inputs, retry: retry)
    }

    /// Runs one job of `kind` (`.image`, `.speech`…) to the end; failures are in the summary.
    public func run<G: Generator>(_ adapter: G, request: G.Request, kind: NodeKind, inputs: [Asset] = [],
                                  retry: RetryPolicy = RetryPolicy()) async throws -> RunSummary {
        try await executor(adapter, kind: kind, retry: retry).run(try graph(adapter, request: request, kind: kind, inputs: inputs))
    }

    /// Files left in the store's scratch directory (a failed download must leave none).
    /// Throws when the directory cannot be read: an unreadable scratch is not an empty one.
    public var scratchFiles: [String] {
        get throws { try FileManager.default.contentsOfDirectory(atPath: blobs.scratchDirectory.path) }
    }
}
