import Dispatch
import Testing

/// Runs a suite's or a test's body on a thread of its own instead of Swift's cooperative pool.
///
/// The pool has one thread per core (two on the CI machine). A test that computes for seconds
/// without suspending — synthesising and analysing music in a debug build — holds one of them
/// all along; two such tests side by side stopped every other test of the process for minutes
/// (database statements unanswered, simulated providers and servers silent, time limits
/// passed). Such suites carry `.offThePool`: their work still uses the CPU, but no longer
/// takes the pool's threads from the others.
public struct OffThePool: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        // Each test case on a thread of its own (a serial queue runs on one of dispatch's
        // overcommit threads, which the cooperative pool does not use).
        guard testCase != nil else { return try await function() }
        try await withTaskExecutorPreference(OwnThreadExecutor()) { try await function() }
    }
}

extension Trait where Self == OffThePool {
    /// Runs the tests on threads of their own, off Swift's cooperative pool (see ``OffThePool``).
    public static var offThePool: OffThePool { OffThePool() }
}

/// A task executor with a serial queue of its own: the jobs of the tasks that prefer it run
/// there, one at a time, never on the cooperative pool.
public final class OwnThreadExecutor: TaskExecutor, @unchecked Sendable {
    let queue = DispatchQueue(label: "reel.own-thread")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
