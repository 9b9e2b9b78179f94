import Foundation
import ReelMedia
import ReelTesting
import Testing

/// After a `reel make` is killed mid-run, `reel status` tells you to run `reel make` again
/// (the command that was interrupted), not `reel generate`.
@Suite struct InterruptedStatusTests {
    static let script = "Title: Cut Short\n\nINT. HALL - NIGHT\n\nA door opens.\n\nA lamp flickers.\n\nFootsteps.\n"

    @Test func statusNamesTheInterruptedCommand() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // Jobs take long enough that the kill lands while they are in flight.
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 30...30, concurrency: 4, seed: 4,
                                                                                   render: .cheap))
        let script = try dir.write("cut.fountain", Self.script)
        let env = ["REEL_HOME": dir.file("home").path, "SIM_API_KEY": sim.apiKey, "REEL_SIM_BASE_URL": sim.baseURL.absoluteString,
                   "REEL_POLL_INTERVAL": "0.05", "REEL_CONFIG_DIR": dir.file("config").path]
        let root = dir.file("cut")
        let created = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(created.status == 0, "\(created.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .write(to: yaml, atomically: true, encoding: .utf8)

        let run = try ReelBinary.start(["make", "--quiet"], environment: env, directory: root)
        while run.isRunning, sim.counters.createdJobs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        // The provider has the job; give the journal the moment it takes to record it.
        while run.isRunning, sim.counters.pollRequests == 0 { try await Task.sleep(for: .milliseconds(5)) }
        run.kill()
        _ = await run.wait()

        let status = try await ReelBinary.run(["status"], environment: env, directory: root)
        #expect(status.status == 0, "\(status.stderrText)")
        #expect(status.stdoutText.contains("interrupted (run `reel make` again to resume them;"), "\(status.stdoutText)")
        #expect(!status.stdoutText.contains("reel generate"), "\(status.stdoutText)")
        try await sim.stop()
    }
}
