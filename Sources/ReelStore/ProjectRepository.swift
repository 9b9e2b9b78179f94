import Foundation
import ReelEngine
import ReelModel

/// Everything a project keeps besides its jobs: the storyboard, takes, picks, money and
/// runs. A protocol so that a server database can come later behind the same tests.
public protocol ProjectRepository: Sendable {
    func loadStoryboard() async throws -> Storyboard?
    /// Saves the storyboard; shots not in it are kept as retired (their ids never return).
    func saveStoryboard(_ storyboard: Storyboard, fingerprints: [ShotID: String], scriptDigest: String?) async throws
    /// Every shot id the project has ever used, retired ones included.
    func knownShotIDs() async throws -> Set<ShotID>
    func takes(of shot: ShotID?) async throws -> [TakeStatus]
    func addTakes(_ takes: [TakeRecord]) async throws
    func pick(_ take: TakeID, for shot: ShotID) async throws
    func picks() async throws -> [ShotID: TakeID]
    func jobs(states: Set<String>) async throws -> [JobRow]
    /// What providers charged, per currency.
    func spent() async throws -> [Money]
    func stats() async throws -> ProjectStats
    /// Records that a run of the engine starts, before it runs anything: a run that is
    /// killed still counts. Returns the run's id for ``finishRun(_:summary:)``.
    func startRun(command: String, startedAt: Date) async throws -> Int64
    /// Records how a started run ended (its totals and cache hits).
    func finishRun(_ run: Int64, summary: RunSummary) async throws
}
