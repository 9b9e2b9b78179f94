import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
import ReelStudio

/// `reel status`: what is running, waiting and failed, and why.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "What is running, queued and failed, and why.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    func run() async throws {
        let production = try project.open(lockFor: nil)
        defer { production.close() }
        let s = try await Studio().status(production)
        if json { return try Terminal.json(s) }
        Terminal.out("\(Plural.count(s.shots, "shot")): \(s.shotsWithTake) with a finished take, \(s.shotsPicked) picked")
        if let active = s.activeCommand {
            Terminal.out("working now: \(active)")
        }
        if !s.inFlight.isEmpty {
            let resume = Studio().interruptedCommand(production).map { "run `reel \($0)` again" }
                ?? "run the command that was interrupted again (`reel generate` or `reel make`)"
            let verb = s.activeCommand == nil ? "interrupted (\(resume) to resume them; submitted jobs are polled, not paid again)" : "in flight"
            Terminal.out("\(Plural.count(s.inFlight.count, "job")) \(verb):")
            for job in s.inFlight.prefix(20) {
                Terminal.out("  \(job.state.padding(toLength: 9, withPad: " ", startingAt: 0)) \(job.node) on \(job.provider)"
                             + (job.providerJobID.map { " (provider job \($0))" } ?? ""))
            }
        }
        if !s.failed.isEmpty {
            Terminal.out("\(Plural.count(s.failed.count, "job")) failed:")
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
        commandName: "stats", abstract: "Jobs by state, cache hits, money spent and committed, takes made per picked shot.")

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
        Terminal.out("takes: \(s.takes); shots picked: \(s.pickedShots)")
        guard let y = s.yield, y.project.attempts > 0 else {
            // Only the animatic's takes: how many were made per picked shot.
            if let perPick = s.attemptsPerPickedShot {
                Terminal.out(String(format: "yield: %.2f takes made per picked shot (1.00 would mean every first take was kept)", perPick))
            }
            return
        }
        func money(_ m: [Money]) -> String { m.isEmpty ? "nothing" : m.map(\.description).joined(separator: " + ") }
        let ratio = y.project.attemptsPerAccepted.map { String(format: " (%.2f attempts per accepted shot; 1.00 would mean every first take was kept)", $0) } ?? ""
        Terminal.out("model takes: \(y.project.attempts), accepted \(y.project.accepted)\(ratio), failed the check \(y.project.failedCheck)")
        let perSecond = y.costPerAcceptedSecond.isEmpty ? "nothing" : y.costPerAcceptedSecond.map(\.rate).joined(separator: " + ")
        Terminal.out("per accepted second: \(perSecond); spent on takes not used: \(money(y.unused))")
        for (title, lines) in [("by scene", y.scenes), ("by provider/model", y.models)] where lines.count > 1 || title == "by provider/model" {
            Terminal.out(title + ":")
            for line in lines {
                let ratio = line.attemptsPerAccepted.map { String(format: "%.2f attempts per accepted shot", $0) } ?? "none accepted"
                Terminal.out("  \(line.group.padding(toLength: 14, withPad: " ", startingAt: 0)) \(line.attempts) attempts, \(ratio), "
                             + "\(line.failedCheck) failed the check, \(money(line.spent))")
            }
        }
    }
}
