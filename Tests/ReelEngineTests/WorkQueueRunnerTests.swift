import Foundation
import ReelModel
import ReelTesting
import Synchronization
import Testing

@testable import ReelEngine

/// A run hands a job to the studio's workers while one takes its kind, and runs the rest
/// itself; a worker's failure is the job's, retried by the run like its own.
@Suite struct WorkQueueRunnerTests {
    /// Workers that take `kinds`, answering each job as the scripted runner would (its
    /// output made in the same store), or failing the first `failFirst` jobs.
    final class Workers: WorkQueue {
        let kinds: Set<NodeKind>
        let runner = ScriptedRunner()
        let handed = Mutex<[QueuedJob]>([])
        let failFirst: Int

        init(kinds: Set<NodeKind>, failFirst: Int = 0) {
            self.kinds = kinds
            self.failFirst = failFirst
        }

        func hasWorker(for node: GraphNode) async throws -> Bool { kinds.contains(node.spec.kind) }

        func perform(_ job: QueuedJob, context: JobContext) async throws -> NodeOutput {
            let count = handed.withLock { handed in
                handed.append(job)
                return handed.count
            }
            if count <= failFirst { throw JobFailure(.transient, "the worker's provider hiccuped") }
            return try await runner.run(job.graphNode, context: context)
        }
    }

    static func runners(_ runner: ScriptedRunner) -> RunnerRegistry {
        var r = RunnerRegistry()
        r.register(runner, kind: .video)
        r.register(runner, kind: .assemble)
        return r
    }

    static func graph() -> JobGraph {
        JobGraph([
            GraphNode(id: "take", spec: JobSpec(kind: .video, provider: "p", params: ["i": 1])),
            GraphNode(id: "cut", spec: JobSpec(kind: .assemble, provider: "p"), inputs: ["take"]),
        ])
    }

    /// A run handing jobs to workers keeps twice its limits going; the jobs no worker takes
    /// run here no more of a provider's at once than its own limit.
    @Test func jobsNoWorkerTakesRunHereWithinTheRunsOwnLimit() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let here = ScriptedRunner(delay: 0.02, holdUntil: 2)
        let options = ExecutorOptions(limits: ["p": 2]).handingToWorkers()
        #expect(options.limit(for: "p") == 4)
        let executor = Executor(runners: registry(here).queued(through: Workers(kinds: []), localLimit: { _ in 2 }),
                                journal: InMemoryJournal(), blobs: try DirectoryBlobStore(root: dir.url), options: options)
        let summary = try await executor.run(fanInGraph(8))
        #expect(summary.succeeded && here.totalCalls == 9)
        #expect(here.maxConcurrent == 2, "two at once here (reached: the first two wait for each other), never four")
    }

    @Test func jobsAWorkerTakesGoToTheQueueAndTheRestRunHere() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let here = ScriptedRunner()
        let workers = Workers(kinds: [.video])
        let executor = Executor(runners: Self.runners(here).queued(through: workers), journal: InMemoryJournal(), blobs: blobs)
        let summary = try await executor.run(Self.graph())
        #expect(summary.succeeded && summary.ran == 2)
        let handed = workers.handed.withLock { $0 }
        #expect(handed.map(\.node) == ["take"], "the take went to the workers")
        #expect(handed.first?.key == CacheKey(spec: Self.graph()["take"]!.spec, inputs: []))
        #expect(here.callCount("take") == 0 && here.callCount("cut") == 1, "the cut ran here: no worker takes it")
        #expect(blobs.contains(try #require(summary.outputs["take"]).asset))
    }

    @Test func aWorkersFailureIsRetriedByTheRunAsItsOwn() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let workers = Workers(kinds: [.video, .assemble], failFirst: 1)
        let journal = InMemoryJournal()
        let executor = Executor(runners: Self.runners(ScriptedRunner()).queued(through: workers), journal: journal, blobs: blobs,
                                sleeper: RecordingSleeper())
        let summary = try await executor.run(Self.graph())
        #expect(summary.succeeded)
        let handed = workers.handed.withLock { $0 }
        #expect(handed.map(\.node) == ["take", "take", "cut"])
        #expect(handed.map(\.attempt) == [1, 2, 1], "the retry is the job's second attempt")
        #expect(handed[0].idempotencyKey == handed[1].idempotencyKey, "and is the same request to a provider")
    }

    @Test func aWorkerResumesWhatTheJournalSays() {
        let key = CacheKey(digest: Hashing.sha256("k"))
        let handle = ProviderHandle(provider: "sim", jobID: "job-1")
        #expect(QueuedJob.resume(from: nil) == nil)
        #expect(QueuedJob.resume(from: JournalEntry(key: key, state: .running, attempts: 1)) == nil, "started, never accepted: start it")
        #expect(QueuedJob.resume(from: JournalEntry(key: key, state: .submitted(handle), attempts: 1)) == handle, "accepted: poll it")
        let stored = NodeOutput(asset: Asset(digest: Hashing.sha256("x"), mediaType: "video/mp4", byteCount: 1), source: handle)
        #expect(QueuedJob.resume(from: JournalEntry(key: key, state: .succeeded(stored), attempts: 1)) == handle,
                "a stored result fetched again from its provider's job")
    }
}
