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

/// Runs programs as ``ChildProcess``es. Output goes to temporary files rather than pipes, so
/// a chatty program never blocks on a full pipe.
///
/// Children die with Reel, even when it is SIGKILLed (``ChildProcess/diesWithParent``). Their work
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
                            at: executable, hint: Self.doctor)
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
        let child = ChildProcess()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = arguments
        child.diesWithParent = true
        child.standardOutput = .handle(outHandle)
        child.standardError = .handle(errHandle)
        let inputPipe = stdin.map { _ in Pipe() }
        child.standardInput = inputPipe.map { .pipe($0) } ?? .null
        let box = ChildBox(child)
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                child.terminationHandler = { ended in
                    box.ended()
                    continuation.resume(returning: ended.terminationStatus)
                }
                // Fed off the pool: feeding stdin lasts as long as the child reads, and may not
                // hold a thread of Swift's cooperative pool.
                let writer = inputPipe?.fileHandleForWriting
                Offload.start {
                    do {
                        try box.run()
                    } catch {
                        try? writer?.close()
                        continuation.resume(throwing: error is CancellationError ? error : ReelError(
                            .unavailable, (error as? ReelError)?.message ?? "cannot start \(URL(fileURLWithPath: executable).lastPathComponent): \(error)",
                            at: executable, hint: Self.doctor))
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

    private static let doctor = "run `reel doctor` to see what is missing and how to install it"
}

extension LocalProcessRunner {
    /// The children running now: what a process quitting at once takes with it.
    fileprivate static let children = Mutex<[ObjectIdentifier: ChildProcess]>([:])

    /// Asks every child still running to end (SIGTERM): a command quitting at once (a second
    /// Ctrl-C) leaves no ffmpeg behind writing into the project.
    public static func terminateAll() {
        for child in children.withLock({ Array($0.values) }) { child.terminate() }
    }
}

/// Lets the starting thread and the cancellation handler reach the child.
private final class ChildBox: @unchecked Sendable {
    private let child: ChildProcess
    private let lock = NSLock()
    /// Cancelled before it started: it never starts.
    private var cancelled = false
    init(_ child: ChildProcess) { self.child = child }

    func run() throws {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw CancellationError() }
        // Listed before it starts, so that a child quicker than the next line is not listed
        // after it has ended.
        LocalProcessRunner.children.withLock { $0[ObjectIdentifier(child)] = child }
        do {
            try child.run()
        } catch {
            ended()
            child.terminationHandler = nil
            throw error
        }
    }

    /// Forgets the child once it has ended. Never waits for ``run()``'s lock: a termination
    /// handler must not stand behind a start.
    func ended() {
        _ = LocalProcessRunner.children.withLock { $0.removeValue(forKey: ObjectIdentifier(child)) }
    }

    func terminate() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        child.terminate()
    }
}
