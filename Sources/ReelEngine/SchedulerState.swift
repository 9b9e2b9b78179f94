import Foundation
import ReelModel

/// The scheduler's bookkeeping as a pure value: which nodes wait on inputs, which are
/// ready (in priority order), running, delayed, done, failed or skipped.
///
/// Ready nodes are ordered by the length of the longest chain of work that still
/// depends on them (the critical path first), then by graph order.
public struct SchedulerState: Sendable {
    /// Where one node stands in the run. `waiting` counts the inputs not yet done; `skipped`
    /// means an input failed, so the node will not run.
    public enum Status: Hashable, Sendable {
        case waiting(inputs: Int)
        case ready
        case running
        /// Waiting out a backoff or Retry-After before it is ready again.
        case delayed
        case done
        case failed
        case skipped
    }

    public private(set) var status: [NodeID: Status] = [:]
    /// Nodes ready, running or delayed.
    private var active = 0
    private var order: [NodeID: Int] = [:]
    private var rank: [NodeID: Int] = [:]
    private var dependents: [NodeID: [NodeID]] = [:]
    private var inputsOf: [NodeID: Set<NodeID>] = [:]
    private var providerOf: [NodeID: ProviderID] = [:]
    /// Ready nodes per provider, lowest priority first (so the best is at the end).
    private var queues: [ProviderID: [NodeID]] = [:]

    /// Ready nodes, highest priority first.
    public var ready: [NodeID] {
        queues.values.flatMap { $0 }.sorted { priority($0) > priority($1) }
    }

    /// Providers with ready nodes, in a stable order.
    public var readyProviders: [ProviderID] {
        queues.compactMap { $0.value.isEmpty ? nil : $0.key }.sorted()
    }

    /// The ready node of `provider` that should start next.
    public func peek(_ provider: ProviderID) -> NodeID? { queues[provider]?.last }

    /// The ready nodes of `provider`, best first.
    public func ready(for provider: ProviderID) -> [NodeID] { (queues[provider] ?? []).reversed() }

    public init(graph: JobGraph) {
        for (i, node) in graph.nodes.enumerated() where order[node.id] == nil {
            order[node.id] = i
            providerOf[node.id] = node.spec.provider
            status[node.id] = .waiting(inputs: Set(node.inputs).count)
            inputsOf[node.id] = Set(node.inputs)
            for input in Set(node.inputs) { dependents[input, default: []].append(node.id) }
        }
        computeRanks(graph)
        for node in graph.nodes where status[node.id] == .waiting(inputs: 0) {
            makeReady(node.id)
        }
    }

    /// True when no node is ready, running or delayed.
    public var isFinished: Bool { active == 0 }

    private static func isActive(_ s: Status?) -> Bool {
        switch s {
        case .ready, .running, .delayed: true
        default: false
        }
    }

    /// Sets a node's status, keeping the count of active nodes.
    private mutating func set(_ id: NodeID, _ new: Status) {
        let wasActive = Self.isActive(status[id])
        status[id] = new
        active += (Self.isActive(new) ? 1 : 0) - (wasActive ? 1 : 0)
    }

    public func count(_ wanted: Status) -> Int { status.values.filter { $0 == wanted }.count }

    /// Marks a ready node as running.
    public mutating func start(_ id: NodeID) {
        precondition(status[id] == .ready, "\(id) is not ready")
        dequeue(id)
        set(id, .running)
    }

    /// Marks a node done; returns the dependents that became ready.
    @discardableResult
    public mutating func complete(_ id: NodeID) -> [NodeID] {
        if status[id] == .ready { dequeue(id) }
        set(id, .done)
        var newlyReady: [NodeID] = []
        for d in dependents[id, default: []] {
            guard case .waiting(let n) = status[d] else { continue }
            if n <= 1 {
                makeReady(d)
                newlyReady.append(d)
            } else {
                set(d, .waiting(inputs: n - 1))
            }
        }
        return newlyReady
    }

    /// Marks a node failed; returns every node downstream of it, now skipped.
    @discardableResult
    public mutating func fail(_ id: NodeID) -> [NodeID] {
        if status[id] == .ready { dequeue(id) }
        set(id, .failed)
        var skipped: [NodeID] = []
        var stack = dependents[id, default: []]
        while let d = stack.popLast() {
            switch status[d] {
            case .waiting, .ready, .delayed:
                if status[d] == .ready { dequeue(d) }
                set(d, .skipped)
                skipped.append(d)
                stack += dependents[d, default: []]
            default:
                continue
            }
        }
        return skipped.sorted { order[$0]! < order[$1]! }
    }

    /// Puts done nodes whose output turned out damaged back in the ready set, and `consumer`
    /// (running; it found the damage) back to waiting for them. Their other dependents that
    /// had not started wait for them again. Returns the nodes that are ready now.
    @discardableResult
    public mutating func redo(_ nodes: [NodeID], requeue consumer: NodeID) -> [NodeID] {
        var nowReady: [NodeID] = []
        for id in nodes where status[id] == .done {
            makeReady(id)
            nowReady.append(id)
            for d in dependents[id, default: []] {
                switch status[d] {
                case .ready:
                    dequeue(d)
                    set(d, .waiting(inputs: pendingInputs(d)))
                case .waiting:
                    set(d, .waiting(inputs: pendingInputs(d)))
                default:
                    continue
                }
            }
        }
        if status[consumer] == .running {
            let pending = pendingInputs(consumer)
            if pending == 0 {
                makeReady(consumer)
                nowReady.append(consumer)
            } else {
                set(consumer, .waiting(inputs: pending))
            }
        }
        return nowReady
    }

    /// How many of a node's inputs are not done.
    private func pendingInputs(_ id: NodeID) -> Int {
        inputsOf[id, default: []].filter { status[$0] != .done }.count
    }

    /// Takes a running node out of the ready set until ``wake(_:)``.
    public mutating func delay(_ id: NodeID) {
        precondition(status[id] == .running, "\(id) is not running")
        set(id, .delayed)
    }

    public mutating func wake(_ id: NodeID) {
        guard status[id] == .delayed else { return }
        makeReady(id)
    }

    /// Higher runs first: the longer chain of work below, then the earlier in the graph.
    private func priority(_ id: NodeID) -> (Int, Int) { (rank[id] ?? 0, -(order[id] ?? 0)) }

    private mutating func makeReady(_ id: NodeID) {
        set(id, .ready)
        let provider = providerOf[id] ?? ""
        var queue = queues[provider] ?? []
        let key = priority(id)
        // Binary search for the first entry of higher priority (the queue is ascending).
        var lo = 0, hi = queue.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if priority(queue[mid]) < key { lo = mid + 1 } else { hi = mid }
        }
        queue.insert(id, at: lo)
        queues[provider] = queue
    }

    private mutating func dequeue(_ id: NodeID) {
        let provider = providerOf[id] ?? ""
        if queues[provider]?.last == id {
            queues[provider]?.removeLast()
        } else {
            queues[provider]?.removeAll { $0 == id }
        }
    }

    private mutating func computeRanks(_ graph: JobGraph) {
        // Longest chain of dependents below each node, computed sinks-first.
        var remaining = Dictionary(uniqueKeysWithValues: order.keys.map { ($0, dependents[$0, default: []].count) })
        var stack = order.keys.filter { remaining[$0] == 0 }
        var inputsOf: [NodeID: Set<NodeID>] = [:]
        for node in graph.nodes { inputsOf[node.id] = Set(node.inputs).filter { order[$0] != nil } }
        while let id = stack.popLast() {
            let r = 1 + (dependents[id, default: []].map { rank[$0] ?? 0 }.max() ?? 0)
            rank[id] = r
            for input in inputsOf[id, default: []] {
                remaining[input]! -= 1
                if remaining[input] == 0 { stack.append(input) }
            }
        }
    }
}
