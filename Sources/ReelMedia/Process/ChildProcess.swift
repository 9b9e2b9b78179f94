import Foundation
import ReelModel
import Synchronization

/// A program started with `posix_spawn`: what Reel starts instead of Foundation's `Process`.
///
/// Foundation's `Process.run()` (swift-corelibs-foundation of Swift 6.3) lists
/// `/proc/self/fd` to close the parent's descriptors in the child, and copies each directory
/// entry whole: with about 1,400 descriptors open the last entry sits at the end of the listing's
/// buffer, the copy reads past it, and the process dies of SIGSEGV — a server with many
/// connections, or the test suite, now and then (issue 9). Here the child closes them itself
/// (`posix_spawn_file_actions_addclosefrom_np`), nothing is listed, and the exit is reaped by a
/// thread of the child's own instead of a run loop.
///
/// The child starts in a process group of its own, with no signal blocked and SIGINT, SIGTERM
/// and SIGHUP at their defaults: what the parent ignores to catch by other means (`reel`
/// ignores SIGINT and SIGTERM to handle them on a queue) the child does not inherit. SIGPIPE
/// is left as the parent has it, by choice, as Foundation left it: a child of a process that
/// ignores it (SwiftNIO's) gets EPIPE on a closed pipe, and `reel` copes with both
/// (`CLIClosedPipeTests`).
public final class ChildProcess: @unchecked Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream {
        /// The parent's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// An open file (its descriptor is duplicated; the parent keeps and closes its own).
        case handle(FileHandle)
        /// The child's end of a pipe; the parent's copy of that end is closed once it started.
        case pipe(Pipe)
    }

    /// How the child ended.
    public enum Ending: Sendable, Equatable {
        /// It exited with ``ChildProcess/terminationStatus`` as its status.
        case exit
        /// A signal, ``ChildProcess/terminationStatus``'s number, ended it.
        case uncaughtSignal
    }

    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's whole environment; nil gives it the parent's.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    public var standardInput: Stream = .inherit
    public var standardOutput: Stream = .inherit
    public var standardError: Stream = .inherit
    /// Has the kernel SIGKILL the child when this process ends, even when it is SIGKILLed (see
    /// ``DeathSignal``): an ffmpeg does not write on into a project nobody runs any more.
    public var diesWithParent = false
    /// Called once the child has ended, on the thread that reaped it (then let go).
    public var terminationHandler: (@Sendable (ChildProcess) -> Void)?

    private struct State {
        var pid: pid_t = 0
        var running = false
        var status: Int32 = 0
        var ending: Ending = .exit
        var peakMemoryKB = 0
    }
    private let state = Mutex(State())
    private let exited = NSCondition()

    public init() {}

    public var processIdentifier: Int32 { state.withLock { $0.pid } }
    /// True from a successful ``run()`` until the child has ended and been reaped.
    public var isRunning: Bool { state.withLock { $0.running } }
    /// The exit status, or the number of the signal that ended it (see ``terminationReason``).
    public var terminationStatus: Int32 { state.withLock { $0.status } }
    public var terminationReason: Ending { state.withLock { $0.ending } }
    /// The most memory the child held at once, in KiB (its own, not its children's): known once it has ended.
    public var peakMemoryKB: Int { state.withLock { $0.peakMemoryKB } }

    /// Starts the child. Throws ``ReelError`` (`.unavailable`) when the program cannot be started.
    public func run() throws {
        guard let executable = executableURL?.path else {
            throw ReelError(.invalidInput, "no program was given to start")
        }
        // On the heap: the spawn may run on another thread (``DeathSignal``).
        let actions = UnsafeMutablePointer<posix_spawn_file_actions_t>.allocate(capacity: 1)
        posix_spawn_file_actions_init(actions)
        defer {
            posix_spawn_file_actions_destroy(actions)
            actions.deallocate()
        }
        // The parent's copies of the child's ends of pipes are closed once it has started, or
        // failed to: kept open, a reader would never see the end.
        defer {
            if case .pipe(let pipe) = standardInput { try? pipe.fileHandleForReading.close() }
            for case .pipe(let pipe) in [standardOutput, standardError] { try? pipe.fileHandleForWriting.close() }
        }
        func check(_ code: Int32) throws { if code != 0 { throw Self.cannotStart(executable, code) } }
        // A source at 0, 1 or 2 would be overwritten by an earlier redirection of the three:
        // it is copied above them first (and the copy closed once the child has started).
        var lifted: [Int32] = []
        defer { for fd in lifted { close(fd) } }
        func source(_ fd: Int32) throws -> Int32 {
            guard fd >= 0 else { throw Self.cannotStart(executable, EBADF) }
            guard fd <= 2 else { return fd }
            let copy = fcntl(fd, F_DUPFD_CLOEXEC, 3)
            guard copy >= 0 else { throw Self.cannotStart(executable, errno) }
            lifted.append(copy)
            return copy
        }
        for (number, stream) in [(STDIN_FILENO, standardInput), (STDOUT_FILENO, standardOutput), (STDERR_FILENO, standardError)] {
            switch stream {
            case .inherit: break
            case .null:
                try check(posix_spawn_file_actions_addopen(actions, number, "/dev/null", number == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0))
            case .handle(let handle): try check(posix_spawn_file_actions_adddup2(actions, try source(handle.fileDescriptor), number))
            case .pipe(let pipe):
                let end = number == STDIN_FILENO ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                try check(posix_spawn_file_actions_adddup2(actions, try source(end.fileDescriptor), number))
            }
        }
        try Self.closeTheRest(actions, check)
        if let directory = currentDirectoryURL?.path {
            guard let chdir = Self.addChdir else {
                throw ReelError(.unavailable, "cannot start \(executableURL?.lastPathComponent ?? executable) in \(directory): this C library cannot set a child's folder")
            }
            try check(directory.withCString { chdir(actions, $0) })
        }

        let attributes = UnsafeMutablePointer<posix_spawnattr_t>.allocate(capacity: 1)
        posix_spawnattr_init(attributes)
        defer {
            posix_spawnattr_destroy(attributes)
            attributes.deallocate()
        }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(attributes, &defaults)
        posix_spawnattr_setpgroup(attributes, 0)
        posix_spawnattr_setflags(attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let wrapper = diesWithParent ? DeathSignal.wrapper : nil
        let launched = wrapper.map { $0.program } ?? executable
        let argv = Self.cStrings((wrapper.map { [$0.program] + $0.options } ?? []) + [executable] + arguments)
        defer { Self.free(argv) }
        let envp = environment.map { Self.cStrings($0.map { "\($0.key)=\($0.value)" }) }
        defer { envp.map(Self.free) }

        let started = UnsafeMutablePointer<pid_t>.allocate(capacity: 1)
        defer { started.deallocate() }
        let spawn = { posix_spawn(started, launched, actions, attributes, argv, envp ?? environ) }
        let failed = wrapper == nil ? spawn() : DeathSignal.spawningThread.run(spawn)
        if failed != 0 { throw Self.cannotStart(executable, failed) }
        let pid = started.pointee
        state.withLock {
            $0.pid = pid
            $0.running = true
        }
        Thread { [self] in reap(pid) }.start()
    }

    /// Waits (blocking the calling thread) until the child has ended.
    public func waitUntilExit() {
        exited.lock()
        defer { exited.unlock() }
        while state.withLock({ $0.running }) { exited.wait() }
    }

    /// SIGTERM, if it still runs.
    public func terminate() { signal(SIGTERM) }

    /// SIGINT, if it still runs.
    public func interrupt() { signal(SIGINT) }

    /// Sends `number` to the child if it has not been reaped (its pid is still its own).
    public func signal(_ number: Int32) {
        state.withLock { if $0.running { _ = kill($0.pid, number) } }
    }

    /// Waits for the child to end without reaping it, then reaps it under the lock ``signal(_:)``
    /// takes: a signal never reaches a process that took over the pid.
    private func reap(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
        state.withLock {
            var status: Int32 = 0
            var usage = rusage()
            var waited: pid_t
            repeat { waited = wait4(pid, &status, 0, &usage) } while waited == -1 && errno == EINTR
            $0.peakMemoryKB = usage.ru_maxrss
            let signal = status & 0x7f
            // An end that cannot be read (another waiter took it) is no success: status -1.
            ($0.status, $0.ending) = waited != pid ? (-1, .exit) : signal == 0 ? ((status >> 8) & 0xff, .exit) : (signal, .uncaughtSignal)
            $0.running = false
        }
        exited.lock()
        exited.broadcast()
        exited.unlock()
        // Called once, then let go: the handler often holds what holds this child.
        let handler = terminationHandler
        terminationHandler = nil
        handler?(self)
    }

    private static func cannotStart(_ executable: String, _ code: Int32) -> ReelError {
        ReelError(.unavailable, "cannot start \(URL(fileURLWithPath: executable).lastPathComponent): \(String(cString: strerror(code)))",
                  at: executable)
    }

    private static func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { array[index] = strdup(string) }
        array[strings.count] = nil
        return array
    }

    private static func free(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        var index = 0
        while let string = array[index] {
            Foundation.free(string)
            index += 1
        }
        array.deallocate()
    }

    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's extensions (2.34 and 2.29), which Swift's Glibc module does not declare.
    private static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }

    /// Closes every descriptor above the three standard ones in the child: another child's pipe
    /// left open in this one would keep that child from ever seeing the end of its input.
    private static func closeTheRest(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                     _ check: (Int32) throws -> Void) throws {
        if let addClosefrom {
            try check(addClosefrom(actions, 3))
            return
        }
        // An older C library: the descriptors open now, by name (no directory entry is copied).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { try check(posix_spawn_file_actions_addclose(actions, fd)) }
    }
}

/// Children that die with Reel, even when Reel is SIGKILLed.
///
/// On Linux a child asks the kernel for SIGKILL when its parent goes
/// (`prctl(PR_SET_PDEATHSIG)`, through util-linux's `setpriv --pdeathsig KILL`, which then
/// execs the program under the same pid). The kernel's "parent" is the *thread* that spawned
/// the child, and dispatch retires idle threads, which would kill a running ffmpeg; so these
/// children are spawned from one thread that lives as long as the process. Where `setpriv` is
/// missing they are started directly, and the scratch they leave is cleared by later runs
/// (``ScratchSweep``).
enum DeathSignal {
    static let wrapper: (program: String, options: [String])? = {
        #if os(Linux)
        for candidate in ["/usr/bin/setpriv", "/bin/setpriv"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return (candidate, ["--pdeathsig", "KILL", "--"])
        }
        #endif
        return nil
    }()

    static let spawningThread = SpawningThread()

    /// One thread that runs what it is handed, one at a time, for as long as the process lives.
    final class SpawningThread: @unchecked Sendable {
        private let condition = NSCondition()
        private var work: [() -> Void] = []

        init() {
            let thread = Thread { [unowned self] in loop() }
            thread.name = "reel-spawner"
            thread.stackSize = 1 << 18
            thread.start()
        }

        /// Runs `body` on the thread and waits for it.
        func run(_ body: @escaping () -> Int32) -> Int32 {
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: Int32 = 0
            condition.lock()
            work.append {
                result = body()
                done.signal()
            }
            condition.signal()
            condition.unlock()
            done.wait()
            return result
        }

        private func loop() {
            while true {
                condition.lock()
                while work.isEmpty { condition.wait() }
                let next = work.removeFirst()
                condition.unlock()
                next()
            }
        }
    }
}
