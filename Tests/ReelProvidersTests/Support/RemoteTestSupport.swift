import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting

/// ffprobe, for adapters that measure what they store.
func testProbe() throws -> MediaProbe { MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()) }

/// Support for adapters under test: the live transport, short timeouts, quick polls.
func testSupport(requestTimeout: Double = 10, probe: Bool = true) throws -> AdapterSupport {
    AdapterSupport(probe: probe ? try testProbe() : nil, pollInterval: 0.01, requestTimeout: requestTimeout)
}

/// A catalog entry with a price, as a ProviderConfig carries it.
func priced(_ id: String, _ provider: ProviderID, micros: Int64, per unit: Price.Unit,
            medium: ProviderDescriptor.Medium = .video) -> ModelCapabilities {
    ModelCapabilities(id: id, provider: provider, medium: medium, price: Price(amount: Money(micros: micros), per: unit))
}

/// Runs `body` with a fresh harness in a temporary directory.
func withHarness<T: Sendable>(_ body: (AdapterHarness) async throws -> T) async throws -> T {
    let dir = TemporaryDirectory("reel-remote")
    defer { dir.remove() }
    return try await body(try AdapterHarness(dir: dir))
}

/// Everything the journal holds, as text, to look for secrets in.
func journalText(_ h: AdapterHarness) async -> String {
    String(describing: await h.journal.log.map(\.state))
}

/// A line of dialogue for speech adapters.
func speechRequest(_ text: String = "I kept every letter.", language: Language = .english,
                   voice: Voice = Voice(gender: .female, variant: 1), speaker: String = "MAYA") -> SpeechRequest {
    SpeechRequest(text: text, language: language, voice: voice, speaker: speaker)
}

/// A still for image adapters.
func imageRequest(width: Int = 720, height: Int = 1280) -> ImageRequest {
    let brief = AdapterHarness.request().brief
    return ImageRequest(prompt: "Maya at the kitchen table, night, a letter in her hand.", brief: brief, width: width,
                        height: height, seed: 7, slug: "S01-02 · MS", caption: true)
}

/// A fake vendor server a test starts and must stop.
protocol StoppableFake: Sendable { func stop() async throws }
extension OpenAIFakeServer: StoppableFake {}
extension VeoFakeServer: StoppableFake {}
extension ElevenLabsFakeServer: StoppableFake {}
extension FakeTaskServer: StoppableFake {}

/// Runs `body` with `fake` and a fresh harness, and stops the fake however `body` ends.
func withVendorFake<F: StoppableFake, T: Sendable>(_ fake: F, _ body: (F, AdapterHarness) async throws -> T) async throws -> T {
    do {
        let result = try await withHarness { try await body(fake, $0) }
        try await fake.stop()
        return result
    } catch {
        try? await fake.stop()
        throw error
    }
}

/// Runs `body` with MiniMax's fake (video, speech and music on one host and key) and a fresh harness.
func withMiniMaxFake<T: Sendable>(_ body: (FakeTaskServer, AdapterHarness) async throws -> T) async throws -> T {
    try await withVendorFake(try await FakeTaskServer.start(MiniMaxFakeServer()), body)
}
