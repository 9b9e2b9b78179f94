import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel consent`: the ledger of real people's consent to use their likeness.
struct ConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Record, revoke and list real people's consent to send their likeness to providers.",
        discussion: """
            A character marked with `reel cast add NAME --real-person` has their reference images sent \
            to no provider without consent in force for it. The ledger only grows: a revocation is a new \
            entry, and the evidence file is kept in the project's media store by its SHA-256.
            """,
        subcommands: [List.self, Grant.self, Revoke.self], defaultSubcommand: List.self)

    /// `reel consent [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The ledger: who granted what, to which providers, until when, evidence, revocations.")

        @OptionGroup var project: ProjectOptions

        @Flag(help: "Print the ledger as JSON.")
        var json = false

        func run() async throws {
            let production = try project.open(lockFor: nil)
            defer { production.close() }
            let ledger = try await Studio().consents(production)
            if json { return try Terminal.json(ledger) }
            if ledger.isEmpty { Terminal.out("the ledger is empty: no consent recorded") }
            for entry in ledger { Terminal.out(ConsentCommand.line(entry)) }
        }
    }

    /// `reel consent grant NAME --by WHO --evidence FILE`.
    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", abstract: "Record a real person's consent.")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The real person, as `reel cast` names them.")
        var name: String

        @Option(help: "Who granted it: the person, or their guardian or agent.")
        var by: String

        @Option(help: "The signed consent (PDF, photo, recording); its SHA-256 goes in the ledger.", completion: .file())
        var evidence: String

        @Option(help: "The providers it allows, comma-separated (default: any).")
        var providers: String?

        @Option(help: "The last day it holds, YYYY-MM-DD (default: until revoked).")
        var expires: String?

        @Flag(help: "Print the entry as JSON.")
        var json = false

        func run() async throws {
            let expiresAt = try expires.map { text -> Date in
                guard let end = ConsentGrant.expiry(day: text) else {
                    throw ReelError(.usage, "\"\(text)\" is not a date (--expires)", hint: "give it as YYYY-MM-DD, e.g. 2027-06-30")
                }
                return end
            }
            let production = try project.open(lockFor: "consent grant")
            defer { production.close() }
            let entry = try await Studio().grantConsent(production, ConsentGrant(
                name: name, by: by, evidence: URL(fileURLWithPath: evidence),
                providers: providers.map { $0.split(separator: ",").map(String.init) }, expiresAt: expiresAt))
            if json { return try Terminal.json(entry) }
            Terminal.out(ConsentCommand.line(entry))
        }
    }

    /// `reel consent revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a real person's consent: no new job sends their likeness.")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The real person, as `reel cast` names them.")
        var name: String

        @Option(help: "Why, for the ledger.")
        var reason: String?

        @Flag(help: "Print the entry as JSON.")
        var json = false

        func run() async throws {
            let production = try project.open(lockFor: "consent revoke")
            defer { production.close() }
            let entry = try await Studio().revokeConsent(production, name: name, reason: reason)
            if json { return try Terminal.json(entry) }
            Terminal.out(ConsentCommand.line(entry))
        }
    }

    static func line(_ e: ConsentReport) -> String {
        var parts = ["\(e.at.formatted(.iso8601))  \(e.action.rawValue)  \(e.name)"]
        if let by = e.by { parts.append("by \(by)") }
        if e.action == .grant { parts.append("providers: " + (e.providers?.joined(separator: ", ") ?? "any")) }
        if let expires = e.expiresAt { parts.append("until \(Subject.day(expires.addingTimeInterval(-1)))") }
        if let evidence = e.evidence { parts.append("evidence sha256 \(evidence.prefix(16))…") }
        if let reason = e.reason { parts.append("reason: \(reason)") }
        return parts.joined(separator: "  ")
    }
}
