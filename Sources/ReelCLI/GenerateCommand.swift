import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
import ReelStudio

/// `reel generate`: make takes; after a crash or Ctrl-C, the same command resumes.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Make takes of shots. Run it again after Ctrl-C or a crash: it resumes, and never pays twice.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Shots to make, by id or pattern, comma-separated: S01-02,S03-* (default: every shot).")
    var shots: String?

    @Option(help: "How many takes each shot should have of its current version (more are added, none replaced).")
    var takes: Int?

    @Option(help: "The video provider (default: the project's).")
    var provider: String?

    @Flag(help: "Say which jobs would run, on which provider, at what estimated cost; run nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func validate() throws {
        if let takes, !(1...20).contains(takes) { throw ValidationError("--takes must be from 1 to 20 (got \(takes))") }
    }

    func run() async throws {
        let production = try project.open(lockFor: dryRun ? nil : "generate")
        defer { production.close() }
        let request = GenerateRequest(shots: Self.patterns(shots), takes: takes, provider: provider.map { ProviderID($0) },
                                      dryRun: dryRun)
        let result = try await Progress.run(quiet: quiet || json || dryRun, stopping: production, command: "generate") { events in
            try await Studio().generate(production, request, events: events)
        }
        if dryRun { return try DryRunReport(result).show(json: json) }
        let summary = result.summary ?? RunSummary()
        if json {
            try Terminal.json(GenerateReport(result))
        } else {
            let report = GenerateReport(result)
            if result.covered.isEmpty {
                Terminal.out(result.verdicts.isEmpty ? "nothing to make: every shot has its takes"
                             : "no new takes; \(Plural.count(result.verdicts.count, "earlier take")) checked")
            } else {
                let failed = result.covered.filter { report.failed[$0.node.rawValue] != nil || summary.skipped[$0.node] != nil }.count
                Terminal.out("\(Plural.count(result.covered.count, "take")) on \(Set(result.covered.map(\.provider)).map(\.rawValue).sorted().joined(separator: ", ")): "
                             + "\(result.covered.count - failed) ready, \(failed) failed")
            }
            for (id, failure) in summary.failures.sorted(by: { $0.key < $1.key }) {
                Terminal.out("  \(result.graph[id]?.label ?? id.rawValue): \(failure)")
            }
            for (take, verdict) in report.checks.sorted(by: { $0.key < $1.key }) where !verdict.passed {
                Terminal.out("  \(take) \(verdict.summary.replacingOccurrences(of: "failed:", with: "failed the check:"))")
            }
            for (take, critique) in report.critiques.sorted(by: { $0.key < $1.key }) {
                Terminal.out("  \(take) critic: \(critique.scores)" + (critique.notes.first.map { " — \($0)" } ?? ""))
            }
            for note in result.notes { Terminal.out("note: \(note)") }
        }
        // A check skipped because its take failed is that take's failure, not one more.
        let skipped = summary.skipped.keys.filter { result.graph[$0]?.spec.kind != .check }
        if !summary.failures.isEmpty || !skipped.isEmpty {
            throw ReelError(.mediaFailed, "\(Plural.count(summary.failures.count + skipped.count, "job")) did not finish",
                            hint: "`reel status` says why; run `reel generate` again to retry what can be retried")
        }
    }
}

extension GenerateCommand {
    /// `S01-02, S03-*` as the list of patterns it names; empty for every shot.
    static func patterns(_ text: String?) -> [String] {
        text.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
    }
}

/// `generate --dry-run` as text or JSON.
extension DryRunReport {
    /// Prints it, as JSON or as text.
    func show(json: Bool) throws {
        if json { try Terminal.json(self) } else { Terminal.out(text) }
    }

    var text: String {
        var out = ["dry run: nothing was submitted"]
        let byProvider = Dictionary(grouping: jobs, by: \.provider)
        for provider in byProvider.keys.sorted() {
            let lines = byProvider[provider]!
            let run = lines.filter { $0.forecast == "run" }.count
            let resume = lines.filter { $0.forecast == "resume" }.count
            let reuse = lines.filter { $0.forecast == "reuse" }.count
            out.append("  \(DryRunReport.name(of: provider)): \(run) to run, \(resume) to resume, \(reuse) reused")
        }
        for line in jobs where line.forecast != "reuse" {
            out.append("    \(line.forecast.padding(toLength: 7, withPad: " ", startingAt: 0)) \(line.node)"
                       + (line.estimate.map { "  ~\($0)" } ?? ""))
        }
        out.append("estimated cost: " + costText)
        if let cap = budgetCap {
            out.append("budget cap: \(cap); spent so far: " + (spent.isEmpty ? "nothing" : spent.map(\.description).joined(separator: " + ")))
        }
        return out.joined(separator: "\n")
    }

    /// How the dry run names who does a job: work done on this machine says so, and Reel's
    /// own steps (provider id `reel`: the caption layer over a panel, the check of a take) are not a provider.
    static func name(of provider: String) -> String {
        switch provider {
        case "reel": "Reel's own steps (caption layers, quality checks), on this machine"
        case "animatic": "animatic (built in), on this machine"
        case "espeak": "espeak-ng voices, on this machine"
        case "procedural": "procedural music, on this machine"
        case "ffmpeg": "ffmpeg, on this machine"
        default: provider
        }
    }
}
