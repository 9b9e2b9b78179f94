import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// A project on a remote provider (the simulated one, over loopback), configured the way
/// a user configures a real one: a key in the environment, a base URL override, routing in
/// reel.yaml.
@Suite(.serialized) struct RemoteProductionTests {
    func production(_ dir: TemporaryDirectory, yaml: String) throws -> Production {
        let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
        let project = try Project.create(at: dir.file("film"), script: script,
                                         format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
        let file = project.directory.appendingPathComponent("reel.yaml")
        // Only the settings each test is about, beside the script and the format.
        let kept = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("script:") || $0.hasPrefix("format:") || $0.hasPrefix("  aspect") || $0.hasPrefix("  size")
                || $0.hasPrefix("  fps") }
        try (kept.joined(separator: "\n") + "\n" + yaml).write(to: file, atomically: true, encoding: .utf8)
        return try Production.open(try Project.find(project.directory), lockFor: "test")
    }

    /// The film's machine-readable AI-content record (the `AIGC` metadata field).
    static func aigcRecord(_ film: URL) async throws -> String {
        try await LocalProcessRunner().run(try Toolchain.discover().requireFFprobe(),
                                           ["-v", "error", "-show_entries", "format_tags=AIGC", "-of", "default=nw=1",
                                            film.path]).stdoutText
    }

    func studio(_ sim: SimulatedProviderServer, _ dir: TemporaryDirectory) -> Studio {
        var env = ProcessInfo.processInfo.environment
        env["SIM_API_KEY"] = sim.apiKey
        env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["REEL_POLL_INTERVAL"] = "0.01"
        return Studio(environment: env, sleeper: RecordingSleeper())
    }

    @Test func shotsAreSplitBetweenTheRemoteModelAndTheAnimaticAndTheFilmIsLabelled() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 2))
        sim.scriptNext(.brokenClip(.black), on: .create)
        let production = try production(dir, yaml: "provider: auto\nrouting:\n  shots: { S01-01: animatic }\n")
        defer { production.close() }
        let studio = studio(sim, dir)
        let film = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(film.sources["S01-01"] == "S01-01#1")
        let takes = try await studio.takes(production, shot: "S01-01") + studio.takes(production, shot: "S01-02")
        #expect(takes.map(\.provider).sorted() == ["animatic", "sim"])
        let remote = try #require(takes.first { $0.provider == "sim" })
        #expect(remote.model == "sim-1")
        // Every model's take is made and checked before the cut, like one `generate` makes; the
        // first is black, so the animatic stands in for it, and the film says so. The
        // animatic's take is not checked.
        var all: [TakeReport] = []
        for shot in film.storyboard.shots { all += try await studio.takes(production, shot: shot.id) }
        let models = all.filter { $0.provider == "sim" }
        #expect(Set(film.verdicts.keys.map(\.rawValue)) == Set(models.map(\.take)))
        #expect(all.first { $0.provider == "animatic" }?.verdict == nil)
        let black = models.filter { $0.verdict?.passed == false }
        #expect(black.count == 1 && black.first?.verdict?.summary.contains("black") == true, "\(models.map(\.verdict))")
        #expect(models.filter { $0.verdict?.passed == true }.count == models.count - 1)
        let broken = try #require(black.first)
        let shot = ShotID(String(broken.take.prefix { $0 != "#" }))
        #expect(film.sources[shot] == "animatic")
        let said = "\(shot): \(broken.take) failed its quality check"
        #expect(film.warnings.contains { $0.hasPrefix(said) && $0.contains("the animatic stands in")
                    && $0.contains("reel pick \(shot) \(broken.number)") }, "\(film.warnings)")
        #expect(models.allSatisfy { film.summary.outputs[NodeID("check:\($0.take)")] != nil } && film.summary.outputs["film"] != nil,
                "the takes' step and the film's, told as one")
        // Each shot's take 1 is sent a seed of its own (the bytes the provider received).
        let seeds = try sim.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/generations") }.map { request in
            try #require((try JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["seed"] as? String)
        }
        #expect(seeds.count == models.count && Set(seeds).count == seeds.count, "\(seeds)")
        // The seed sent is the take's own, to the last digit (a seed past Int64 came back rounded).
        let takeSeeds = try await Set(production.repository.takes(of: nil).filter { $0.provider == "sim" }.map { String($0.seed) })
        #expect(Set(seeds) == takeSeeds, "\(seeds) \(takeSeeds)")
        // Making again pays for nothing (another attempt at the failed shot is the user's
        // call), and neither that nor a render cuts the failed take in.
        let again = try await studio.film(production, output: dir.file("cut2.mp4"), makeMissing: true)
        let render = try await studio.film(production, output: dir.file("cut3.mp4"), makeMissing: false)
        #expect(sim.counters.createRequests == seeds.count)
        for cut in [again, render] {
            #expect(cut.sources[shot] == "animatic" && cut.warnings.contains { $0.hasPrefix(said) })
            #expect(cut.verdicts.isEmpty && cut.summary.ran == 0)
        }
        #expect(remote.cost != nil && remote.cost! > Money.zero(), "\(remote)")
        let shots = film.storyboard.shots.count
        #expect(sim.counters.createdJobs == shots - 1)
        let media = try await MediaProbe(ffprobe: Toolchain.discover().requireFFprobe()).probe(film.film)
        #expect(media.frameCount == film.frames)
        // A film with a generated shot carries the AIGC record.
        #expect(try await Self.aigcRecord(film.film).contains("\"Label\":\"1\""))
        try await sim.stop()
    }

    @Test func aProviderThatMisbehavesStillMakesEveryTakeOnceAndNothingBrokenIsKept() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let faults = FaultPlan(rateLimit: 0.25, retryAfter: 3, serverErrorOnCreate: 0.1, serverErrorOnPoll: 0.15,
                               expiredLink: 0.1, truncatedDownload: 0.35, malformedJSON: 0.1)
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 10, faults: faults,
                                                                                   render: .cheap))
        sim.scriptNext(.truncatedDownload, on: .download)
        let production = try production(dir, yaml: "provider: sim\nlimits: { sim: 3 }\n")
        defer { production.close() }
        let studio = studio(sim, dir)
        let result = try await studio.generate(production, GenerateRequest(takes: 2))
        let summary = try #require(result.summary)
        #expect(summary.succeeded, "\(summary.failures)")
        var takes: [TakeReport] = []
        for shot in result.storyboard.shots { takes += try await studio.takes(production, shot: shot.id) }
        #expect(takes.count == result.storyboard.shots.count * 2)
        #expect(takes.allSatisfy { $0.state == "succeeded" })
        let counters = sim.counters
        #expect(counters.duplicatedKeys.isEmpty)
        #expect(counters.faults["rate-limited", default: 0] > 0)
        #expect(counters.faults["truncated-download", default: 0] > 0, "\(counters)")
        // Every created job was either kept or expired (and made again under a new key).
        #expect(counters.createdJobs == takes.count + counters.faults["expired-link", default: 0])
        // Every stored file is whole: its bytes hash to its name.
        for take in takes {
            let path = try #require(take.output)
            let (digest, _) = try Hashing.sha256(fileAt: URL(fileURLWithPath: path))
            #expect(path.contains(digest.rawValue))
        }
        // Waits: what the provider asked for on every 429 (plus at most 10% jitter).
        let waits = await (studio.sleeper as! RecordingSleeper).waits
        #expect(waits.filter { (3.0..<3.31).contains($0) }.count >= counters.faults["rate-limited", default: 0])
        // The second run has nothing to do and calls nobody.
        let before = sim.counters.createRequests
        let again = try await studio.generate(production, GenerateRequest(takes: 2))
        #expect(again.added.isEmpty && again.summary?.ran == 0)
        #expect(sim.counters.createRequests == before)
        try await sim.stop()
    }

    @Test func anUnconfiguredProviderIsAClearErrorAndNoKeyIsEverShown() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir, yaml: "provider: kling\n")
        defer { production.close() }
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["KLING_ACCESS_KEY"] = nil
        env["KLING_SECRET_KEY"] = nil
        let error = await #expect(throws: ReelError.self) {
            try await Studio(environment: env).generate(production, GenerateRequest())
        }
        #expect(error?.message.contains("KLING_ACCESS_KEY") == true)
        env["KLING_ACCESS_KEY"] = "ak-very-secret-123"
        env["KLING_SECRET_KEY"] = "sk-very-secret-456"
        let report = try Studio(environment: env).providersReport(config: production.config, projectDirectory: nil)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(report.providers.first { $0.id == "kling" }?.configured == true)
        #expect(!json.contains("very-secret"))
    }

    @Test func voicesCanComeFromASpeechProvider() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let eleven = try await ElevenLabsFakeServer.start()
        let production = try production(dir, yaml: "voices: elevenlabs\n")
        defer { production.close() }
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["ELEVENLABS_API_KEY"] = eleven.apiKey
        env["REEL_ELEVENLABS_BASE_URL"] = eleven.baseURL.absoluteString
        let film = try await Studio(environment: env).film(production, output: dir.file("cut.mp4"), makeMissing: true)
        let lines = film.storyboard.shots.reduce(0) { $0 + $1.dialogue.count }
        let spoken = eleven.requests.filter { $0.method == "POST" && $0.path.contains("text-to-speech") }
        #expect(spoken.count == lines)
        #expect(!spoken.isEmpty)
        let media = try await MediaProbe(ffprobe: Toolchain.discover().requireFFprobe()).probe(film.film)
        #expect(media.frameCount == film.frames)
        // Synthetic voices are AI content too: the film carries the AIGC record.
        #expect(try await Self.aigcRecord(film.film).contains("\"Label\":\"1\""))
        try await eleven.stop()

        // Without its key, the same project says what is missing before anything runs.
        env["ELEVENLABS_API_KEY"] = nil
        await #expect(throws: ReelError.self) {
            try await Studio(environment: env).film(production, output: dir.file("cut2.mp4"), makeMissing: true)
        }
    }
}
