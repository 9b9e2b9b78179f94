import Foundation
import ReelModel
import ReelTesting
import Synchronization
import Testing

@testable import ReelEngine

/// A provider's slot is for the provider's work: once a job's provider is done, its
/// download runs without the slot and the next job starts.
@Suite struct ExecutorSlotTests {
    /// Every job's provider part ends at once; the first job's download waits until the
    /// second job has started (or gives up after a while, failing the test).
    final class FetchingRunner: NodeRunner, Sendable {
        let started = Mutex<[NodeID]>([])
        let asset: Asset

        init(asset: Asset) { self.asset = asset }

        func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
            NodeOutput(asset: asset)
        }

        func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep {
            started.withLock { $0.append(node.id) }
            guard node.id == "n0" else { return .done(NodeOutput(asset: asset)) }
            let output = NodeOutput(asset: asset)
            return .fetch { [self] in
                let deadline = ContinuousClock.now + .seconds(20)
                while !self.started.withLock({ $0.contains("n1") }) {
                    guard ContinuousClock.now < deadline else { throw JobFailure(.failed, "n1 never started while n0 downloaded") }
                    try await Task.sleep(for: .milliseconds(5))
                }
                return output
            }
        }
    }

    @Test func aDownloadDoesNotHoldTheProvidersSlot() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let runner = FetchingRunner(asset: try blobs.put(Data("clip".utf8), mediaType: "video/mp4"))
        let executor = Executor(runners: registry(runner), journal: InMemoryJournal(), blobs: blobs,
                                options: ExecutorOptions(limits: ["p": 1]))
        let summary = try await executor.run(fanInGraph(2))
        #expect(summary.succeeded, "\(summary.failures)")
        #expect(runner.started.withLock { $0 }.prefix(2) == ["n0", "n1"])
        #expect(summary.ran == 3)
    }
}
