import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore

/// The parts of a made film a benchmark needs: its graph, its store and its outputs.
public struct FilmWorkbench: Sendable {
    public let studio: Studio
    public let storyboard: Storyboard
    public let film: FilmGraph
    public let blobs: DirectoryBlobStore
    public let database: ProjectDatabase
    public let settings: RenderSettings

    /// Plans `script` and builds its graph in `studio`'s workspace, without running it.
    public init(studio: Studio, script: URL, settings: RenderSettings) throws {
        self.studio = studio
        self.settings = settings
        storyboard = try studio.plan(script: script, format: settings.format)
        (database, blobs) = try Workspace.forScript(script, environment: studio.environment).open()
        film = try FilmGraphBuilder(storyboard: storyboard, settings: settings, generators: studio.localGenerators()).build()
    }

    /// Runs the graph (or the part needed for `targets`), re-running the nodes in `fresh`
    /// even when their outputs are cached.
    public func run(targets: [NodeID]? = nil, fresh: Set<NodeID> = []) async throws -> RunSummary {
        let graph = targets.map { film.graph.subgraph(including: $0) } ?? film.graph
        var options = ExecutorOptions(limits: Studio.localLimits())
        options.refresh = fresh
        let summary = try await studio.executor(generators: studio.localGenerators(), journal: SQLiteJournal(database: database),
                                                blobs: blobs, options: options).run(graph)
        try Studio.requireSuccess(summary, graph: graph)
        return summary
    }

    /// The file of a node's output after a run.
    public func file(_ node: NodeID, in summary: RunSummary) -> URL? {
        summary.outputs[node].map { blobs.url(for: $0.asset) }
    }
}
