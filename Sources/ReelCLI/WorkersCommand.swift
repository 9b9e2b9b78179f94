import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel workers`: who in the studio works on what.
struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "The studio's processes at work: which reel holds which project, on which machine, since when.",
        discussion: "Reads the studio database (--database or REEL_DATABASE); a project one of them holds waits for it elsewhere.")

    @Option(help: ArgumentHelp("The studio database (default: REEL_DATABASE).", valueName: "postgres://user@host/db"))
    var database: String?

    @Flag(help: "Print them as JSON.")
    var json = false

    func run() async throws {
        _ = try await Workspace.useStudio(database: database, media: nil)
        let (location, workers) = try await Studio().workers()
        if json { return try Terminal.json(workers) }
        guard !workers.isEmpty else { return Terminal.out("nobody is working in \(location)") }
        let clock = DateFormatter()
        clock.dateFormat = "yyyy-MM-dd HH:mm"
        for worker in workers {
            let place = [worker.host.map { "on \($0)" }, worker.pid.map { "pid \($0)" }].compactMap { $0 }.joined(separator: " ")
            Terminal.out("\(worker.project)  reel \(worker.command)\(place.isEmpty ? "" : "  \(place)")\(worker.since.map { "  since \(clock.string(from: $0))" } ?? "")")
        }
    }
}
