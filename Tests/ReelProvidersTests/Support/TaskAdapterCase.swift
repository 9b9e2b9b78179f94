import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// One task adapter against its fake, built the way users' configs build it (through the
/// provider's entry, with the base URL pointed at the fake), and the scenarios every
/// "create → poll → download" adapter must pass.
struct TaskAdapterCase: Sendable {
    static let node: NodeID = "video:S01-02#1"

    let entry: ProviderEntry
    let dialect: any FakeTaskDialect
    /// Credentials by variable name; their values must never show.
    let credentials: [String: String]
    /// What the base URL adds to the fake's (`/dream-machine/v1`).
    var basePath: String = ""
    var options: [String: String] = [:]
    var models: [ModelCapabilities] = []
    /// The take the scenarios run, and the prefix of its create request's path.
    var request = AdapterHarness.request(mode: .imageToVideo)
    let createPath: String

    var secrets: [String] { Array(credentials.values) }

    func config(_ fake: FakeTaskServer, credentials: [String: String]? = nil) -> ProviderConfig {
        ProviderConfig(id: entry.id, baseURL: fake.baseURL.appendingPathComponent(basePath),
                       credentials: (credentials ?? self.credentials).mapValues(Secret.init), options: options, models: models)
    }

    static func support(probe: Bool = false, requestTimeout: Double = 5) throws -> AdapterSupport {
        AdapterSupport(probe: probe ? MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()) : nil,
                       pollInterval: 0.01, requestTimeout: requestTimeout)
    }

    /// The adapter `entry.video` builds for `fake`.
    func adapter(_ fake: FakeTaskServer, probe: Bool = false, requestTimeout: Double = 5) throws -> any VideoGenerator {
        let make = try #require(entry.video)
        return try make(config(fake), try Self.support(probe: probe, requestTimeout: requestTimeout))
    }

    /// Runs `body` with a fresh fake, harness and adapter.
    func run(probe: Bool = false, requestTimeout: Double = 5,
             _ body: @Sendable (FakeTaskServer, AdapterHarness, any VideoGenerator) async throws -> Void) async throws {
        let dir = TemporaryDirectory("reel-task-adapter")
        defer { dir.remove() }
        try await FakeTaskServer.serving(dialect) { fake in
            let h = try AdapterHarness(dir: dir)
            try await body(fake, h, try adapter(fake, probe: probe, requestTimeout: requestTimeout))
        }
    }

    /// One take of `request` (with as many input images as it names).
    func take(_ h: AdapterHarness, _ adapter: any VideoGenerator, request: VideoRequest? = nil) async throws -> RunSummary {
        let request = request ?? self.request
        let inputs = try request.images.indices.map { try h.image($0) }
        return try await Self.take(h, adapter, request: request, inputs: inputs)
    }

    private static func take<G: VideoGenerator>(_ h: AdapterHarness, _ adapter: G, request: VideoRequest,
                                                inputs: [Asset]) async throws -> RunSummary {
        try await h.run(adapter, request: request, inputs: inputs)
    }

    /// The handle the journal holds for the take.
    static func handle(_ h: AdapterHarness) async -> ProviderHandle? {
        for (_, _, state) in await h.journal.log { if case .submitted(let handle) = state { return handle } }
        return nil
    }

    /// The idempotency key the journal gave the take.
    static func key(_ h: AdapterHarness) async -> String? { await h.journal.entries.values.first?.idempotencyKey }

    /// The creates the adapter sent.
    func creates(_ fake: FakeTaskServer) -> [RecordedRequest] { fake.requests("POST", createPath) }

    /// Nothing that shows (failures, the adapter's descriptions, the journal) holds a key.
    func expectNoSecret(_ h: AdapterHarness, _ summary: RunSummary, _ adapter: any VideoGenerator) async {
        var shown = summary.failures.values.map { "\($0) \($0.message)" }
        shown.append(String(describing: adapter))
        shown.append(String(reflecting: adapter))
        var dumped = ""
        dump(adapter, to: &dumped)
        shown.append(dumped)
        shown.append(String(describing: await h.journal.log.map { $0.state }))
        shown.append(String(describing: await h.journal.entries))
        for secret in secrets {
            #expect(!shown.contains { $0.contains(secret) }, "a key shows")
        }
    }
}
