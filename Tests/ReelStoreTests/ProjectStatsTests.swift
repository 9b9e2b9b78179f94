import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// `reel stats` counts what happened, also when runs were killed before their summary.
@Suite struct ProjectStatsTests {
    @Test func killedRunsAndTheirJobsAreCounted() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try ProjectDatabase(path: dir.file("reel.sqlite").path)
        let repo = SQLiteProjectRepository(database: db)
        let journal = SQLiteJournal(database: db)
        let asset = Asset(digest: Hashing.sha256("take"), mediaType: "video/mp4", byteCount: 1)

        // Two runs killed half-way (no summary ever written), each finishing two jobs.
        for run in 0..<2 {
            _ = try await repo.startRun(command: "generate", startedAt: Date())
            for job in 0..<2 {
                let node = GraphNode(id: NodeID("video:S01-0\(run)#\(job)"), spec: JobSpec(kind: .video, provider: "sim", seed: UInt64(job)))
                let key = CacheKey(spec: node.spec, inputs: [Hashing.sha256("run \(run)")])
                try await journal.record(.running, for: key, node: node)
                try await journal.record(.succeeded(NodeOutput(asset: asset)), for: key, node: node)
            }
        }
        // Then a clean run that reuses everything.
        let last = try await repo.startRun(command: "render", startedAt: Date())
        try await repo.finishRun(last, summary: RunSummary(total: 4, cached: 4, ran: 0))

        let stats = try await repo.stats()
        #expect(stats.runs == 3)
        #expect(stats.unfinishedRuns == 2)
        #expect(stats.jobsRun == 4)
        #expect(stats.jobsByState == ["succeeded": 4])
        #expect(stats.cacheHits == 4)
    }
}
