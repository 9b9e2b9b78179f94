import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel review [SHOTS…] --html DIR`: the takes side by side, as a page.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write a review page: each shot's takes side by side, with frames, the quality check, cost and the pick.",
        discussion: """
            The page plays a shot's takes together for comparison and works from file://. Each \
            finished take is checked as `reel check` checks a clip (black, frozen, flashes, cuts, \
            length, size, bars, sound); `--no-check` leaves that out.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "Shots to review, e.g. S01-02 or 'S03-*' (default: every shot).")
    var shots: [String] = []

    @Option(name: .customLong("html"), help: "The directory to write index.html and its frames into.",
            completion: .directory)
    var directory = "review"

    @Flag(inversion: .prefixedNo, help: "Run the quality check on every take.")
    var check = true

    @Flag(help: "Print what the page shows as JSON.")
    var json = false

    func run() async throws {
        let production = try project.open(lockFor: nil)
        defer { production.close() }
        let result = try await Studio().review(production, shots: shots, directory: URL(fileURLWithPath: directory), check: check)
        if json { return try Terminal.json(result.sheet.rows) }
        let takes = result.sheet.rows.flatMap(\.cards)
        let failed = takes.filter { $0.verdict?.passed == false }
        Terminal.out("\(Plural.count(result.sheet.rows.count, "shot")), \(Plural.count(takes.count, "take"))"
                     + (check ? ", \(failed.count) failing the check" : "") + ": \(result.html.path)")
        if let contact = result.contactSheet { Terminal.out("contact sheet: \(contact.path)") }
        for warning in result.warnings { Terminal.err("warning: \(warning)") }
        for card in failed {
            Terminal.out("  \(card.take.take): " + (card.verdict?.problems.map(\.summary).joined(separator: "; ") ?? ""))
        }
    }
}
