import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// What the tests of the hosted adapters (Seedance, Wan, fal, Replicate, ComfyUI) share.
enum Hosted {
    static let node: NodeID = "video:S01-02#1"

    /// Adapter support for tests: real HTTP, quick polls, a probe when asked.
    static func support(requestTimeout: Double = 5, probe: Bool = true) throws -> AdapterSupport {
        AdapterSupport(transport: AsyncHTTPTransport(),
                       probe: probe ? MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()) : nil,
                       pollInterval: 0.01, requestTimeout: requestTimeout)
    }

    /// A config for provider `id` pointing at `baseURL`, whose catalog prices `model` at
    /// `perSecond` USD a second.
    static func config(_ id: ProviderID, baseURL: URL, credentials: [String: String], options: [String: String] = [:],
                       model: String, perSecond: String = "0.10") -> ProviderConfig {
        let price = Price(amount: Money(parsing: perSecond)!, per: .second, source: "test")
        return ProviderConfig(id: id, baseURL: baseURL, credentials: credentials.mapValues(Secret.init), options: options,
                              models: [ModelCapabilities(id: model, provider: id, price: price)])
    }

    /// Runs `body` with a fake server (stopped however `body` ends) and a harness in a
    /// temporary directory.
    static func with(_ core: FakeTaskCore, _ body: (AdapterHarness) async throws -> Void) async throws {
        let dir = TemporaryDirectory("reel-hosted")
        defer { dir.remove() }
        do {
            try await body(try AdapterHarness(dir: dir))
            try await core.stop()
        } catch {
            try? await core.stop()
            throw error
        }
    }

    /// Inputs for `mode`: as many stored PNGs as the harness's request names.
    static func inputs(_ h: AdapterHarness, _ mode: GenerationMode) throws -> [Asset] {
        switch mode {
        case .text: []
        case .imageToVideo: [try h.image(0)]
        case .firstLastFrame, .references: [try h.image(0), try h.image(1)]
        }
    }

    /// Everything the journal recorded, as text.
    static func journalText(_ h: AdapterHarness) async throws -> String {
        let states = await h.journal.log.map(\.state)
        return String(decoding: try JSONEncoder().encode(states), as: UTF8.self)
    }

    /// The handle the journal recorded first.
    static func handle(_ h: AdapterHarness) async -> ProviderHandle? {
        for state in await h.journal.log.map(\.state) { if case .submitted(let handle) = state { return handle } }
        return nil
    }

    /// `key` appears in no failure message, adapter description or dump, and not in the journal.
    static func expectNoSecret(_ key: String, adapter: Any, summary: RunSummary, h: AdapterHarness) async throws {
        for failure in summary.failures.values { #expect(!failure.message.contains(key)) ; #expect(!"\(failure)".contains(key)) }
        #expect(!String(describing: adapter).contains(key))
        var dump = ""
        Swift.dump(adapter, to: &dump)
        #expect(!dump.contains(key))
        #expect(!(try await journalText(h)).contains(key))
    }
}
