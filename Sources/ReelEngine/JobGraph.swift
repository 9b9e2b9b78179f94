import Foundation
import ReelModel

/// The jobs of a run and what each consumes: a directed acyclic graph in a stable order.
public struct JobGraph: Sendable {
    /// Nodes in the order they were added; ties in scheduling follow this order.
    public private(set) var nodes: [GraphNode]
    private var index: [NodeID: Int]

    public init(_ nodes: [GraphNode] = []) {
        self.nodes = []
        self.index = [:]
        for node in nodes { add(node) }
    }

    /// Adds a node; a node with an id already present replaces nothing and is reported by
    /// ``validate(runnable:)``.
    public mutating func add(_ node: GraphNode) {
        if index[node.id] == nil { index[node.id] = nodes.count }
        nodes.append(node)
    }

    public subscript(id: NodeID) -> GraphNode? {
        index[id].map { nodes[$0] }
    }

    public var count: Int { nodes.count }

    /// Nodes that consume `id`'s output.
    public func dependents(of id: NodeID) -> [NodeID] {
        nodes.filter { $0.inputs.contains(id) }.map(\.id)
    }

    /// Every problem with the graph, each tied to its node: duplicate ids, inputs that do
    /// not exist, cycles, and kinds no runner can run. Empty when the graph can run.
    public func validate(runnable: (GraphNode) -> Bool = { _ in true }) -> [GraphProblem] {
        var problems: [GraphProblem] = []
        var seen = Set<NodeID>()
        for node in nodes {
            if !seen.insert(node.id).inserted {
                problems.append(GraphProblem(node: node.id, message: "the id is used by more than one node"))
            }
            for input in node.inputs where index[input] == nil {
                problems.append(GraphProblem(node: node.id, message: "input \(input) is not in the graph"))
            }
            if !runnable(node) {
                problems.append(GraphProblem(
                    node: node.id,
                    message: "no runner for \(node.spec.kind) on provider \(node.spec.provider)"))
            }
        }
        problems += cycleProblems()
        return problems
    }

    private func cycleProblems() -> [GraphProblem] {
        // Kahn's algorithm; whatever is left over sits on a cycle.
        var indegree: [NodeID: Int] = [:]
        for node in nodes { indegree[node.id] = node.inputs.filter { index[$0] != nil }.count }
        var queue = nodes.filter { indegree[$0.id] == 0 }.map(\.id)
        var done = 0
        var dependents: [NodeID: [NodeID]] = [:]
        for node in nodes { for input in node.inputs { dependents[input, default: []].append(node.id) } }
        while let id = queue.popLast() {
            done += 1
            for d in dependents[id, default: []] {
                indegree[d]! -= 1
                if indegree[d] == 0 { queue.append(d) }
            }
        }
        guard done < Set(nodes.map(\.id)).count else { return [] }
        return nodes.filter { (indegree[$0.id] ?? 0) > 0 }.map {
            GraphProblem(node: $0.id, message: "depends on itself through a cycle")
        }
    }
}

/// One thing wrong with a graph, tied to the node it concerns.
public struct GraphProblem: Hashable, Sendable, CustomStringConvertible {
    public var node: NodeID
    public var message: String

    public init(node: NodeID, message: String) {
        self.node = node
        self.message = message
    }

    public var description: String { "\(node): \(message)" }
}

extension JobGraph {
    /// The nodes `ids` and everything they depend on, in the original order.
    public func subgraph(including ids: [NodeID]) -> JobGraph {
        var keep = Set<NodeID>()
        var stack = ids
        while let id = stack.popLast() {
            guard keep.insert(id).inserted, let node = self[id] else { continue }
            stack += node.inputs
        }
        return JobGraph(nodes.filter { keep.contains($0.id) })
    }
}
