import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// SIGKILL a real `reel make` again and again, at many points of its run, against the
/// simulated provider; run it again each time. Nothing made is lost, nothing is made twice
/// on the provider's side, and the film is the film an uninterrupted run makes.
@Suite struct KillResumeTests {
    static let script = """
    Title: Kill Test

    INT. SIGNAL BOX - NIGHT

    Rain on the windows. A lamp swings.

    MAYA
    Is the last train still coming?

    OLD TOM
    It always comes.

    EXT. PLATFORM - NIGHT

    Headlights cut through the rain.

    """

    /// A project on the simulated provider, in its own directory.
    func project(_ dir: TemporaryDirectory, name: String, sim: SimulatedProviderServer) async throws -> (URL, [String: String]) {
        let script = try dir.write("\(name).fountain", Self.script)
        let env = ["REEL_HOME": dir.file("home-\(name)").path, "SIM_API_KEY": sim.apiKey,
                   "REEL_SIM_BASE_URL": sim.baseURL.absoluteString, "REEL_POLL_INTERVAL": "0.05",
                   "REEL_CONFIG_DIR": dir.file("config").path]
        let root = dir.file(name)
        let initialized = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(initialized.status == 0, "\(initialized.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "provider: animatic", with: "provider: sim")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        return (root, env)
    }

    static func config() -> SimulationConfig {
        SimulationConfig(latency: 0.2...0.6, concurrency: 2, seed: 5, render: .full)
    }

    @Test func killedAnywhereAndRunAgainLosesNothingAndPaysOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: Self.config())
        let (root, env) = try await project(dir, name: "killed", sim: sim)
        let film = root.appendingPathComponent("renders/film.mp4")

        var kills = 0
        var attempt = 0
        var status: Int32 = -1
        while status != 0 && attempt < 80 {
            let log = dir.file("attempt-\(attempt).log")
            let run = try ReelBinary.start(["make", "--out", film.path, "--quiet"], environment: env, directory: root, stderr: log)
            let delay = Duration.milliseconds(200 + 90 * attempt)
            if attempt % 2 == 0 {
                // Killed after a while: during planning, polling, downloading, rendering or the cut.
                try await Task.sleep(for: delay)
            } else {
                // Killed the moment the provider sees a create or a download (between the
                // provider accepting work and the journal recording it), or after a while
                // once there is nothing left to ask the provider.
                let before = sim.counters
                let deadline = ContinuousClock.now + delay
                while run.isRunning, ContinuousClock.now < deadline,
                      sim.counters.createRequests == before.createRequests, sim.counters.downloads == before.downloads {
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
            if run.isRunning {
                run.kill()
                kills += 1
            }
            status = await run.wait()
            if status != 0 && status != 128 + SIGKILL {
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                Issue.record("reel make exited with \(status) without being killed: \(said)")
            }
            attempt += 1
        }
        #expect(status == 0, "reel make never finished after \(attempt) attempts")
        #expect(kills >= 6, "only \(kills) runs were killed mid-way")

        let shots = try await ReelBinary.run(["plan", "--json"], environment: env, directory: root)
        let planned = try JSONDecoder().decode(PlanShots.self, from: shots.stdout).shots.count
        let counters = sim.counters
        #expect(counters.createdJobs == planned, "\(counters.createdJobs) jobs made for \(planned) shots")
        #expect(counters.duplicatedKeys.isEmpty)
        #expect(counters.completedDownloads >= planned)

        // The same project, never interrupted, on a fresh provider: the same film, byte for byte.
        let fresh = try await SimulatedProviderServer.start(config: Self.config())
        let (reference, refEnv) = try await project(dir, name: "calm", sim: fresh)
        let refFilm = reference.appendingPathComponent("renders/film.mp4")
        let calm = try await ReelBinary.run(["make", "--out", refFilm.path, "--quiet"], environment: refEnv, directory: reference)
        #expect(calm.status == 0, "\(calm.stderrText)")
        #expect(fresh.counters.createdJobs == planned)
        #expect(try Data(contentsOf: film) == Data(contentsOf: refFilm), "the killed-and-resumed film differs from the calm one")
        try await fresh.stop()
        try await sim.stop()
    }

    struct PlanShots: Decodable {
        struct Shot: Decodable { let id: String }
        let shots: [Shot]
    }
}
