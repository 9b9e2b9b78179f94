import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// What a ``ChildProcess`` starts with, and how its end is told.
@Suite struct ChildProcessSpawnTests {
    /// Runs `script` with `/bin/sh` and returns what it printed and how it ended.
    static func shell(_ script: String, environment: [String: String]? = nil, directory: URL? = nil,
                      before: (ChildProcess) -> Void = { _ in }) throws -> (output: String, child: ChildProcess) {
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", script]
        child.environment = environment
        child.currentDirectoryURL = directory
        let out = Pipe()
        child.standardOutput = .pipe(out)
        child.standardInput = .null
        before(child)
        try child.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), child)
    }

    /// Foundation's `Process.run()` died of SIGSEGV with about 1,400 descriptors open (it copied
    /// `/proc/self/fd`'s entries whole); a child here starts with only its three streams open.
    @Test func aChildHasOnlyItsThreeStreamsHoweverManyTheParentHasOpen() throws {
        // Opened without close-on-exec, as an inherited descriptor would be.
        let opened = (0..<1_500).map { _ in open("/dev/null", O_RDONLY) }
        defer { for fd in opened where fd >= 0 { close(fd) } }
        try #require(opened.allSatisfy { $0 >= 0 })
        for _ in 0..<20 {
            let (output, child) = try Self.shell("exec ls /proc/self/fd")
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

    @Test func theEnvironmentAndFolderAreTheOnesGiven() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (output, child) = try Self.shell("printf '%s|%s|' \"$GREETING\" \"${HOME-unset}\"; pwd",
                                             environment: ["GREETING": "你好 there"], directory: dir.url)
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
