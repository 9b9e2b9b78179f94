import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// What a ``ChildProcess`` starts with, and how its end is told.
@Suite struct ChildProcessSpawnTests {
    /// Runs `script` with `/bin/sh` and returns what it printed and how it ended.
    static func shell(_ script: String, environment: [String: String]? = nil, directory: URL? = nil,
                      diesWithParent: Bool = false) throws -> (output: String, child: ChildProcess) {
        let child = ChildProcess()
        child.diesWithParent = diesWithParent
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", script]
        child.environment = environment
        child.currentDirectoryURL = directory
        let out = Pipe()
        child.standardOutput = .pipe(out)
        child.standardInput = .null
        try child.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), child)
    }

    /// Foundation's `Process.run()` died of SIGSEGV with about 1,400 descriptors open (it copied
    /// `/proc/self/fd`'s entries whole); a child here starts with only its three streams open.
    @Test(arguments: [false, true])
    func aChildHasOnlyItsThreeStreamsHoweverManyTheParentHasOpen(diesWithParent: Bool) throws {
        // Opened without close-on-exec, as an inherited descriptor would be; 1,500 where the
        // limit leaves room beside the suites running meanwhile.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let opened = (0..<min(1_500, Int(limit.rlim_cur) / 8)).map { _ in open("/dev/null", O_RDONLY) }
        defer { for fd in opened where fd >= 0 { close(fd) } }
        try #require(opened.allSatisfy { $0 >= 0 })
        for _ in 0..<10 {
            let (output, child) = try Self.shell("exec ls /proc/self/fd", diesWithParent: diesWithParent)
            #expect(child.terminationReason == .exit && child.terminationStatus == 0)
            // ls's own listing of the folder is the fourth.
            let fds = Set(output.split(separator: "\n").compactMap { Int($0) })
            #expect(fds.isSubset(of: [0, 1, 2, 3]) && fds.isSuperset(of: [0, 1, 2]), "\(fds.sorted())")
        }
    }

    @Test func anEndIsAnExitStatusOrASignal() throws {
        let exited = try Self.shell("exit 3").child
        #expect(exited.terminationReason == .exit && exited.terminationStatus == 3 && !exited.isRunning)
        let signalled = try Self.shell("kill -TERM $$").child
        #expect(signalled.terminationReason == .uncaughtSignal && signalled.terminationStatus == SIGTERM)
    }

    @Test(arguments: [false, true])
    func theEnvironmentAndFolderAreTheOnesGiven(diesWithParent: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (output, child) = try Self.shell("printf '%s|%s|' \"$GREETING\" \"${HOME-unset}\"; pwd",
                                             environment: ["GREETING": "你好 there"], directory: dir.url, diesWithParent: diesWithParent)
        #expect(child.terminationStatus == 0)
        #expect(output == "你好 there|unset|\(dir.url.resolvingSymlinksInPath().path)\n", "\(output)")
    }

    /// A child neither inherits the spawning thread's blocked signals (dispatch's threads block
    /// them all) nor SIGHUP, SIGINT and SIGTERM ignored by the parent: terminate() reaches it.
    @Test func signalsTheParentBlocksOrIgnoresReachTheChild() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let ignoredBefore = signal(SIGHUP, SIG_IGN)
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["600"]
        let started = Result { try child.run() }
        signal(SIGHUP, ignoredBefore)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        try started.get()
        defer { child.signal(SIGKILL) }
        let status = try String(contentsOfFile: "/proc/\(child.processIdentifier)/status", encoding: .utf8)
        func mask(_ name: String) -> UInt64 {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return UInt64(line.split(separator: "\t").last ?? "", radix: 16) ?? .max
        }
        #expect(mask("SigBlk") == 0)
        #expect(mask("SigIgn") & (1 << (SIGHUP - 1) | 1 << (SIGINT - 1) | 1 << (SIGTERM - 1)) == 0)
        child.terminate()
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGTERM)
    }

    @Test func aProgramThatIsNotThereIsOneClearError() throws {
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/nowhere/ffmpeg")
        let error = #expect(throws: ReelError.self) { try child.run() }
        #expect(error?.code == .unavailable && error?.message == "cannot start ffmpeg: No such file or directory")
        #expect(!child.isRunning)
    }
}

/// ``LocalProcessRunner`` on real children: what is fed in comes out, and a program that
/// cannot start is one clear error that leaves nothing waiting.
@Suite struct LocalProcessRunnerTests {
    @Test func whatIsFedOnStdinReachesTheChild() async throws {
        let text = String(repeating: "一行 a line\n", count: 20_000)
        let result = try await LocalProcessRunner().run("/bin/cat", [], stdin: Data(text.utf8))
        #expect(result.status == 0 && result.stdoutText == text)
    }

    @Test func aProgramThatIsNotThereIsOneClearError() async throws {
        let error = await #expect(throws: ReelError.self) {
            try await LocalProcessRunner().run("/nowhere/ffmpeg", ["-version"], stdin: Data("x".utf8))
        }
        #expect(error?.code == .unavailable && error?.hint?.contains("reel doctor") == true, "\(String(describing: error))")
    }

    /// Behind the death-signal wrapper the program's own failure to start is its exit status,
    /// and what it said.
    @Test func aFileThatIsNoProgramFailsWithWhatWasSaid() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let bad = try dir.write("ffmpeg", "not a program")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bad.path)
        let result = try await LocalProcessRunner().run(bad.path, ["-version"])
        #expect(result.status != 0)
        #expect(!result.stderrText.isEmpty, "the reason it did not start is said")
    }
}
