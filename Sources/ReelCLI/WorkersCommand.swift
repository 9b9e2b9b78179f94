import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel workers`: who in the studio works on what.
struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "The studio's processes at work: its workers and their jobs, and which run holds which project.",
        discussion: "Reads the studio database (--database or REEL_DATABASE); a project one of them holds waits for it elsewhere.")

    @Option(help: ArgumentHelp("The studio database (default: REEL_DATABASE).", valueName: "postgres://user@host/db"))
    var database: String?

    @Flag(help: "Print them as JSON.")
    var json = false

    func run() async throws {
        _ = try await Workspace.useStudio(database: database, media: nil)
        let report = try await Studio().workers()
        if json { return try Terminal.json(report) }
        let (workers, runs) = (report.workers, report.runs)
        let waiting = report.waiting.values.reduce(0, +)
        guard !workers.isEmpty || !runs.isEmpty || waiting > 0 else { return Terminal.out("nobody is working in \(report.database ?? "")") }
        let clock = DateFormatter()
        clock.dateFormat = "yyyy-MM-dd HH:mm"
        if !workers.isEmpty {
            Terminal.out("workers:")
            for worker in workers {
                let kinds = worker.kinds.isEmpty ? "every kind" : worker.kinds.joined(separator: ",")
                let downloading = worker.jobs.filter { $0.downloading == true }.count
                let state = worker.alive ? "at work, \(worker.jobs.count - downloading) of \(worker.slots) slots busy"
                    + (downloading > 0 ? " (and \(downloading) downloading)" : "")
                    : "stopped or silent since \(clock.string(from: worker.seenAt))"
                Terminal.out("  \(worker.name)  on \(worker.host) pid \(worker.pid)  \(kinds)  \(state)  "
                             + "\(worker.done) done, \(worker.failed) failed\(worker.tookOver > 0 ? ", \(worker.tookOver) taken over" : "")")
                for job in worker.jobs {
                    Terminal.out("    \(job.project)  \(job.label)\(job.progress.map { String(format: "  %.0f%%", $0 * 100) } ?? "")"
                                 + (job.downloading == true ? "  downloading" : ""))
                }
            }
        }
        for budget in report.budgets where budget.cap != nil {
            Terminal.out("budget \(budget.currency): \(budget.spent) spent, \(budget.inFlight) in flight, of \(budget.cap!)")
        }
        if waiting > 0 {
            Terminal.out("waiting for a worker: \(Plural.count(waiting, "job")) (\(report.waiting.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))")
        }
        if !runs.isEmpty {
            Terminal.out("runs:")
            for run in runs {
                let place = [run.host.map { "on \($0)" }, run.pid.map { "pid \($0)" }].compactMap { $0 }.joined(separator: " ")
                Terminal.out("  \(run.project)  reel \(run.command)\(place.isEmpty ? "" : "  \(place)")\(run.since.map { "  since \(clock.string(from: $0))" } ?? "")")
            }
        }
    }
}
