import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ReelEngine
import ReelMedia
import ReelModel
import ReelSimulator
import ReelTesting
import Synchronization
import Testing

/// `reel worker` processes sharing a studio's jobs, killed and restarted, against a real
/// PostgreSQL and the simulated provider: every take made once on the provider's side, no
/// job left held by a dead worker, the film byte for byte the one a single process makes.
/// Each test has a studio database of its own, so no other test's run hands it jobs.
@Suite struct StudioWorkersCLITests {
    static let script = KillResumeTests.script + """

    INT. WAITING ROOM - NIGHT

    A clock ticks over an empty bench.

    MAYA
    Twelve minutes late.

    OLD TOM
    Thirteen. It likes to keep us guessing.

    EXT. TRACKS - NIGHT

    A light grows in the fog. The rails sing.

    MAYA
    There.

    """

    static func config() -> SimulationConfig { KillResumeTests.config() }

    /// The environment of a studio's machine (`studio` nil: a single machine on SQLite).
    static func environment(_ dir: TemporaryDirectory, sim: SimulatedProviderServer, studio: String?) -> [String: String] {
        var env = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path, "SIM_API_KEY": sim.apiKey,
                   "REEL_SIM_BASE_URL": sim.baseURL.absoluteString, "REEL_POLL_INTERVAL": "0.05"]
        if let studio {
            env["REEL_DATABASE"] = studio
            env["REEL_MEDIA"] = dir.file("shared-media").path
        }
        return env
    }

    /// A project on the simulated provider.
    static func project(_ dir: TemporaryDirectory, name: String, env: [String: String]) async throws -> URL {
        let script = try dir.write("\(name).fountain", Self.script)
        let root = dir.file(name)
        let made = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(made.status == 0, "\(made.stderrText)")
        let yaml = root.appendingPathComponent("reel.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        return root
    }

    /// Workers as child processes, each line they print an event.
    final class Crew: Sendable {
        let env: [String: String]
        let lease: String
        let running = Mutex<[Int: RunningReel]>([:])
        let events: AsyncStream<(worker: Int, line: String)>
        let sink: AsyncStream<(worker: Int, line: String)>.Continuation

        init(env: [String: String], lease: Double) {
            self.env = env
            self.lease = String(lease)
            (events, sink) = AsyncStream.makeStream(of: (worker: Int, line: String).self)
        }

        /// A test that stopped early (a failed requirement) leaves no worker behind.
        deinit { running.withLock { $0.values.forEach { $0.kill() } } }

        /// Starts worker `n` (again, after it was killed).
        func start(_ n: Int, log: URL) throws {
            let sink = self.sink
            let worker = try ReelBinary.start(["worker", "--name", "w\(n)", "--lease", lease, "--slots", "2"], environment: env,
                                              stderr: log, lines: { sink.yield((n, $0)) })
            running.withLock { $0[n] = worker }
        }

        func kill(_ n: Int) async -> Int32 {
            guard let worker = running.withLock({ $0.removeValue(forKey: n) }) else { return -1 }
            worker.kill()
            return await worker.wait()
        }

        /// Stops every worker as a service manager does; their exit statuses.
        func stopAll() async -> [Int32] {
            let all = running.withLock { running in
                defer { running = [:] }
                return Array(running.values)
            }
            var statuses: [Int32] = []
            for worker in all {
                worker.terminate()
                statuses.append(await worker.wait())
            }
            sink.finish()
            return statuses
        }
    }

    @Test func workersKilledAtTwentyMomentsMakeEveryTakeOnceAndTheFilmOfOneProcess() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: Self.config())
        let studio = try await TestPostgres.freshDatabase()
        let env = Self.environment(dir, sim: sim, studio: studio)
        let root = try await Self.project(dir, name: "crew", env: env)
        let film = root.appendingPathComponent("renders/film.mp4")
        let log = dir.file("workers.log")

        let crew = Crew(env: env, lease: 1)
        for n in 0..<4 { try crew.start(n, log: log) }
        // Every worker says it is at work (registered) before the run starts.
        var events = crew.events.makeAsyncIterator()
        var ready = Set<Int>()
        while ready.count < 4, let event = await events.next() {
            if event.line.hasPrefix("worker w") { ready.insert(event.worker) }
        }
        // The moments: a worker that has just taken a job (a panel, a take, a voice, a check,
        // a conform, the cut — or a job it took over), or whose take the provider has just
        // accepted, killed at once and a new one started (two at most are starting again at any
        // moment, so the studio always has workers). The film first, then more takes of every
        // shot, until twenty workers were killed and one of them held an accepted take (a
        // loaded machine gives fewer moments a run).
        var random = SeededRandom(seed: 14)
        var kills = 0
        var moments = 0
        var restarting: Set<Int> = []
        var orphaned: [String] = []
        var status: Int32 = -1
        var rounds = 0
        let sink = crew.sink
        while rounds == 0 || (status == 0 && rounds < 6 && (kills < 20 || orphaned.isEmpty)) {
            let arguments = rounds == 0 ? ["make", "--out", film.path, "--quiet"] : ["generate", "--takes", "\(rounds + 1)", "--quiet"]
            rounds += 1
            let run = try ReelBinary.start(arguments, environment: env, directory: root, stderr: dir.file("run.log"))
            defer { run.kill() }
            let finished = Task {
                let status = await run.wait()
                sink.yield((-1, "run exited \(status)"))
                return status
            }
            while let event = await events.next() {
                if event.worker == -1 { break }
                if event.line.hasPrefix("worker w") { restarting.remove(event.worker) }
                let took = event.line.hasSuffix("  started") || event.line.hasSuffix("taken over from a worker whose lease ran out")
                let submitted = event.line.range(of: #"submitted to sim as job (\S+)$"#, options: .regularExpression)
                guard took || submitted != nil else { continue }
                moments += 1
                guard restarting.count < 2, !restarting.contains(event.worker), kills < 24 || (submitted != nil && orphaned.isEmpty),
                      random.unit() < 0.8 else { continue }
                let status = await crew.kill(event.worker)
                guard status == 128 + SIGKILL else { continue }
                kills += 1
                if let submitted { orphaned.append(String(event.line[submitted].split(separator: " ").last!)) }
                try crew.start(event.worker, log: log)
                restarting.insert(event.worker)
            }
            status = await finished.value
        }
        // The last ones started again say they are at work.
        while !restarting.isEmpty, let event = await events.next() {
            if event.line.hasPrefix("worker w") { restarting.remove(event.worker) }
        }
        // The studio server shows the four at work (what its projects page draws).
        let served = try await Self.served(["workers"], env: env, projects: dir.file("crew").deletingLastPathComponent())
        let alive = try #require(served["workers"] as? [[String: Any]]).filter { $0["alive"] as? Bool == true }
        #expect(Set(alive.compactMap { $0["name"] as? String }) == ["w0", "w1", "w2", "w3"], "\(served)")
        let stopped = await crew.stopAll()
        let said = (try? String(contentsOf: dir.file("run.log"), encoding: .utf8)) ?? ""
        #expect(status == 0, "reel make or generate: \(said.suffix(800))")
        #expect(kills >= 20, "only \(kills) workers were killed mid-job (at \(moments) moments, \(rounds) runs)")
        // A take whose worker died after the provider accepted it was finished from that very
        // provider job: polled by the worker that took it over, never submitted again.
        #expect(!orphaned.isEmpty, "no worker was killed holding a submitted take")
        for job in orphaned {
            let rows = try TestPostgres.query(studio, "SELECT state FROM reel.job WHERE provider_job_id = '\(job)'")
            #expect(rows == ["succeeded"], "provider job \(job): \(rows)")
        }
        #expect(stopped.allSatisfy { $0 == 0 }, "a worker stopped by SIGTERM exits 0: \(stopped)")

        let shots = try await ReelBinary.run(["plan", "--json"], environment: env, directory: root)
        let planned = try JSONDecoder().decode(KillResumeTests.PlanShots.self, from: shots.stdout).shots.count
        #expect(sim.counters.createdJobs == planned * rounds, "\(sim.counters.createdJobs) takes made for \(planned) shots × \(rounds) takes")
        #expect(sim.counters.duplicatedKeys.isEmpty)
        // No job left held by a dead worker, or waiting for one.
        #expect(try TestPostgres.query(studio, "SELECT state, label FROM reel.work").isEmpty)
        let doneTwice = try TestPostgres.query(studio, """
            SELECT key FROM reel.job_event WHERE state = 'succeeded' GROUP BY key HAVING count(*) > 1
            """)
        #expect(doneTwice.isEmpty, "jobs marked done twice: \(doneTwice)")
        let workers = try await ReelBinary.run(["workers", "--json"], environment: env)
        let listing = try #require(try JSONSerialization.jsonObject(with: workers.stdout) as? [String: Any], "\(workers.stderrText)")
        let statuses = try #require(listing["workers"] as? [[String: Any]])
        #expect(statuses.filter { $0["alive"] as? Bool == true }.isEmpty, "every worker stopped")
        #expect(statuses.compactMap { $0["tookOver"] as? Int }.reduce(0, +) > 0, "jobs of killed workers were taken over")

        // The same project on one machine, never interrupted, on a fresh provider.
        let calmSim = try await SimulatedProviderServer.start(config: Self.config())
        let calmDir = TemporaryDirectory()
        defer { calmDir.remove() }
        let calmEnv = Self.environment(calmDir, sim: calmSim, studio: nil)
        let calm = try await Self.project(calmDir, name: "calm", env: calmEnv)
        let calmFilm = calm.appendingPathComponent("renders/film.mp4")
        let made = try await ReelBinary.run(["make", "--out", calmFilm.path, "--quiet"], environment: calmEnv, directory: calm)
        #expect(made.status == 0, "\(made.stderrText)")
        #expect(try Data(contentsOf: film) == Data(contentsOf: calmFilm), "the film the killed workers made differs from one process's")
        try await calmSim.stop()
        try await sim.stop()
    }

    /// `GET /api/PATH` of a `reel serve` started for the purpose, as JSON.
    static func served(_ path: [String], env: [String: String], projects: URL) async throws -> [String: Any] {
        let (server, port) = try await serve(env: env, projects: projects)
        var answer: [String: Any] = [:]
        var failure: (any Error)?
        do { answer = try await get(path, port: port) } catch { failure = error }
        server.terminate()
        #expect(await server.wait() == 0, "reel serve stops cleanly on SIGTERM")
        if let failure { throw failure }
        return answer
    }

    /// A `reel serve` of `projects`, and its port once it listens.
    static func serve(env: [String: String], projects: URL) async throws -> (RunningReel, Int) {
        let (said, port) = AsyncStream.makeStream(of: Int.self)
        let server = try ReelBinary.start(["serve", "--projects", projects.path, "--port", "0"], environment: env, lines: { line in
            // the studio: http://127.0.0.1:PORT/  (…)
            if let range = line.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression) {
                port.yield(Int(line[range].split(separator: ":")[1])!)
            }
        })
        var ports = said.makeAsyncIterator()
        guard let number = await ports.next() else {
            server.kill()
            throw NoPort()
        }
        return (server, number)
    }

    struct NoPort: Error {}

    /// `GET /api/PATH` on a server's `port`, as JSON (200 expected).
    static func get(_ path: [String], port: Int) async throws -> [String: Any] {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/api/" + path.joined(separator: "/"))!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// (It found that a run could wait forever after the restart: PostgresNIO's pool handed
    /// out closed connections and waited for answers on them — see `StudioDatabase.answered`.)
    @Test func theDatabaseRestartedMidRunLosesNothingAndMarksNothingDoneTwice() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let server = try await TestPostgres.privateServer()
        let studio = try await server.start()
        let sim = try await SimulatedProviderServer.start(config: Self.config())
        let env = Self.environment(dir, sim: sim, studio: studio)
        let root = try await Self.project(dir, name: "restart", env: env)
        let film = root.appendingPathComponent("renders/film.mp4")
        let log = dir.file("workers.log")
        let crew = Crew(env: env, lease: 2)
        for n in 0..<2 { try crew.start(n, log: log) }
        var events = crew.events.makeAsyncIterator()
        var ready = Set<Int>()
        while ready.count < 2, let event = await events.next() {
            if event.line.hasPrefix("worker w") { ready.insert(event.worker) }
        }
        let make = try ReelBinary.start(["make", "--out", film.path, "--quiet"], environment: env, directory: root,
                                        stderr: dir.file("make.log"))
        defer { make.kill() }
        let sink = crew.sink
        let finished = Task {
            let status = await make.wait()
            sink.yield((-1, "make exited \(status)"))
            return status
        }
        // Restarted once the workers are well into the run, with jobs in their hands.
        var started = 0, restarted = false
        while let event = await events.next() {
            if event.worker == -1 { break }
            guard event.line.hasSuffix("  started") else { continue }
            started += 1
            if started == 8, !restarted {
                try await server.restart()
                restarted = true
            }
        }
        var status = await finished.value
        // The run lost its hold on the project with its connection (another machine could
        // have taken it): it started nothing more and said to run it again, which goes on.
        let said = (try? String(contentsOf: dir.file("make.log"), encoding: .utf8)) ?? ""
        if status != 0 {
            #expect(said.contains("run the command again"), "\(said.suffix(600))")
            let again = try await ReelBinary.run(["make", "--out", film.path, "--quiet"], environment: env, directory: root)
            status = again.status
            #expect(again.status == 0, "the second make: \(again.stderrText)")
        }
        let stopped = await crew.stopAll()
        #expect(restarted && status == 0)
        #expect(stopped.allSatisfy { $0 == 0 }, "the workers went on after the restart and stopped cleanly: \(stopped)")
        let shots = try await ReelBinary.run(["plan", "--json"], environment: env, directory: root)
        let planned = try JSONDecoder().decode(KillResumeTests.PlanShots.self, from: shots.stdout).shots.count
        #expect(sim.counters.createdJobs == planned, "\(sim.counters.createdJobs) jobs made for \(planned) shots")
        #expect(sim.counters.duplicatedKeys.isEmpty)
        let doneTwice = try TestPostgres.query(studio, """
            SELECT key FROM reel.job_event WHERE state = 'succeeded' GROUP BY key HAVING count(*) > 1
            """)
        if !doneTwice.isEmpty || sim.counters.createdJobs != planned {
            // What happened to them, for whoever reads the failure.
            let history = try TestPostgres.query(studio, "SELECT key, state, detail, at FROM reel.job_event ORDER BY id")
            Issue.record("""
                jobs marked done twice: \(doneTwice)
                history: \(history.joined(separator: "\n"))
                make: \(said.suffix(3000))
                workers: \(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(6000))
                """)
        }
        #expect(try TestPostgres.query(studio, "SELECT state, label FROM reel.work WHERE state IN ('queued', 'claimed')").isEmpty)
        let again = try await ReelBinary.run(["make", "--out", film.path, "--json"], environment: env, directory: root)
        let report = try #require(try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any], "\(again.stderrText)")
        #expect(report["rendered"] as? Int == 0, "everything was made once: \(again.stdoutText.prefix(300))")
        // A run on a machine whose shared volume is not mounted, or that names no media path,
        // is refused before it polls or records anything (it would find none of the takes).
        let history = try TestPostgres.query(studio, "SELECT count(*) FROM reel.job_event")
        var unmountedRun = env, noMedia = env
        unmountedRun["REEL_MEDIA"] = dir.file("not-mounted-run").path
        noMedia["REEL_MEDIA"] = nil
        for (environment, hint) in [(unmountedRun, "mount the studio's shared media volume"), (noMedia, "--media or REEL_MEDIA")] {
            let refused = try await ReelBinary.run(["render", "--out", dir.file("elsewhere.mp4").path], environment: environment, directory: root)
            #expect(refused.status == 78 && refused.stderrText.contains("none of this project's") && refused.stderrText.contains(hint),
                    "\(refused.status) \(refused.stderrText)")
        }
        #expect(try TestPostgres.query(studio, "SELECT count(*) FROM reel.job_event") == history, "nothing was journaled")
        // A machine whose shared volume is not mounted where the studio's media should be.
        let unmounted = try await ReelBinary.run(["worker", "--media", dir.file("not-mounted").path], environment: env)
        #expect(unmounted.status != 0 && unmounted.stderrText.contains("the studio has media, but not on this path"), "\(unmounted.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("not-mounted").path).isEmpty,
                "a refused path is left as it was: no mark, no work folder")
        await server.stop()
        try await sim.stop()
    }

    @Test func aWorkerWithoutFFmpegLeavesTheJobsThatNeedItToOthers() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: Self.config())
        let studio = try await TestPostgres.freshDatabase()
        let env = Self.environment(dir, sim: sim, studio: studio)
        var bare = env
        bare["PATH"] = "/nonexistent"
        let crew = Crew(env: bare, lease: 30)
        try crew.start(0, log: dir.file("workers.log"))
        var events = crew.events.makeAsyncIterator()
        while let event = await events.next(), !event.line.hasPrefix("worker w") {}
        let root = try await Self.project(dir, name: "tools", env: env)
        let made = try await ReelBinary.run(["generate", "--shots", "S01-01", "--json"], environment: env, directory: root)
        #expect(made.status == 0, "\(made.stderrText)")
        _ = await crew.stopAll()
        var said: [String] = []
        while let event = await events.next() { said.append(event.line) }
        #expect(said.contains { $0.contains("left for another worker: ffmpeg is not installed") || $0.contains("left for another worker: ffprobe is not installed") },
                "\(said)")
        #expect(sim.counters.createdJobs == 1 && sim.counters.duplicatedKeys.isEmpty, "the take was paid for once")
        try await sim.stop()
    }

    @Test func theStudiosBudgetStopsEveryRunAtItsCap() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sim = try await SimulatedProviderServer.start(config: Self.config())
        let studio = try await TestPostgres.freshDatabase()
        let env = Self.environment(dir, sim: sim, studio: studio)
        let none = try await ReelBinary.run(["budget"], environment: env)
        #expect(none.status == 0 && none.stdoutText.contains("has no budget and has spent nothing"), "\(none.stdoutText)\(none.stderrText)")
        let bad = try await ReelBinary.run(["budget", "--set", "lots"], environment: env)
        #expect(bad.status == 64 && bad.stderrText.contains("--set: 'lots' is not an amount with a currency"), "\(bad.stderrText)")
        let outside = try await ReelBinary.run(["budget"], environment: ["REEL_HOME": dir.file("home").path])
        #expect(outside.status == 64 && outside.stderrText.contains("the studio's budget is kept in its database, and none is named"),
                "\(outside.stderrText)")
        let set = try await ReelBinary.run(["budget", "--set", "0.30 USD", "--json"], environment: env)
        #expect(set.status == 0, "\(set.stderrText)")
        #expect(set.stdoutText.contains("\"cap\"") && set.stdoutText.contains("300000"), "\(set.stdoutText)")

        // Two projects' runs, with a worker: together they stop at the studio's cap.
        let crew = Crew(env: env, lease: 5)
        try crew.start(0, log: dir.file("workers.log"))
        var events = crew.events.makeAsyncIterator()
        while let event = await events.next(), !event.line.hasPrefix("worker w") {}
        let first = try await Self.project(dir, name: "first", env: env)
        let second = try await Self.project(dir, name: "second", env: env)
        async let a = ReelBinary.run(["generate", "--json"], environment: env, directory: first)
        async let b = ReelBinary.run(["generate", "--json"], environment: env, directory: second)
        let runs = try await [a, b]
        _ = await crew.stopAll()
        let refusals = runs.map { $0.stdoutText.components(separatedBy: "would pass the studio's budget of $0.30").count - 1 }
        #expect(refusals.reduce(0, +) > 0, "the cap refused takes: \(runs.map { $0.stdoutText.prefix(600) })")
        let shown = try await ReelBinary.run(["budget", "--json"], environment: env)
        let report = try #require(try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any], "\(shown.stderrText)")
        let usd = try #require((report["budgets"] as? [[String: Any]])?.first { $0["currency"] as? String == "USD" })
        let spent = try #require((usd["spent"] as? [String: Any])?["micros"] as? Int)
        #expect(spent > 0 && spent <= 300_000, "spent \(spent) micros under a cap of 300000")
        try await sim.stop()
    }

    @Test func aWorkerAskedToStopFinishesTheJobInItsHandsFirst() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var config = Self.config()
        // Long enough that the stop request always reaches the worker while the take is in its
        // hands, however loaded the machine.
        config.latency = 8...8
        let sim = try await SimulatedProviderServer.start(config: config)
        let studio = try await TestPostgres.freshDatabase()
        let env = Self.environment(dir, sim: sim, studio: studio)
        let crew = Crew(env: env, lease: 5)
        try crew.start(0, log: dir.file("workers.log"))
        var events = crew.events.makeAsyncIterator()
        while let event = await events.next(), !event.line.hasPrefix("worker w") {}
        let root = try await Self.project(dir, name: "drain", env: env)
        // The studio server, up before the run (asked while the take is in the worker's hands).
        let (server, port) = try await Self.serve(env: env, projects: dir.url)
        defer { server.kill() }
        let sink = crew.sink
        let generate = Task {
            let result = try await ReelBinary.run(["generate", "--shots", "S01-01", "--json"], environment: env, directory: root)
            sink.yield((-1, "generate exited \(result.status)"))
            return result
        }
        // The provider has the take: the service manager asks the worker to stop.
        while let event = await events.next(), event.worker != -1, !event.line.contains("submitted to sim as job") {}
        // Meanwhile the studio server shows the run of another process as running, not as
        // interrupted takes to resume.
        let panel = try await Self.get(["projects", "drain", "run"], port: port)
        #expect((panel["elsewhere"] as? String)?.hasPrefix("reel generate on ") == true && (panel["unfinished"] as? [String]) == [],
                "\(panel)")
        // The Workers panel names the job's project by its title, not its id in the studio.
        let served = try await Self.get(["workers"], port: port)
        let jobs = (served["workers"] as? [[String: Any]])?.flatMap { ($0["jobs"] as? [[String: Any]]) ?? [] } ?? []
        #expect(jobs.count == 1 && jobs.first?["title"] as? String == "drain" && (jobs.first?["project"] as? String)?.hasPrefix("drain-") == true,
                "\(jobs)")
        let worker = try #require(crew.running.withLock { $0[0] })
        worker.terminate()
        var said: [String] = []
        while let event = await events.next() {
            if event.worker == -1 { continue }
            said.append(event.line)
            if event.line.hasPrefix("worker stopped") { break }
        }
        #expect(said.first?.hasPrefix("stopping: finishing the 1 job in hand") == true, "\(said)")
        #expect(said.contains { $0.contains("take S01-01") && $0.contains("done in") }, "the take was finished, not dropped: \(said)")
        #expect(said.last == "worker stopped: 1 done, 0 failed", "\(said)")
        #expect(await worker.wait() == 0)
        let made = try await generate.value
        #expect(made.status == 0, "\(made.stderrText)")
        #expect(sim.counters.createdJobs == 1)
        _ = await crew.stopAll()
        try await sim.stop()
    }
}
