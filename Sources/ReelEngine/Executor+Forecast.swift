import Foundation
import ReelModel

/// What a run would do with one node, found without running anything.
public enum Forecast: Hashable, Sendable {
    /// Its output is in the store: it will be reused.
    case cached
    /// A provider accepted it earlier: it will be polled, not paid for again.
    case resumes(ProviderHandle)
    /// It will run (and, with a provider that charges, cost about its estimate).
    case runs
}

extension Executor {
    /// Walks the graph in order, resolving cache keys as far as cached outputs allow: a
    /// node whose inputs are all cached is looked up in the journal; anything downstream
    /// of work still to do will run.
    public func forecast(_ graph: JobGraph) async throws -> [NodeID: Forecast] {
        var outputs: [NodeID: NodeOutput] = [:]
        var result: [NodeID: Forecast] = [:]
        for node in topologicalOrder(graph) {
            if let given = node.given, blobs.contains(given.asset) {
                outputs[node.id] = given
                result[node.id] = .cached
                continue
            }
            let inputs = node.inputs.compactMap { outputs[$0] }
            guard inputs.count == node.inputs.count else {
                result[node.id] = .runs
                continue
            }
            let key = CacheKey(spec: node.spec, inputs: inputs.map(\.asset.digest))
            switch try await journal.entry(for: key)?.state {
            case .succeeded(let output) where blobs.contains(output.asset) && !options.refresh.contains(node.id):
                outputs[node.id] = output
                result[node.id] = .cached
            case .submitted(let handle):
                result[node.id] = .resumes(handle)
            default:
                result[node.id] = .runs
            }
        }
        return result
    }

    func topologicalOrder(_ graph: JobGraph) -> [GraphNode] {
        var state = SchedulerState(graph: graph)
        var order: [GraphNode] = []
        while let provider = state.readyProviders.first, let id = state.peek(provider) {
            state.start(id)
            state.complete(id)
            order.append(graph[id]!)
        }
        return order
    }
}
