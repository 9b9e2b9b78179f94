import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
import ReelStudio

/// `reel keyframes`: keyframe candidates from an image model, to pick from before a video
/// take is paid for.
struct KeyframesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyframes",
        abstract: "Make keyframe candidates (stills from an image model) to pick before paying for video.",
        discussion: """
            Each shot gets stills from the configured image model (`keyframes:` in reel.yaml, or the \
            only one configured). Pick one with `reel pick SHOT --keyframe N`: the shot's remote takes \
            then start on it (image-to-video; in first-last mode a continuing shot ends on it). Run it \
            again after Ctrl-C or a crash: it resumes, and never pays twice.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Shots, by id or pattern, comma-separated: S01-02,S03-* (default: every shot).")
    var shots: String?

    @Option(help: "How many candidates each shot should have of its current version (more are added, none replaced).")
    var takes: Int = 4

    @Option(help: "The image model's provider (default: `keyframes:` in reel.yaml, else the only one configured).")
    var provider: String?

    @Flag(help: "Say which stills would be made and at what estimated cost; make nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func validate() throws {
        if !(1...12).contains(takes) { throw ValidationError("--takes must be from 1 to 12 (got \(takes))") }
    }

    func run() async throws {
        let production = try project.open(lockFor: dryRun ? nil : "keyframes")
        defer { production.close() }
        let request = GenerateRequest(shots: GenerateCommand.patterns(shots), takes: takes,
                                      provider: provider.map { ProviderID($0) }, dryRun: dryRun)
        let result = try await Progress.run(quiet: quiet || json || dryRun, stopping: production, command: "keyframes") { events in
            try await Studio().keyframes(production, request, events: events)
        }
        if dryRun { return try DryRunReport(result).show(json: json) }
        let summary = result.summary ?? RunSummary()
        let failed = summary.failures.count + summary.skipped.count
        if json {
            try Terminal.json(GenerateReport(result))
        } else {
            Terminal.out("\(Plural.count(result.covered.count, "keyframe")): \(result.covered.count - failed) ready, \(failed) failed"
                         + (result.covered.isEmpty ? " (every shot has \(takes) of its current version)" : ""))
            for (id, failure) in summary.failures.sorted(by: { $0.key < $1.key }) {
                Terminal.out("  \(result.graph[id]?.label ?? id.rawValue): \(failure)")
            }
            for note in result.notes { Terminal.out("note: \(note)") }
            if failed < result.covered.count {
                Terminal.out("see them with `reel shot SHOT` or `reel review`; pick one with `reel pick SHOT --keyframe N`")
            }
        }
        if failed > 0 {
            throw ReelError(.mediaFailed, "\(Plural.count(failed, "job")) did not finish",
                            hint: "`reel status` says why; run `reel keyframes` again to retry what can be retried")
        }
    }
}
