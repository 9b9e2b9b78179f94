import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ReelMedia
import ReelModel
import ReelSimulator
import ReelTesting
import Testing

/// A `reel generate` started in a terminal (on this machine, or any machine of a studio) is
/// stopped from the studio's run panel: it stops as its own Ctrl-C would, says who stopped
/// it, and the same command resumes it — what it had sent to the provider is polled, none
/// of it made twice.
@Suite struct StopElsewhereTests {
    /// Jobs long enough that the run is mid-way when it is stopped.
    static func config() -> SimulationConfig {
        SimulationConfig(latency: 2...2.5, concurrency: 2, seed: 9, render: .full)
    }

    // The provider's clock stands still until the stop: a stop that never lands would leave the
    // run waiting, so a limit turns that into a failure.
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func aRunStartedInATerminalIsStoppedFromTheStudioAndResumedWithoutPayingTwice(inStudio: Bool) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // The provider's time stands still until the run is stopped, so it is stopped mid-way
        // however slowly the stop travels on a busy machine; then it runs fast, for the resume.
        let clock = ManualClock()
        let sim = try await SimulatedProviderServer.start(config: Self.config(), clock: clock.reading)
        let env = StudioWorkersCLITests.environment(dir, sim: sim, studio: inStudio ? try await TestPostgres.freshDatabase() : nil)
        let projects = dir.file("projects")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        let script = try dir.write("night.fountain", KillResumeTests.script)
        let root = projects.appendingPathComponent("night")
        let made = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        try #require(made.status == 0, "\(made.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let plan = try await ReelBinary.run(["plan", "--json"], environment: env, directory: root)
        let planned = try JSONDecoder().decode(KillResumeTests.PlanShots.self, from: plan.stdout).shots.count

        let (server, port) = try await StudioWorkersCLITests.serve(env: env, projects: projects)
        defer { server.kill() }
        let log = dir.file("generate.log")
        let generate = try ReelBinary.start(["generate", "--quiet"], environment: env, directory: root, stderr: log)
        // Both of the provider's slots taken: jobs to poll, and jobs not started yet.
        while generate.isRunning, sim.counters.createdJobs < 2 { try await Task.sleep(for: .milliseconds(5)) }
        let panel = try await StudioWorkersCLITests.get(["projects", "night", "run"], port: port)
        #expect((panel["elsewhere"] as? String)?.contains("reel generate") == true, "the panel names the run: \(panel)")

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/projects/night/run")!)
        request.httpMethod = "DELETE"
        let (data, response) = try await URLSession.shared.data(for: request)
        let answer = String(decoding: data, as: UTF8.self)
        #expect((response as? HTTPURLResponse)?.statusCode == 202, "\(answer)")
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(run["id"] as? Int == 0 && run["state"] as? String == "stopping", "\(answer)")
        #expect((run["command"] as? String)?.contains("reel generate") == true, "\(answer)")

        let status = await generate.wait()
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == ReelError.Code.temporary.exitStatus, "stopped, not failed or killed: \(status) \(said)")
        #expect(said.contains("stopped (asked by") && said.contains("from the studio"), "it says who stopped it: \(said)")
        #expect(said.contains("`reel generate` resumes it"), "\(said)")
        // Mid-way: jobs sent and none finished (a run handing jobs to a studio's queue may
        // have sent them all by then), so resuming has jobs to poll.
        let fetched = sim.counters.completedDownloads
        #expect(fetched < planned, "stopped mid-way: \(fetched) of \(planned) results fetched")
        let after = try await StudioWorkersCLITests.get(["projects", "night", "run"], port: port)
        #expect(after["elsewhere"] == nil, "nobody holds the project once it stopped: \(after)")

        // The same command resumes it: the jobs it had sent are polled, none is made twice.
        let ticking = Task {
            while !Task.isCancelled {
                clock.advance(by: 0.5)
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        defer { ticking.cancel() }
        let again = try await ReelBinary.run(["generate", "--quiet"], environment: env, directory: root)
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(sim.counters.createdJobs == planned, "\(sim.counters.createdJobs) jobs made for \(planned) shots")
        #expect(sim.counters.duplicatedKeys.isEmpty)
        server.terminate()
        #expect(await server.wait() == 0)
        try await sim.stop()
    }
}
