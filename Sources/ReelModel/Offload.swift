import Dispatch

/// Runs synchronous work that takes long without suspending — synthesising a music cue,
/// say — on a thread of its own, outside Swift's cooperative pool, and waits for it.
///
/// The pool has one thread per core: two on a 2-core machine. Work that holds one of them
/// for seconds stops half of everything else in the process meanwhile — the studio server's
/// requests, a worker's heartbeats (its lease may run out), database statements; two such
/// jobs at once stop all of it. (The test suite stalled for minutes this way.)
public enum Offload {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            start { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Starts `work` off the pool and returns at once: for work whose end something else
    /// reports (a child process's spawn and its stdin, whose exit the termination handler says).
    public static func start(_ work: @escaping @Sendable () -> Void) {
        // A serial queue of its own runs on one of dispatch's overcommit threads, which the
        // cooperative pool does not use.
        DispatchQueue(label: "reel.offload").async(execute: work)
    }
}
