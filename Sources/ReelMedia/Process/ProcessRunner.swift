import Foundation
import ReelModel
import ReelEngine
import Synchronization

/// What a finished process left behind.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public init(status: Int32, stdout: Data = Data(), stderr: Data = Data()) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// The last `lines` lines of stderr: where ffmpeg says what went wrong.
    public func stderrTail(_ lines: Int = 6) -> String {
        stderrText.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Runs external programs (ffmpeg, ffprobe, espeak-ng). A protocol so tests can record
/// what would run.
public protocol ProcessRunner: Sendable {
    /// Runs `executable` (an absolute path) with `arguments`, feeding `stdin`, and waits.
    /// Cancelling the task terminates the process.
    func run(_ executable: String, _ arguments: [String], stdin: Data?) async throws -> ProcessResult
}

extension ProcessRunner {
    public func run(_ executable: String, _ arguments: [String]) async throws -> ProcessResult {
        try await run(executable, arguments, stdin: nil)
    }
}

/// Runs programs with Foundation's `Process`. Output goes to temporary files rather than
/// pipes, so a chatty program never blocks on a full pipe.
///
/// Their work
/// folders (`$TMPDIR/reel-proc-<pid>-…`) carry Reel's pid, and the first run of a later
/// process removes those whose process is gone.
public struct LocalProcessRunner: ProcessRunner {
    public init() {}

    /// Clears, once per process, the work folders killed runs left.
    private static let sweep: Void = ScratchSweep.sweepProcessFolders(in: FileManager.default.temporaryDirectory)

    public func run(_ executable: String, _ arguments: [String], stdin: Data?) async throws -> ProcessResult {
        let fm = FileManager.default
        _ = Self.sweep
        // Checked here: behind the wrapper, a missing program would only be a failed exit.
        guard fm.isExecutableFile(atPath: executable) else {
            throw ReelError(.unavailable, "cannot start \(URL(fileURLWithPath: executable).lastPathComponent): it is not an executable file",
                            at: executable, hint: "run `reel doctor` to see what is missing and how to install it")
        }
        let tmp = fm.temporaryDirectory.appendingPathComponent("reel-proc-\(getpid())-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("out")
        let errURL = tmp.appendingPathComponent("err")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = outHandle
        process.standardError = errHandle
        var inputPipe: Pipe?
        if stdin != nil {
            inputPipe = Pipe()
            process.standardInput = inputPipe
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let box = ProcessBox(process)
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { p in
                    box.ended()
                    continuation.resume(returning: p.terminationStatus)
                }
                // Started, and fed, off the pool: spawning can wait for the machine (a child that
                // is slow to exec, a busy CPU) and feeding stdin for as long as the child reads,
                // and neither may hold a thread of Swift's cooperative pool.
                let writer = inputPipe?.fileHandleForWriting
                Offload.start {
                    do {
                        try box.run()
                    } catch {
                        box.clearHandler()
                        continuation.resume(throwing: error is CancellationError ? error : ReelError(
                            .unavailable, "cannot start \(URL(fileURLWithPath: executable).lastPathComponent): \(error.localizedDescription)",
                            at: executable, hint: "run `reel doctor` to see what is missing and how to install it"))
                        return
                    }
                    if let stdin, let writer {
                        writer.write(stdin)
                        try? writer.close()
                    }
                }
            }
        } onCancel: {
            box.terminate()
        }
        try Task.checkCancellation()
        return ProcessResult(status: status, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                             stderr: (try? Data(contentsOf: errURL)) ?? Data())
    }
}

extension LocalProcessRunner {
    /// The children running now, by pid: what a process quitting at once takes with it.
    fileprivate static let children = Mutex<Set<Int32>>([])

    /// Asks every child still running to end (SIGTERM): a command quitting at once (a second
    /// Ctrl-C) leaves no ffmpeg behind writing into the project.
    public static func terminateAll() {
        for pid in children.withLock({ $0 }) { kill(pid, SIGTERM) }
    }
}

/// Lets the spawning thread and the cancellation handler reach the process.
private final class ProcessBox: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    /// Cancelled before it started: it never starts.
    private var cancelled = false
    init(_ process: Process) { self.process = process }
    func run() throws {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw CancellationError() }
        // A child starts with its parent thread's signal mask, and dispatch's threads block
        // them all: unblocked, SIGTERM (a cancelled job, a stopped run) reaches the child.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        let pid = process.processIdentifier
        // Recorded unless it has already ended (a child quicker than this line).
        LocalProcessRunner.children.withLock { if !hasEnded { _ = $0.insert(pid) } }
    }

    /// Set once the child has ended; read and written only under `LocalProcessRunner.children`.
    private var hasEnded = false

    /// Forgets the child once it has ended. Never waits for ``run()``'s lock: a termination
    /// handler must not stand behind a spawn.
    func ended() {
        let pid = process.processIdentifier
        LocalProcessRunner.children.withLock {
            hasEnded = true
            _ = $0.remove(pid)
        }
    }
    func clearHandler() { process.terminationHandler = nil }
    func terminate() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        if process.isRunning { process.terminate() }
    }
}
