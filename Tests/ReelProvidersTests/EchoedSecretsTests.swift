import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// A provider that repeats the key it received ("Invalid credentials (received <key>)") in
/// its errors, its business errors and its headers: for every adapter in the directory, the
/// key — and any token made from it, such as Kling's JWT — shows nowhere: not in a thrown
/// error, not in `providers test`'s answer, not in the journal, not in a run event.
@Suite struct EchoedSecretsTests {
    static let modes: [EchoingFakeServer.Mode] = [.status(401), .status(400), .status(500), .business]

    /// A value per credential, unlike any shape ``Redaction`` recognises.
    static func config(_ entry: ProviderEntry, _ fake: EchoingFakeServer) -> ProviderConfig {
        var credentials: [String: Secret] = [:]
        for name in entry.credentials + entry.optionalCredentials {
            credentials[name] = Secret("Zq\(entry.id.rawValue.count)x-\(name.lowercased())-7fH2kP9w")
        }
        return ProviderConfig(id: entry.id, baseURL: fake.baseURL, credentials: credentials)
    }

    @Test(arguments: ProviderDirectory.all.map(\.id.rawValue), modes)
    func anEchoedKeyShowsNowhere(provider: String, mode: EchoingFakeServer.Mode) async throws {
        let entry = try #require(ProviderDirectory.entry(ProviderID(provider)))
        let dir = TemporaryDirectory("reel-echo")
        defer { dir.remove() }
        try await EchoingFakeServer.serving(mode) { fake in
            let config = Self.config(entry, fake)
            let support = AdapterSupport(probe: nil, pollInterval: 0.01, requestTimeout: 5)
            let h = try AdapterHarness(dir: dir)
            var shown: [String] = []
            do {
                shown.append(try await entry.check(config, support))
            } catch {
                shown += ["\(error)", String(reflecting: error)]
            }
            if let make = entry.video { shown += try await Self.take(try make(config, support), h) }
            if let make = entry.image { shown += try await Self.still(try make(config, support), h) }
            if let make = entry.speech { shown += try await Self.line(try make(config, support), h) }
            if let make = entry.effects { shown += try await Self.effect(try make(config, support), h) }
            if let make = entry.text {
                do {
                    let chat = ChatRequest(model: "default", messages: [ChatMessage(.user, "A shot list, please.")])
                    shown.append("\(try await make(config, support).complete(chat))")
                } catch {
                    shown += ["\(error)", String(reflecting: error)]
                }
            }
            shown.append(String(describing: await h.journal.log.map(\.state)))
            shown.append(String(describing: await h.journal.entries))

            #expect(!fake.server.requests.isEmpty, "\(provider) never reached the fake")
            // The configured values, and what travelled as a credential (a JWT is long).
            let secrets = Set(config.credentials.values.map { $0.reveal() }).union(fake.received.filter { $0.count >= 20 })
            // A long token cut short by a message's length limit still leaks its start.
            for secret in secrets.union(secrets.filter { $0.count > 48 }.map { String($0.prefix(48)) }) {
                let leaks = shown.filter { $0.contains(secret) }
                #expect(leaks.isEmpty, "\(provider), \(mode): \(secret) shows in \(leaks.first ?? "")")
            }
            if mode == .status(401), !config.credentials.isEmpty {
                // The echo did reach a message, so a leak would have shown.
                #expect(shown.contains { $0.contains(SecretScrubber.mask) }, "\(provider) never said what the provider said")
            }
        }
    }

    static func take<G: VideoGenerator>(_ adapter: G, _ h: AdapterHarness) async throws -> [String] {
        try await run(adapter, request: AdapterHarness.request(mode: .text), kind: .video, h)
    }

    static func still<G: ImageGenerator>(_ adapter: G, _ h: AdapterHarness) async throws -> [String] {
        let request = ImageRequest(prompt: "Maya at the kitchen table.", brief: AdapterHarness.request().brief, width: 720,
                                   height: 1280, seed: 7, slug: "S01-02 · MS", caption: true)
        return try await run(adapter, request: request, kind: .image, h)
    }

    static func line<G: SpeechGenerator>(_ adapter: G, _ h: AdapterHarness) async throws -> [String] {
        let request = SpeechRequest(text: "I kept every letter.", language: .english, voice: Voice(gender: .female, variant: 1),
                                    speaker: "MAYA")
        return try await run(adapter, request: request, kind: .speech, h)
    }

    static func effect<G: SoundEffectGenerator>(_ adapter: G, _ h: AdapterHarness) async throws -> [String] {
        try await run(adapter, request: SoundEffectRequest(effect: .rain, duration: .seconds(12), seed: 7), kind: .effect, h)
    }

    /// One job through the executor; what it shows: the summary's failures and every event.
    static func run<G: Generator>(_ adapter: G, request: G.Request, kind: NodeKind, _ h: AdapterHarness) async throws -> [String] {
        var runners = RunnerRegistry()
        runners.register(GenerationRunner(adapter, sleeper: PollLimit()), kind: kind, provider: adapter.descriptor.id)
        let executor = Executor(runners: runners, journal: h.journal, blobs: h.blobs,
                                options: ExecutorOptions(retry: RetryPolicy(maxAttempts: 2, maxRateLimitedAttempts: 2)),
                                sleeper: h.sleeper)
        let (events, sink) = AsyncStream.makeStream(of: RunEvent.self)
        let summary = try await executor.run(try h.graph(adapter, request: request, kind: kind), events: sink)
        sink.finish()
        var shown = [String(describing: summary.failures), String(describing: summary.outputs)]
        for await event in events { shown.append(String(describing: event)) }
        return shown
    }
}

/// Polls return at once; a job still running after a few polls times out (a provider
/// whose echo reads as "still working" must not keep a test polling for half an hour).
actor PollLimit: Sleeper {
    private var polls = 0
    func sleep(seconds: Double) async throws {
        polls += 1
        if polls > 5 { throw JobFailure(.timedOut, "still running after \(polls - 1) polls") }
        await Task.yield()
    }
}
