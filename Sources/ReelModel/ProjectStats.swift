import Foundation

/// The numbers `reel stats` reports: jobs, runs, money and yield.
public struct ProjectStats: Hashable, Sendable, Codable {
    public var jobsByState: [String: Int]
    /// Runs of the engine that started, finished or not.
    public var runs: Int
    /// Runs that started and never finished: killed, or running now.
    public var unfinishedRuns: Int
    /// Jobs served from the store instead of run, over the runs that finished.
    public var cacheHits: Int
    /// Jobs that ran to success (the journal's `succeeded` transitions), killed runs included.
    public var jobsRun: Int
    /// What providers charged, per currency.
    public var spent: [Money]
    /// Estimated cost of jobs submitted or running now, per currency.
    public var committed: [Money]
    public var takes: Int
    public var pickedShots: Int
    /// Takes made of the picked shots (at least one per pick): 1.0 is the ideal, teams
    /// typically see 1.3–1.5.
    public var attemptsPerPickedShot: Double?
    /// Yield by scene, provider and model, cost per accepted second, spend on unused takes.
    public var yield: YieldReport?

    public init(jobsByState: [String: Int], runs: Int, unfinishedRuns: Int, cacheHits: Int, jobsRun: Int, spent: [Money],
                committed: [Money], takes: Int, pickedShots: Int, attemptsPerPickedShot: Double?) {
        self.jobsByState = jobsByState
        self.runs = runs
        self.unfinishedRuns = unfinishedRuns
        self.cacheHits = cacheHits
        self.jobsRun = jobsRun
        self.spent = spent
        self.committed = committed
        self.takes = takes
        self.pickedShots = pickedShots
        self.attemptsPerPickedShot = attemptsPerPickedShot
    }
}
