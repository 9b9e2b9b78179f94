import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelEngine

/// A blob is trusted by its name only after it hashes to it: a damaged file is made (or
/// fetched) again before any job reads it, and nothing is made from bytes that did not match.
@Suite struct BlobIntegrityTests {
    /// Flips one byte of the file in place: same size, different bytes.
    static func flipByte(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: 1)
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: 1)
        try handle.write(contentsOf: Data([byte ^ 0xff]))
    }

    /// The sink's params changed, so it must run again and read its inputs.
    static func changedSink(_ n: Int) -> JobGraph {
        var nodes = fanInGraph(n).nodes
        nodes[n].spec.params = ["changed": true]
        return JobGraph(nodes)
    }

    @Test func aDamagedCachedInputIsMadeAgainBeforeAJobReadsIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        let first = try await Executor(runners: registry(ScriptedRunner()), journal: journal, blobs: blobs).run(fanInGraph(2))
        let n0 = try #require(first.outputs["n0"]).asset
        try Self.flipByte(blobs.url(for: n0))
        #expect(blobs.contains(n0), "same size: a size check alone cannot tell")
        #expect(!blobs.verify(n0))

        let runner = ScriptedRunner()
        let summary = try await Executor(runners: registry(runner), journal: journal, blobs: blobs).run(Self.changedSink(2))
        #expect(summary.succeeded)
        #expect(runner.callCount("n0") == 1, "the damaged output is made again")
        #expect(runner.callCount("n1") == 0, "the whole one is reused")
        #expect(runner.callCount("sink") == 1)
        #expect(blobs.verify(n0), "the store holds the right bytes again")
        #expect(summary.cached == 1)
    }

    @Test func aCacheHitThatNothingReadsIsCheckedBySizeOnly() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        let first = try await Executor(runners: registry(ScriptedRunner()), journal: journal, blobs: blobs).run(fanInGraph(2))
        try Self.flipByte(blobs.url(for: try #require(first.outputs["n0"]).asset))
        // Nothing runs, so nothing reads the damaged file: the cached node costs no hashing.
        let runner = ScriptedRunner()
        let again = try await Executor(runners: registry(runner), journal: journal, blobs: blobs).run(fanInGraph(2))
        #expect(again.cached == 3)
        #expect(runner.totalCalls == 0)
    }

    @Test func aDamagedGivenFileFailsTheJobClearlyAndIsRemoved() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let take = try blobs.put(Data("a take's bytes".utf8), mediaType: "text/plain")
        try Self.flipByte(blobs.url(for: take))
        var given = GraphNode(id: "take", spec: JobSpec(kind: .asset, provider: "reel"), label: "take S01-01#1")
        given.given = NodeOutput(asset: take)
        var graph = JobGraph()
        graph.add(given)
        graph.add(GraphNode(id: "clip", spec: JobSpec(kind: "work", provider: "local"), inputs: ["take"]))
        let runner = ScriptedRunner()
        let summary = try await Executor(runners: registry(runner), journal: InMemoryJournal(), blobs: blobs).run(graph)
        let failure = try #require(summary.failures["clip"])
        #expect(failure.message.contains("take S01-01#1"))
        #expect(failure.message.contains("damaged"))
        #expect(runner.callCount("clip") == 0, "nothing is made from bytes that did not match")
        #expect(!blobs.contains(take), "removed, so the next run makes or fetches it again")
    }

    /// A remote result's job is kept with it: a damaged copy is fetched again from that job.
    final class RemoteLikeRunner: NodeRunner, @unchecked Sendable {
        let lock = NSLock()
        var submissions = 0
        var resumes: [ProviderHandle] = []
        let linkWorks: Bool
        init(linkWorks: Bool) { self.linkWorks = linkWorks }

        func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
            if node.id == "sink" {
                return NodeOutput(asset: try context.blobs.put(Data("cut".utf8), mediaType: "text/plain"))
            }
            let handle = ProviderHandle(provider: "remote", jobID: "job-1")
            if let resume = context.resume {
                lock.withLock { resumes.append(resume) }
                guard linkWorks else { throw JobFailure(.expired, "HTTP 410") }
            } else {
                lock.withLock { submissions += 1 }
                try await context.submitted(handle)
            }
            return NodeOutput(asset: try context.blobs.put(Data("paid video".utf8), mediaType: "text/plain"), source: handle)
        }
    }

    @Test(arguments: [true, false])
    func aDamagedRemoteResultIsFetchedAgainNeverPaidAgain(linkWorks: Bool) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        var graph = JobGraph()
        graph.add(GraphNode(id: "take", spec: JobSpec(kind: "work", provider: "remote")))
        graph.add(GraphNode(id: "sink", spec: JobSpec(kind: "work", provider: "local"), inputs: ["take"]))
        let runner = RemoteLikeRunner(linkWorks: linkWorks)
        let first = try await Executor(runners: registry(runner), journal: journal, blobs: blobs).run(graph)
        try Self.flipByte(blobs.url(for: try #require(first.outputs["take"]).asset))
        var changed = graph.nodes
        changed[1].spec.params = ["changed": true]
        let again = try await Executor(runners: registry(runner), journal: journal, blobs: blobs,
                                       sleeper: RecordingSleeper()).run(JobGraph(changed))
        #expect(runner.submissions == 1, "never submitted (paid for) again")
        #expect(runner.resumes.first?.jobID == "job-1")
        if linkWorks {
            #expect(again.succeeded)
        } else {
            let failure = try #require(again.failures["take"])
            #expect(failure.message.contains("can no longer be fetched"))
            #expect(again.skipped["sink"] != nil)
        }
    }

    @Test func schedulerRedoPutsTheProducerBackAndTheConsumerWaiting() {
        var graph = JobGraph()
        graph.add(GraphNode(id: "a", spec: JobSpec(kind: "work", provider: "p")))
        graph.add(GraphNode(id: "b", spec: JobSpec(kind: "work", provider: "p")))
        graph.add(GraphNode(id: "c", spec: JobSpec(kind: "work", provider: "p"), inputs: ["a", "b"]))
        graph.add(GraphNode(id: "d", spec: JobSpec(kind: "work", provider: "p"), inputs: ["a"]))
        var state = SchedulerState(graph: graph)
        state.complete("a")
        state.complete("b")
        state.start("c")
        #expect(state.status["d"] == .ready)
        let ready = state.redo(["a"], requeue: "c")
        #expect(ready == ["a"])
        #expect(state.status["a"] == .ready)
        #expect(state.status["c"] == .waiting(inputs: 1))
        #expect(state.status["d"] == .waiting(inputs: 1))
        state.start("a")
        #expect(Set(state.complete("a")) == ["c", "d"])
    }
}
