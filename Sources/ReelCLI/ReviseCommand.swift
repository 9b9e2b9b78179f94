import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel revise "instruction"`: the project's script revised by the language model, with the
/// old script kept and the diff shown — never a silent rewrite.
struct ReviseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revise",
        abstract: "Revise the script with a language model: the old one is kept, the diff shown, the storyboard re-planned.",
        discussion: """
            reel revise "move scene 2 to night and give Ben a line of doubt" sends the script and the \
            instruction to the model named by REEL_WRITER (or --writer). The answer must be the whole \
            script in the same format, still with scenes, and different; then the old script goes to \
            revisions/NNN-<name>, the diff to revisions/NNN.diff, the new script takes its place and the \
            storyboard is planned again (shot ids stay, your shot edits win). --dry-run shows the diff \
            and writes nothing. The call is cached: the same instruction on the same script costs nothing twice.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "What to change, in a sentence.")
    var instruction: [String] = []

    @Option(help: "The language model: PROVIDER or PROVIDER/MODEL (default: $REEL_WRITER).")
    var writer: String?

    @Option(help: "Ask again for another revision: a new seed is a new call.")
    var seed: UInt64 = 1

    @Flag(help: "Show what would change; write nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if instruction.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("say what to change: `reel revise \"move scene 2 to night\"`")
        }
    }

    func run() async throws {
        // A dry run writes no script, but keeps the model's answer in the journal (so the real run costs nothing).
        let production = try project.open(lockFor: "revise")
        defer { production.close() }
        let report = try await Studio().revise(production, ReviseRequest(
            instruction: instruction.joined(separator: " "), writer: writer, seed: seed, dryRun: dryRun))
        if json { return try Terminal.json(report) }
        if !report.diff.isEmpty { Terminal.out(String(report.diff.dropLast())) }
        for change in report.changes { Terminal.out("  • \(change)") }
        Terminal.out("\(report.script): -\(report.removedLines) +\(report.addedLines) lines by \(report.writer.provider)/\(report.writer.model) "
                     + "(\(report.writer.summary))")
        if let backup = report.backup, let diff = report.diffFile, let after = report.shotsAfter {
            Terminal.out("  the old script is \(backup), the diff \(diff); storyboard: \(report.shotsBefore) → \(after) shots")
            Terminal.err("next: reel board, then reel generate for the shots that changed")
        } else {
            Terminal.out("  dry run: nothing written")
        }
    }
}
