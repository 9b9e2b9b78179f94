import Foundation
import ReelEngine
import ReelModel

/// A sleeper that returns at once and remembers what it was asked to wait.
public actor RecordingSleeper: Sleeper {
    public private(set) var waits: [Double] = []
    public init() {}
    public func sleep(seconds: Double) async throws {
        waits.append(seconds)
        await Task.yield()
    }
}

/// A runner whose behaviour each test scripts: it stores `"id|params|inputs"` as the
/// output (so outputs depend on the request and the inputs, like real work) and counts
/// calls per node.
public final class ScriptedRunner: NodeRunner, @unchecked Sendable {
    /// What one call of a scripted node does: succeed, fail, or submit a handle and then fail.
    public enum Step: Sendable {
        case succeed
        case fail(JobFailure)
        /// Submits a provider handle, then fails this way (as a crash mid-poll would).
        case submitThenFail(ProviderHandle, JobFailure)
    }

    private let lock = NSLock()
    private var scripts: [NodeID: [Step]] = [:]
    private var calls: [NodeID: Int] = [:]
    private var resumes: [NodeID: [ProviderHandle]] = [:]
    private var running = 0
    public private(set) var maxConcurrent = 0
    public var delay: Double
    /// With `holdUntil: n`, the first calls wait until `n` of them run at once, then all go
    /// on: a limit of `n` is shown reached by an event, not by timing.
    private let holdUntil: Int?
    private var held: [CheckedContinuation<Void, Never>] = []
    private var opened = false

    public init(delay: Double = 0, holdUntil: Int? = nil) {
        self.delay = delay
        self.holdUntil = holdUntil
    }

    /// Waits, while the hold is closed, for the `holdUntil`-th concurrent call.
    private func passHold() async {
        guard let holdUntil else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = lock.withLock {
                guard !opened else { return [continuation] }
                held.append(continuation)
                guard running >= holdUntil else { return [] }
                opened = true
                defer { held = [] }
                return held
            }
            for waiting in release { waiting.resume() }
        }
    }

    /// Steps for successive calls of `node`; once used up, calls succeed.
    public func script(_ node: NodeID, _ steps: [Step]) {
        lock.withLock { scripts[node] = steps }
    }

    public func callCount(_ node: NodeID) -> Int { lock.withLock { calls[node, default: 0] } }
    public var totalCalls: Int { lock.withLock { calls.values.reduce(0, +) } }
    public func resumedHandles(_ node: NodeID) -> [ProviderHandle] { lock.withLock { resumes[node, default: []] } }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let step: Step = lock.withLock {
            calls[node.id, default: 0] += 1
            running += 1
            maxConcurrent = max(maxConcurrent, running)
            if let r = context.resume { resumes[node.id, default: []].append(r) }
            var steps = scripts[node.id, default: []]
            let s = steps.isEmpty ? Step.succeed : steps.removeFirst()
            scripts[node.id] = steps
            return s
        }
        defer { lock.withLock { running -= 1 } }
        await passHold()
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) } else { await Task.yield() }
        switch step {
        case .succeed:
            let text = "\(node.id)|\(node.spec.params.canonical)|" + context.inputs.map(\.digest.short).joined(separator: ",")
            return NodeOutput(asset: try context.blobs.put(Data(text.utf8), mediaType: "text/plain"),
                              cost: node.estimatedCost)
        case .fail(let failure):
            throw failure
        case .submitThenFail(let handle, let failure):
            try await context.submitted(handle)
            throw failure
        }
    }
}

/// A graph of `n` independent nodes feeding one sink, on `provider`.
public func fanInGraph(_ n: Int, provider: ProviderID = "p", cost: Money? = nil) -> JobGraph {
    var graph = JobGraph()
    for i in 0..<n {
        graph.add(GraphNode(id: NodeID("n\(i)"), spec: JobSpec(kind: "work", provider: provider, params: ["i": .int(Int64(i))]),
                            estimatedCost: cost))
    }
    graph.add(GraphNode(id: "sink", spec: JobSpec(kind: "work", provider: "local"), inputs: (0..<n).map { NodeID("n\($0)") }))
    return graph
}

/// Registers `runner` for the `work` kind.
public func registry(_ runner: any NodeRunner) -> RunnerRegistry {
    var r = RunnerRegistry()
    r.register(runner, kind: "work")
    return r
}
