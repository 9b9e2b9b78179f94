import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// What `reel status` reports.
public struct StatusReport: Sendable, Codable {
    /// Who holds the project now, when another reel is working on it.
    public var activeCommand: String?
    /// Jobs submitted to a provider or running.
    public var inFlight: [JobSummary]
    /// Jobs whose last attempt failed.
    public var failed: [JobSummary]
    public var shots: Int
    public var shotsWithTake: Int
    public var shotsPicked: Int
}

extension Studio {
    public func status(_ production: Production) async throws -> StatusReport {
        let board = try await production.repository.loadStoryboard()
        let takes = try await production.repository.takes(of: nil)
        let picks = try await production.repository.picks()
        let jobs = try await production.repository.jobs(states: ["submitted", "running", "failed"])
        return StatusReport(
            activeCommand: Studio.lockHolder(production.workspace.stateDirectory),
            inFlight: jobs.filter { $0.state != "failed" },
            failed: jobs.filter { $0.state == "failed" },
            shots: board?.shots.count ?? 0,
            shotsWithTake: Set(takes.filter(\.succeeded).map(\.shot)).count,
            shotsPicked: picks.count)
    }

    /// The shots with takes a run left unfinished that generating again would resume — by
    /// the same rule as `generate` (their shot's current version and provider), so resuming
    /// them (`resumeOnly`) makes exactly these and adds none. Empty when there are none.
    public func resumableShots(_ production: Production) async throws -> [ShotID] {
        guard try await production.repository.takes(of: nil).contains(where: \.state.isUnfinished) else { return [] }
        let result = try await generate(production, GenerateRequest(dryRun: true, resumeOnly: true))
        return Set(result.covered.map(\.shot)).sorted()
    }

    /// What providers have charged on the project so far, per currency (the projects page's
    /// "spent", beside the budget cap).
    public func spent(_ production: Production) async throws -> [Money] {
        try await production.repository.spent()
    }

    /// The project's numbers, with yield (``YieldReport``) from its takes, picks and storyboard.
    public func stats(_ production: Production) async throws -> ProjectStats {
        var stats = try await production.repository.stats()
        let takes = try await production.repository.takes(of: nil)
        let picks = try await production.repository.picks()
        var shots: [Shot] = []
        var cut: Set<TakeID> = []
        if let board = try await production.repository.loadStoryboard() {
            // The takes the render would show now: the same choice as the cut's.
            shots = board.shots
            let builder = try await filmBuilder(production, board: board)
            let byShot = Dictionary(grouping: takes, by: \.shot)
            for shot in board.shots {
                let choice = TakeChoice.choose(shot, fingerprint: builder.fingerprint(shot), takes: byShot[shot.id] ?? [],
                                               pick: picks[shot.id])
                if let (take, _) = choice.stored { cut.insert(take.id) }
            }
        }
        stats.yield = YieldReport(takes: takes, shots: shots, picks: picks,
                                  automatic: try await production.repository.automaticPicks(),
                                  local: [localGenerators().video.descriptor.id], cut: cut)
        return stats
    }

    /// The command holding the project lock, or nil when nobody does. Takes nothing, so
    /// asking never makes a writer wait.
    static func lockHolder(_ stateDirectory: URL) -> String? {
        ProjectLock.holder(of: stateDirectory)
    }
}

extension Studio {
    /// A token that changes whenever what a studio shows of the project changes: its state
    /// (``ProjectRepository/changeToken()``), its settings or its script. The studio's live
    /// view compares tokens to know when to refresh, whoever made the change.
    public func changeToken(_ production: Production) async throws -> String {
        var token = try await production.repository.changeToken()
        var files = [production.script] + (production.workspace.projectDirectory.map { [$0.appendingPathComponent(ProjectConfig.fileName)] } ?? [])
        // An episode changes when the series' bible or look does (a cast change in another episode).
        if let series = production.workspace.series {
            token += "-" + (try await production.cast.changeToken())
            files.append(series.appendingPathComponent(Series.fileName))
        }
        for file in files {
            let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? nil
            token += "-" + String(Int64((modified?.timeIntervalSince1970 ?? 0) * 1000), radix: 36)
        }
        return token
    }
}
