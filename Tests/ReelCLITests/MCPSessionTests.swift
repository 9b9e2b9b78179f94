import Foundation
import ReelMedia
import ReelModel
import ReelSimulator
import ReelStudio
import ReelTesting
import Testing

/// `reel mcp` as an agent meets it: the `mcp` client from PyPI starts the built binary and
/// talks to it over stdio (scripts/mcp-session), making a film on the simulated provider;
/// then the project and the provider are checked for what the session said it did.
@Suite(.enabled(if: PythonOracle.has("mcp"), "the mcp client is not installed (scripts/bootstrap --test installs it)"))
struct MCPSessionTests {
    @Test func anAgentPlansEstimatesGeneratesPicksAndRenders() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0.05...0.1, concurrency: 2, seed: 7))
        defer { Task { try? await sim.stop() } }
        let env = ["REEL_HOME": dir.file("home").path, "SIM_API_KEY": sim.apiKey, "REEL_SIM_BASE_URL": sim.baseURL.absoluteString,
                   "REEL_POLL_INTERVAL": "0.05", "REEL_CONFIG_DIR": dir.file("config").path]
        let script = try dir.write("night-train.fountain", FixtureScripts.twoRooms)
        let root = dir.file("films/night-train")
        let made = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        try #require(made.status == 0, "\(made.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .write(to: yaml, atomically: true, encoding: .utf8)

        let session = ReelBinary.packageRoot.appendingPathComponent("scripts/mcp-session")
        let result = try await LocalProcessRunner().run("/usr/bin/env", env.map { "\($0)=\($1)" }.sorted()
            + ["python3", session.path, ReelBinary.url.path, dir.file("films").path, "night-train", "S01-01"])
        try #require(result.status == 0, "\(result.stderrTail(20))")
        let found = try JSONDecoder().decode(Found.self, from: Data(result.stdoutText.utf8))

        // The provider was asked for exactly the two confirmed takes: the refused generate sent nothing.
        #expect(sim.counters.createdJobs == 2)
        let creates = sim.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/generations") }
        #expect(creates.count == 2)
        #expect(creates.allSatisfy { String(decoding: $0.body, as: UTF8.self).localizedCaseInsensitiveContains("push") },
                "the takes follow the edit made over MCP (push-in)")
        #expect(found.added == ["S01-01#1", "S01-01#2"])
        #expect(found.progress >= 2, "progress was reported as the takes were made")

        // What a person sees afterwards in the project is what the agent did.
        let production = try Production.open(try Project.find(root), lockFor: nil)
        defer { production.close() }
        let shot = try await Studio().shot(production, id: "S01-01")
        #expect(shot.takes.first { $0.picked }?.number == 2)
        #expect(shot.shot.duration.seconds == 3)
        let notes = try await Studio().notes(production, shot: "S01-01")
        #expect(notes.map(\.text) == ["her umbrella should be red"])
        #expect(notes.first?.box == NoteBox(x: 0.1, y: 0.2, width: 0.3, height: 0.3))
        #expect(FileManager.default.fileExists(atPath: found.film))
        let probe = try await MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()).probe(URL(fileURLWithPath: found.film))
        #expect(probe.width == 480 && probe.videoCodec == "h264")
        #expect(FileManager.default.fileExists(atPath: found.otio))
        #expect(found.picked == 1)
        #expect(found.song == "末班车" && production.config.song?.title == "末班车", "the song set over MCP is the project's")
        #expect(found.music == 2 && production.config.sceneMusic["1"] == SceneMusic(prompt: "lonely cello", mood: .sad, takes: 2, pick: 2),
                "the scene's music asked and picked over MCP is the project's")
    }

    struct Found: Decodable {
        var added: [String]
        var progress: Int
        var film: String
        var otio: String
        var picked: Int
        var protocolVersion: String
        var song: String
        var music: Int

        enum CodingKeys: String, CodingKey { case added, progress, film, otio, picked, song, music, protocolVersion = "protocol" }
    }
}
