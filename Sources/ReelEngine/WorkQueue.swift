import Foundation
import ReelModel

/// Other processes that run jobs — a studio's workers, on this machine or others. A run
/// hands them the jobs they take and waits for their end; the rest it runs itself.
///
/// The journal stays the run's: the run records a job's start and its result, a worker
/// records the provider's job id the moment it has one (so a worker that takes over a job
/// from one that died polls that job, and never pays for it again).
public protocol WorkQueue: Sendable {
    /// Whether a worker takes `node`'s jobs now; when none does, the job runs here.
    func hasWorker(for node: GraphNode) async throws -> Bool
    /// Hands the job to the workers and waits for its end: its output, or its failure
    /// thrown. Cancelling the wait withdraws the job.
    func perform(_ job: QueuedJob, context: JobContext) async throws -> NodeOutput
}

/// One job as a worker receives it: the node, its cache key, the files of its inputs, and
/// how to make the runners for it (the project's settings, never a key).
public struct QueuedJob: Codable, Sendable, Hashable {
    public var key: CacheKey
    public var node: NodeID
    public var spec: JobSpec
    public var inputNodes: [NodeID]
    public var inputs: [Asset]
    public var shot: ShotID?
    public var label: String
    public var estimatedCost: Money?
    public var attempt: Int
    public var idempotencyKey: String

    public init(_ node: GraphNode, context: JobContext) {
        key = context.key
        self.node = node.id
        spec = node.spec
        inputNodes = node.inputs
        inputs = context.inputs
        shot = node.shot
        label = node.label
        estimatedCost = node.estimatedCost
        attempt = context.attempt
        idempotencyKey = context.idempotencyKey
    }

    /// The graph node the job runs (as the runners and the journal know it).
    public var graphNode: GraphNode {
        GraphNode(id: node, spec: spec, inputs: inputNodes, shot: shot, label: label, estimatedCost: estimatedCost)
    }

    /// Where a job that a worker takes up stands in the journal: a provider's job to poll
    /// (submitted, or a stored result to fetch again), or nothing (start it).
    public static func resume(from entry: JournalEntry?) -> ProviderHandle? {
        switch entry?.state {
        case .submitted(let handle)?: handle
        case .succeeded(let output)?: output.source
        default: nil
        }
    }
}

/// A runner that hands its jobs to a ``WorkQueue`` while a worker takes them, and runs
/// them itself otherwise.
struct QueuedRunner: NodeRunner {
    let local: any NodeRunner
    let queue: any WorkQueue

    func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        guard try await queue.hasWorker(for: node) else { return try await local.run(node, context: context) }
        return try await queue.perform(QueuedJob(node, context: context), context: context)
    }

    func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep {
        guard try await queue.hasWorker(for: node) else { return try await local.start(node, context: context) }
        return .done(try await queue.perform(QueuedJob(node, context: context), context: context))
    }
}

extension RunnerRegistry {
    /// The same runners, each handing its jobs to `queue` while a worker takes them.
    public func queued(through queue: any WorkQueue) -> RunnerRegistry {
        var copy = self
        copy.mapRunners { QueuedRunner(local: $0, queue: queue) }
        return copy
    }
}
