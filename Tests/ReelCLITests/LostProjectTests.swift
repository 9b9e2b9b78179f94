import Foundation
import ReelMedia
import ReelTesting
import Testing

/// The project folder deleted while `reel generate` runs against a provider: the run stops
/// at the first job that has nowhere to put its file, with one error that says the folder
/// is gone, instead of making (and paying for) every take and ending on a misleading error.
@Suite struct LostProjectTests {
    static let script = """
    Title: Lost

    INT. HALL - NIGHT

    A door opens.

    A lamp flickers.

    Footsteps.

    EXT. YARD - NIGHT

    Rain on the gravel.

    A dog barks.

    A gate swings shut.

    """

    @Test func deletingTheProjectMidRunStopsTheRunWithOneClearError() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // Each job takes a second: the folder is gone before the first one is done.
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 1...1, concurrency: 2, seed: 3,
                                                                                   render: .cheap))
        let script = try dir.write("lost.fountain", Self.script)
        let env = ["REEL_HOME": dir.file("home").path, "SIM_API_KEY": sim.apiKey, "REEL_SIM_BASE_URL": sim.baseURL.absoluteString,
                   "REEL_POLL_INTERVAL": "0.05", "REEL_CONFIG_DIR": dir.file("config").path]
        let root = dir.file("lost")
        let created = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(created.status == 0, "\(created.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let planned = try await ReelBinary.run(["plan", "--json"], environment: env, directory: root)
        let shots = try #require(JSONSerialization.jsonObject(with: planned.stdout) as? [String: Any])["shots"] as? [Any]
        #expect((shots?.count ?? 0) >= 5)

        let log = dir.file("generate.log")
        let run = try ReelBinary.start(["generate"], environment: env, directory: root, stderr: log)
        while run.isRunning, sim.counters.createdJobs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        // Moved away in one step, then deleted: `rm -rf` takes the folder apart file by file,
        // and a run that looks in between finds the project there without its .reel (and says so).
        let trash = dir.file("trash")
        try FileManager.default.moveItem(at: root, to: trash)
        try FileManager.default.removeItem(at: trash)
        let status = await run.wait()
        let said = try String(contentsOf: log, encoding: .utf8)

        #expect(status == 73, "\(said)")
        #expect(said.contains("reel: error: \(root.path): the project folder was deleted or moved while `reel generate` ran"), "\(said)")
        #expect(said.contains("  → put the folder back"), "\(said)")
        #expect(said.components(separatedBy: "reel: error:").count == 2, "one error, not one per job: \(said)")
        #expect(!said.contains("reel doctor"), "\(said)")
        #expect(!said.contains("FAILED"), "the run went on failing job after job: \(said)")
        try await sim.stop()
    }
}
