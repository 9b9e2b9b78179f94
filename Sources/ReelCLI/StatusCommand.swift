import ArgumentParser
import Foundation
import ReelModel
import ReelStore
import ReelStudio

/// `reel status`: what is running, waiting and failed, and why.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "What is running, queued and failed, and why.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    func run() async throws {
        let s = try await Studio().status(try project.open(lockFor: nil))
        if json { return try Terminal.json(s) }
        Terminal.out("\(s.shots) shots: \(s.shotsWithTake) with a finished take, \(s.shotsPicked) picked")
        if let active = s.activeCommand {
            Terminal.out("working now: \(active)")
        }
        if !s.inFlight.isEmpty {
            let verb = s.activeCommand == nil ? "interrupted (run `reel generate` to resume them; submitted jobs are polled, not paid again)" : "in flight"
            Terminal.out("\(s.inFlight.count) job(s) \(verb):")
            for job in s.inFlight.prefix(20) {
                Terminal.out("  \(job.state.padding(toLength: 9, withPad: " ", startingAt: 0)) \(job.node) on \(job.provider)"
                             + (job.providerJobID.map { " (provider job \($0))" } ?? ""))
            }
        }
        if !s.failed.isEmpty {
            Terminal.out("\(s.failed.count) job(s) failed:")
            for job in s.failed.prefix(20) {
                Terminal.out("  \(job.node) on \(job.provider): \(job.failureReason ?? "failed") — \(job.message ?? "")")
            }
        }
        if s.inFlight.isEmpty && s.failed.isEmpty { Terminal.out("nothing running, nothing failed") }
    }
}

/// `reel stats`: jobs, cache hits, money, yield.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Jobs by state, cache hits, money spent and committed, attempts per picked shot.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    func run() async throws {
        let s = try await Studio().stats(try project.open(lockFor: nil))
        if json { return try Terminal.json(s) }
        let states = s.jobsByState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Terminal.out("jobs: \(states.isEmpty ? "none" : states)")
        Terminal.out("runs: \(s.runs); jobs run \(s.jobsRun), reused from the store \(s.cacheHits)")
        Terminal.out("spent: " + (s.spent.isEmpty ? "nothing" : s.spent.map(\.description).joined(separator: " + "))
                     + "; committed (in flight): " + (s.committed.isEmpty ? "nothing" : s.committed.map(\.description).joined(separator: " + ")))
        Terminal.out("takes: \(s.takes); shots picked: \(s.pickedShots)"
                     + (s.attemptsPerPickedShot.map { String(format: "; attempts per picked shot: 1 : %.2f", $0) } ?? ""))
    }
}
