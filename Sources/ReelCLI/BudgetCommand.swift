import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel budget`: what the whole studio may spend, all projects and machines together.
struct BudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "The studio's budget: what all its projects and machines together may spend, and have spent.",
        discussion: """
            Reads and sets the cap in the studio database (--database or REEL_DATABASE). Before any priced \
            job starts, on any machine, its estimate is added to what the studio spent and has in flight; a \
            job that would pass the cap does not start. A project's own cap (`budget: { cap: … }` in reel.yaml) \
            applies as well.
            """)

    @Option(help: ArgumentHelp("The studio database (default: REEL_DATABASE).", valueName: "postgres://user@host/db"))
    var database: String?

    @Option(help: ArgumentHelp("Set the cap in this amount's currency, as \"200 USD\" or \"¥1500\".", valueName: "amount"))
    var set: String?

    @Option(help: ArgumentHelp("Remove the cap in this currency.", valueName: "currency"))
    var clear: String?

    @Flag(help: "Print it as JSON.")
    var json = false

    func validate() throws {
        if let set, Money(parsing: set) == nil {
            throw ValidationError("--set: '\(set)' is not an amount with a currency (write \"200 USD\" or \"¥1500\")")
        }
        if let set, let cap = Money(parsing: set), cap.micros < 0 { throw ValidationError("--set: a budget cannot be negative (got \(set))") }
        if set != nil && clear != nil { throw ValidationError("--set and --clear cannot be used together") }
    }

    /// What `--json` prints.
    struct Report: Encodable {
        var database: String
        var budgets: [StudioBudget]
    }

    func run() async throws {
        guard try await Workspace.useStudio(database: database, media: nil) != nil else {
            throw ReelError(.usage, "the studio's budget is kept in its database, and none is named",
                            hint: "name it with --database postgres://user@host/db (or REEL_DATABASE); a single project's cap goes in its reel.yaml")
        }
        let (location, budgets) = try await Studio().studioBudget(set: set.flatMap { Money(parsing: $0) }, clear: clear?.uppercased())
        if json { return try Terminal.json(Report(database: location, budgets: budgets)) }
        guard !budgets.isEmpty else { return Terminal.out("the studio (\(location)) has no budget and has spent nothing; `reel budget --set \"200 USD\"` sets one") }
        for budget in budgets {
            let cap = budget.cap.map { "cap \($0)" } ?? "no cap"
            Terminal.out("\(budget.currency): \(cap); spent \(budget.spent), in flight \(budget.inFlight)")
        }
    }
}
