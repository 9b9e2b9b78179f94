import ArgumentParser
import Foundation
import ReelModel
import ReelServer

/// `reel users`: the people who may sign in to a served studio, and what they may do.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Accounts of the studio `reel serve` runs for a folder of projects: who may sign in, and their role.",
        discussion: """
            A studio with no accounts is open to whoever reaches it (on 127.0.0.1 only, unless --host). \
            Once one exists, the studio asks everyone to sign in. Roles: owner (everything, and the audit log), \
            editor (edits, picks, generating within the budget, new projects), reviewer (notes; spends nothing), \
            viewer (reads). Passwords are kept only as bcrypt hashes, in .reel-studio/ in the projects folder; \
            a password or token is printed once, when it is made.
            """,
        subcommands: [Add.self, List.self, Remove.self, Password.self, Token.self, Audit.self], defaultSubcommand: List.self)

    struct Folder: ParsableArguments {
        @Option(help: "The folder of projects the studio serves (default: the current directory).")
        var projects: String?

        func accounts(create: Bool = false) throws -> Accounts {
            let folder = try ServeCommand.projectsFolder(projects)
            guard let accounts = try Accounts.open(projects: folder, create: create) else {
                throw ReelError(.notFound, "the studio of \(folder.path) has no accounts yet: it is open",
                                hint: "`reel users add NAME --role owner` adds the first")
            }
            return accounts
        }
    }

    /// `reel users add NAME --role ROLE`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person; prints their password, once.")

        @Argument(help: "The name they sign in with.")
        var name: String

        @Option(help: "owner, editor, reviewer or viewer.")
        var role: AccountRole

        @OptionGroup var folder: Folder

        func run() async throws {
            let accounts = try folder.accounts(create: true)
            let first = try !accounts.hasAccounts()
            let password = try accounts.add(name, role: role)
            Terminal.out("\(name) (\(role.rawValue)) can sign in with the password: \(password)")
            Terminal.err("it is shown only now; `reel users password \(name)` makes a new one")
            if first && role != .owner {
                Terminal.err("note: the studio now asks everyone to sign in, and no one is an owner yet (`reel users add NAME --role owner`)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Everyone who may sign in, with their role.")

        @OptionGroup var folder: Folder

        @Flag(help: "Print them as JSON.")
        var json = false

        func run() async throws {
            let accounts = try folder.accounts().list()
            if json { return try Terminal.json(accounts) }
            for account in accounts { Terminal.out("\(account.name)  \(account.role.rawValue)") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a person; their sessions and tokens end at once.")

        @Argument(help: "Their name.")
        var name: String

        @OptionGroup var folder: Folder

        func run() async throws {
            try folder.accounts().remove(name)
            Terminal.out("\(name) removed")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password",
                                                        abstract: "Give a person a new password (printed once); signs them out everywhere.")

        @Argument(help: "Their name.")
        var name: String

        @OptionGroup var folder: Folder

        func run() async throws {
            Terminal.out("\(name)'s new password: \(try folder.accounts().resetPassword(name))")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "A bearer token for a script acting as this person (printed once).",
            discussion: "Send it as `Authorization: Bearer TOKEN`. It works until their password is reset or they are removed.")

        @Argument(help: "Their name.")
        var name: String

        @OptionGroup var folder: Folder

        func run() async throws {
            Terminal.out(try folder.accounts().token(for: name))
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "audit", abstract: "Who changed what through the studio, newest last.")

        @Option(help: "How many entries (default 50).")
        var last = 50

        @OptionGroup var folder: Folder

        @Flag(help: "Print them as JSON.")
        var json = false

        func validate() throws {
            if !(1...10_000).contains(last) { throw ValidationError("--last must be from 1 to 10000 (got \(last))") }
        }

        func run() async throws {
            let entries = try folder.accounts().audit(limit: last)
            if json { return try Terminal.json(entries) }
            let format = ISO8601DateFormatter()
            for e in entries { Terminal.out("\(format.string(from: e.at))  \(e.user)  \(e.method) \(e.path)  \(e.status)") }
        }
    }
}

extension AccountRole: ExpressibleByArgument {}
