import Foundation
import ReelModel

/// The scheduler's bookkeeping as a pure value: which nodes wait on inputs, which are
/// ready (in priority order), running, delayed, done, failed or skipped.
///
/// Ready nodes are ordered by the length of the longest chain of work that still
/// depends on them (the critical path first), then by graph order.
public struct SchedulerState: Sendable {
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
    /// Ready nodes, highest priority first.
    public private(set) var ready: [NodeID] = []

    public init(graph: JobGraph) {
        for (i, node) in graph.nodes.enumerated() where order[node.id] == nil {
            order[node.id] = i
            status[node.id] = .waiting(inputs: Set(node.inputs).count)
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
        ready.removeAll { $0 == id }
        set(id, .running)
    }

    /// Marks a node done; returns the dependents that became ready.
    @discardableResult
    public mutating func complete(_ id: NodeID) -> [NodeID] {
        if status[id] == .ready { ready.removeAll { $0 == id } }
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
        if status[id] == .ready { ready.removeAll { $0 == id } }
        set(id, .failed)
        var skipped: [NodeID] = []
        var stack = dependents[id, default: []]
        while let d = stack.popLast() {
            switch status[d] {
            case .waiting, .ready, .delayed:
                if status[d] == .ready { ready.removeAll { $0 == d } }
                set(d, .skipped)
                skipped.append(d)
                stack += dependents[d, default: []]
            default:
                continue
            }
        }
        return skipped.sorted { order[$0]! < order[$1]! }
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

    private mutating func makeReady(_ id: NodeID) {
        set(id, .ready)
        let key = (rank[id] ?? 0, -(order[id] ?? 0))
        let index = ready.firstIndex { other in
            (rank[other] ?? 0, -(order[other] ?? 0)) < key
        } ?? ready.endIndex
        ready.insert(id, at: index)
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
