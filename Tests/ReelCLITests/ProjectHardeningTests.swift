import Foundation
import ReelMedia
import ReelTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A project in trouble (its directory gone, its state lost, read-only, busy) gets a clear
/// answer from `reel`, never a hang, a silent new start or a false "busy".
@Suite struct ProjectHardeningTests {
    static let script = ReelBinary.example("the-last-train.fountain")

    /// Runs `sh -c SCRIPT` with `$REEL` set to the built binary (bounded by `timeout`, so a
    /// hang fails the test instead of stalling the suite).
    static func shell(_ script: String, in directory: URL) async throws -> ProcessResult {
        let out = directory.appendingPathComponent(".out"), err = directory.appendingPathComponent(".err")
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["REEL"] = ReelBinary.url.path
        env["REEL_HOME"] = directory.appendingPathComponent(".home").path
        process.environment = env
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = .handle(try FileHandle(forWritingTo: out))
        process.standardError = .handle(try FileHandle(forWritingTo: err))
        process.standardInput = .null
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return ProcessResult(status: status, stdout: try Data(contentsOf: out), stderr: try Data(contentsOf: err))
    }

    @Test(arguments: [["stats"], ["status"], ["takes", "S01-01"], ["generate", "-q"], ["render"], ["plan"], ["make", "film.fountain"]])
    func aDeletedWorkingDirectoryIsSaidNotSearchedForever(arguments: [String]) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await Self.shell("mkdir gone && cd gone && rmdir ../gone && exec timeout 120 \"$REEL\" \(arguments.joined(separator: " "))",
                                          in: dir.url)
        #expect(result.status == 66, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.contains("the current directory no longer exists"), "\(arguments)")
        #expect(result.stderrText.contains("→ cd to a directory that exists"), "\(arguments)")
    }

    /// `reel init`, then the storyboard saved: a project with state and no media.
    static func plannedProject(_ dir: TemporaryDirectory) async throws -> URL {
        let project = dir.file("p")
        let made = try await ReelBinary.run(["init", project.path, "--script", script.path], home: dir.file("home"))
        try #require(made.status == 0, "\(made.stderrText)")
        let planned = try await ReelBinary.run(["plan"], home: dir.file("home"), directory: project)
        try #require(planned.status == 0, "\(planned.stderrText)")
        return project
    }

    @Test func anEmptyDatabaseIsRefusedNotStartedOver() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await Self.plannedProject(dir)
        try dir.write("p/.reel/media/ab/abcdef0123", "a paid take")
        try Data().write(to: project.appendingPathComponent(".reel/reel.sqlite"))
        let result = try await ReelBinary.run(["render"], home: dir.file("home"), directory: project)
        #expect(result.status == 78)
        #expect(result.stderrText.contains("the project database is empty (0 bytes)"))
        #expect(result.stderrText.contains("restore .reel/reel.sqlite from a backup"))
        #expect(try Data(contentsOf: project.appendingPathComponent(".reel/reel.sqlite")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("renders").path))
    }

    @Test func readersTakeNoLockAndWriteNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await Self.plannedProject(dir)
        let state = project.appendingPathComponent(".reel")
        let files = ["reel.sqlite", "lock"].map { state.appendingPathComponent($0) }
        let before = try files.map { try Data(contentsOf: $0) }
        for arguments in [["status"], ["stats"], ["takes", "S01-01"], ["generate", "--dry-run"]] {
            let result = try await ReelBinary.run(arguments, home: dir.file("home"), directory: project)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        }
        #expect(try files.map { try Data(contentsOf: $0) } == before)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("lock-holder").path))
    }

    @Test func aRefusedWriterNamesTheRealHolderNotAFinishedReader() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await Self.plannedProject(dir)
        _ = try await ReelBinary.run(["status"], home: dir.file("home"), directory: project)
        // Something holds the lock without saying who (a reel from before, or one just starting).
        let fd = open(project.appendingPathComponent(".reel/lock").path, O_RDWR)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let result = try await ReelBinary.run(["pick", "S01-01", "1"], home: dir.file("home"), directory: project)
        #expect(result.status == 75)
        #expect(result.stderrText.contains("another reel is working on this project"))
        #expect(!result.stderrText.contains("`reel status`, since"), "a finished reader is not the holder")
        #expect(!result.stderrText.contains("()"))
        #expect(result.stderrText.contains("`reel status`, `stats`, `takes` and `generate --dry-run` work meanwhile"))
        let status = try await ReelBinary.run(["status"], home: dir.file("home"), directory: project)
        #expect(status.status == 0, "a reader is not refused while a writer works")
    }

    @Test(.enabled(if: ReadOnlyView.isAvailable, "needs a read-only bind mount (root) or file permissions (not root)"))
    func aReadOnlyProjectCanBeRead() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await Self.plannedProject(dir)
        let view = try ReadOnlyView(of: project, at: dir.file("ro"))
        defer { view.remove() }
        #expect(!FileManager.default.isWritableFile(atPath: view.url.appendingPathComponent(".reel").path))
        for arguments in [["status"], ["stats"], ["takes", "S01-01"]] {
            let result = try await ReelBinary.run(arguments, home: dir.file("home"), directory: view.url)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        }
        let status = try await ReelBinary.run(["status"], home: dir.file("home"), directory: view.url)
        #expect(status.stdoutText.contains("shots: 0 with a finished take"))
    }
}

/// A directory seen read-only: a read-only bind mount for root (who ignores permissions),
/// the directory itself without write permission for anyone else.
struct ReadOnlyView {
    let url: URL
    let source: URL
    let mounted: Bool

    static let isAvailable: Bool = {
        guard getuid() == 0 else { return true }
        let dir = TemporaryDirectory("reel-ro-probe")
        defer { dir.remove() }
        guard (try? ReadOnlyView(of: dir.url, at: dir.file("view"))).map({ $0.remove(); return true }) == true else { return false }
        return true
    }()

    init(of source: URL, at view: URL) throws {
        self.source = source
        mounted = getuid() == 0
        if mounted {
            try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
            guard ReadOnlyView.run("/bin/mount", ["-o", "bind,ro", source.path, view.path]) == 0 else {
                throw CocoaError(.fileWriteNoPermission)
            }
            url = view
        } else {
            _ = ReadOnlyView.run("/bin/chmod", ["-R", "a-w", source.path])
            url = source
        }
    }

    func remove() {
        if mounted { _ = ReadOnlyView.run("/bin/umount", [url.path]) } else { _ = ReadOnlyView.run("/bin/chmod", ["-R", "u+w", source.path]) }
    }

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = .null
        process.standardError = .null
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
