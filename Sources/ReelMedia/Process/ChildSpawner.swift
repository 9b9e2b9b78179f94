import Foundation

/// Starts child processes so that they die with Reel, even when Reel is SIGKILLed.
///
/// On Linux a child asks the kernel for SIGKILL when its parent goes
/// (`prctl(PR_SET_PDEATHSIG)`, through util-linux's `setpriv --pdeathsig KILL`, which then
/// execs the program under the same pid). The kernel's "parent" is the *thread* that
/// spawned the child, and Swift's thread pool retires idle threads, which would kill a
/// running ffmpeg; so every child is spawned from one thread that lives as long as the
/// process. Where `setpriv` is missing, children are started directly, and the scratch
/// they leave is cleared by later runs (``ScratchSweep``).
final class ChildSpawner: @unchecked Sendable {
    static let shared = ChildSpawner()

    /// The program and arguments that run `executable` so it dies with Reel.
    static let deathSignalWrapper: (String, [String])? = {
        #if os(Linux)
        for candidate in ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return (candidate, ["--pdeathsig", "KILL", "--"])
        }
        #endif
        return nil
    }()

    private let condition = NSCondition()
    private var work: [@Sendable () -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "reel-spawner"
        thread.start()
    }

    /// Runs `body` on the spawning thread (it must not block for long).
    func perform(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        work.append(body)
        condition.signal()
        condition.unlock()
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

    /// `executable` and `arguments` as they are launched: behind the wrapper when there is one.
    static func launch(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        guard let (wrapper, options) = deathSignalWrapper else { return (executable, arguments) }
        return (wrapper, options + [executable] + arguments)
    }
}
