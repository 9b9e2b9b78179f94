import ArgumentParser
import ReelModel

/// The commands a command line names, root first (`reel providers list`), read the way
/// ArgumentParser reads them; and the error, with the nearest command suggested, when a word
/// where a command belongs names none.
///
/// ArgumentParser answers `reel nosuch --help` with the root's help and exit 0, and
/// `reel nosuch` with "Unexpected argument"; Reel checks the command words first.
struct CommandPath {
    /// The commands named, root first.
    var commands: [any ParsableCommand.Type]

    /// `reel providers list`.
    var name: String { commands.map(CommandPath.name).joined(separator: " ") }

    /// Arguments that may come before a subcommand without ending the command words.
    static let passThrough: Set<String> = ["-h", "-help", "--help", "--version"]

    /// Follows `arguments` (without the program's name) down from `root` as far as they name
    /// commands. With `strict`, a word where only a command can stand throws a usage error.
    static func resolve(_ arguments: [String], root: any ParsableCommand.Type, strict: Bool = false) throws -> CommandPath {
        var path = CommandPath(commands: [root])
        for argument in arguments {
            let current = path.commands.last!
            let subcommands = current.configuration.subcommands
            guard !subcommands.isEmpty, argument != "--" else { break }
            if argument.hasPrefix("-") {
                if passThrough.contains(argument) { continue }
                break  // an option: ArgumentParser judges it
            }
            if let next = subcommands.first(where: { name($0) == argument }) {
                path.commands.append(next)
                continue
            }
            // `reel help make` is ArgumentParser's own help command.
            if path.commands.count == 1 && argument == "help" { break }
            if strict { throw path.unknown(argument) }
            break
        }
        return path
    }

    /// `unknown command 'genrate'` and the nearest command, else the list of them.
    func unknown(_ word: String) -> ReelError {
        let visible = commands.last!.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map(CommandPath.name)
        let message = "there is no command '\(word)'" + (commands.count > 1 ? " in `\(name)`" : "")
        if let near = Spelling.nearest(to: word, among: visible) {
            return ReelError(.usage, message, hint: "did you mean `\(name) \(near)`? (`\(name) --help` lists the commands)")
        }
        return ReelError(.usage, message,
                         hint: "the commands are \(visible.joined(separator: ", ")); `\(name) --help` says what each does")
    }

    static func name(_ command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }
}
