import Dispatch
import Foundation

/// Where a fake server's tasks run: a serial queue of its own rather than Swift's
/// cooperative pool.
///
/// Tests run side by side, and some keep the cooperative threads busy with long
/// synchronous work (parsing, synthesis); a server that shared those threads could leave
/// a request unanswered for seconds and turn a test of something else into a timeout.
/// Its own queue gets its own thread; nothing it runs blocks for long.
final class FakeServerExecutor: TaskExecutor, Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
