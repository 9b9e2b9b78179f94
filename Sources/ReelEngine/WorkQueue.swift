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
/// them itself otherwise — no more of a provider's at once than `gate` lets through (a run
/// handing jobs to workers keeps more of them going than it runs itself:
/// ``ExecutorOptions/handingToWorkers()``).
struct QueuedRunner: NodeRunner {
    let local: any NodeRunner
    let queue: any WorkQueue
    let gate: ProviderGate?

    func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        guard try await queue.hasWorker(for: node) else {
            return try await locally(node) { try await local.run(node, context: context) }
        }
        return try await queue.perform(QueuedJob(node, context: context), context: context)
    }

    func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep {
        guard try await queue.hasWorker(for: node) else {
            return try await locally(node) { try await local.start(node, context: context) }
        }
        return .done(try await queue.perform(QueuedJob(node, context: context), context: context))
    }

    private func locally<T: Sendable>(_ node: GraphNode, _ body: () async throws -> T) async throws -> T {
        guard let gate else { return try await body() }
        try await gate.enter(node.spec.provider)
        do {
            let result = try await body()
            await gate.leave(node.spec.provider)
            return result
        } catch {
            await gate.leave(node.spec.provider)
            throw error
        }
    }
}

/// How many jobs of each provider may run at once in this process; the others wait their
/// turn (or stop waiting when cancelled).
actor ProviderGate {
    let limit: @Sendable (ProviderID) -> Int
    private var running: [ProviderID: Int] = [:]
    private var waiting: [ProviderID: [(id: UUID, continuation: CheckedContinuation<Void, any Error>)]] = [:]

    init(limit: @escaping @Sendable (ProviderID) -> Int) { self.limit = limit }

    func enter(_ provider: ProviderID) async throws {
        if running[provider, default: 0] < max(1, limit(provider)) {
            running[provider, default: 0] += 1
            return
        }
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled { return continuation.resume(throwing: CancellationError()) }
                waiting[provider, default: []].append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancel(id, provider) }
        }
    }

    /// Frees a place: the next waiting job takes it.
    func leave(_ provider: ProviderID) {
        if var queue = waiting[provider], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[provider] = queue
            next.continuation.resume()
        } else {
            running[provider, default: 1] -= 1
        }
    }

    private func cancel(_ id: UUID, _ provider: ProviderID) {
        guard let index = waiting[provider]?.firstIndex(where: { $0.id == id }) else { return }
        waiting[provider]?.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

extension RunnerRegistry {
    /// The same runners, each handing its jobs to `queue` while a worker takes them; with
    /// `localLimit`, the jobs no worker takes run here no more of a provider's at once.
    public func queued(through queue: any WorkQueue, localLimit: (@Sendable (ProviderID) -> Int)? = nil) -> RunnerRegistry {
        var copy = self
        let gate = localLimit.map(ProviderGate.init(limit:))
        copy.mapRunners { QueuedRunner(local: $0, queue: queue, gate: gate) }
        return copy
    }
}
