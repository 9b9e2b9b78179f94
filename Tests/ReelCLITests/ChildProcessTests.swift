import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// A SIGKILLed `reel` takes its ffmpeg children with it.
@Suite struct ChildProcessTests {
    /// A stand-in for ffmpeg that records its pid and never finishes by itself.
    static func fakeFFmpeg(in dir: TemporaryDirectory) throws -> (tool: URL, pids: URL) {
        let pids = dir.file("pids")
        let tool = try dir.write("ffmpeg", "#!/bin/sh\necho $$ >> '\(pids.path)'\nexec sleep 600\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        return (tool, pids)
    }

    /// True while `pid` runs (a zombie waiting to be reaped has stopped running).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Waits for `condition`, checking every few milliseconds, for at most `limit` seconds.
    static func waitFor(_ limit: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(limit)
        while !condition() {
            if ContinuousClock.now > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "children die with reel through util-linux's setpriv"))
    func aKilledRenderLeavesNoChildRunning() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (tool, pidsFile) = try Self.fakeFFmpeg(in: dir)
        let env = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path, "REEL_FFMPEG": tool.path]
        let root = dir.file("film")
        let initialized = try await ReelBinary.run(["init", root.path, "--script", ReelBinary.example("the-last-train.fountain").path],
                                                   environment: env)
        try #require(initialized.status == 0, "\(initialized.stderrText)")
        let run = try ReelBinary.start(["render", "--quiet"], environment: env, directory: root, stderr: dir.file("log"))
        func started() -> [pid_t] {
            ((try? String(contentsOf: pidsFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
        }
        // The render is under way once ffmpeg has started (the stand-in never ends).
        let began = try await Self.waitFor(60) { !started().isEmpty || !run.isRunning }
        try #require(began && run.isRunning, "reel never started ffmpeg: \((try? String(contentsOf: dir.file("log"), encoding: .utf8)) ?? "")")
        run.kill()
        _ = await run.wait()
        let children = started()
        #expect(!children.isEmpty)
        // Without the death signal they would run for 600 s; with it they die with reel.
        let gone = try await Self.waitFor(30) { !children.contains(where: Self.isRunning) }
        #expect(gone, "still running after reel was killed: \(children.filter(Self.isRunning))")
        for pid in children where Self.isRunning(pid) { kill(pid, SIGKILL) }
    }
}
