import Foundation
import ReelMedia

/// The built `reel` executable, run as a user would run it.
public enum ReelBinary {
    /// `reel` next to the test bundle (SwiftPM puts every product in one directory).
    public static var url: URL {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("reel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/reel")
    }

    /// Runs `reel` with `arguments` in `directory`. `home` becomes `REEL_HOME`; `environment`
    /// adds to the inherited environment, and an empty value removes a variable; `input` is
    /// what the user types (stdin; none by default).
    public static func run(_ arguments: [String], home: URL? = nil, environment: [String: String] = [:],
                           directory: URL? = nil, input: String? = nil) async throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "dumb"
        if let home { env["REEL_HOME"] = home.path }
        for (k, v) in environment { env[k] = v.isEmpty ? nil : v }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("reel-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("out"), err = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = ChildProcess()
        process.executableURL = url
        process.arguments = arguments
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Closed here once it has ended: Foundation's Process keeps the handles it was given
        // open (the suite once held 400 such descriptors, and Process.run slowed with them).
        var handles = [try FileHandle(forWritingTo: out), try FileHandle(forWritingTo: err)]
        defer { for handle in handles { try? handle.close() } }
        (process.standardOutput, process.standardError) = (.handle(handles[0]), .handle(handles[1]))
        if let input {
            let typed = tmp.appendingPathComponent("in")
            try Data(input.utf8).write(to: typed)
            handles.append(try FileHandle(forReadingFrom: typed))
            process.standardInput = .handle(handles[2])
        } else {
            process.standardInput = .null
        }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return ProcessResult(status: status, stdout: try Data(contentsOf: out), stderr: try Data(contentsOf: err))
    }

    /// The package's root directory (for the examples).
    public static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    public static func example(_ name: String) -> URL {
        packageRoot.appendingPathComponent("examples").appendingPathComponent(name)
    }
}

/// A `reel` process started by ``ReelBinary/start(_:environment:directory:)``: to be
/// killed mid-run or waited for.
public final class RunningReel: Sendable {
    let process: ChildProcess
    let finished: Task<Int32, Never>

    init(process: ChildProcess, finished: Task<Int32, Never>) {
        self.process = process
        self.finished = finished
    }

    /// SIGKILL: no handler runs, nothing is flushed — a crash, a power cut, `kill -9`.
    public func kill() {
        process.signal(SIGKILL)
    }

    /// SIGTERM: the process stops as it would at a service manager's request.
    public func terminate() {
        process.signal(SIGTERM)
    }

    /// The exit status (or the signal's number plus 128 when killed).
    public func wait() async -> Int32 { await finished.value }

    public var isRunning: Bool { process.isRunning }
}

extension ReelBinary {
    /// Starts `reel` without waiting; its output goes nowhere, or line by line to `lines`.
    /// - Parameter stderr: a file to append its error output to.
    public static func start(_ arguments: [String], environment: [String: String] = [:],
                             directory: URL? = nil, stderr: URL? = nil,
                             lines: (@Sendable (String) -> Void)? = nil) throws -> RunningReel {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "dumb"
        for (k, v) in environment { env[k] = v.isEmpty ? nil : v }
        let process = ChildProcess()
        process.executableURL = url
        process.arguments = arguments
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = .null
        // This process's copies of the child's ends, closed once it has started (kept open,
        // the reader never sees the end of the output, and the descriptors pile up).
        var childsEnds: [FileHandle] = []
        if let lines {
            let pipe = Pipe()
            process.standardOutput = .pipe(pipe)
            childsEnds.append(pipe.fileHandleForWriting)
            let reader = pipe.fileHandleForReading
            // Read on a thread of its own until the process closes its end.
            Thread.detachNewThread {
                var pending = Data()
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        lines(String(decoding: pending[pending.startIndex..<end], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...end)
                    }
                }
                if !pending.isEmpty { lines(String(decoding: pending, as: UTF8.self)) }
            }
        }
        if let stderr {
            if !FileManager.default.fileExists(atPath: stderr.path) { _ = FileManager.default.createFile(atPath: stderr.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: stderr)
            handle.seekToEndOfFile()
            process.standardError = .handle(handle)
            childsEnds.append(handle)
        } else {
            process.standardError = .null
        }
        process.standardInput = .null
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { p in
            continuation.yield(p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus)
            continuation.finish()
        }
        defer { for handle in childsEnds { try? handle.close() } }
        try process.run()
        let finished = Task { for await status in stream { return status }; return -1 }
        return RunningReel(process: process, finished: finished)
    }
}

/// A project `reel init` made from one of the examples, and `reel` run in it as a user types it.
public struct InitializedProject: Sendable {
    public let home: URL
    public let folder: URL

    public func run(_ arguments: String...) async throws -> ProcessResult { try await run(arguments) }

    public func run(_ arguments: [String]) async throws -> ProcessResult {
        try await ReelBinary.run(arguments, home: home, directory: folder)
    }
}

extension ReelBinary {
    /// `reel init DIR/film --script examples/EXAMPLE`, with its own `REEL_HOME`; throws with
    /// what `reel` said when it fails.
    public static func initialized(_ dir: TemporaryDirectory, example: String) async throws -> InitializedProject {
        let project = InitializedProject(home: dir.file("home"), folder: dir.file("film"))
        let made = try await run(["init", project.folder.path, "--script", self.example(example).path], home: project.home)
        guard made.status == 0 else { throw FixtureError("reel init failed (\(made.status)): \(made.stderrText)") }
        return project
    }
}
