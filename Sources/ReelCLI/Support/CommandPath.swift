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
        if let near = CommandPath.nearest(to: word, among: visible) {
            return ReelError(.usage, message, hint: "did you mean `\(name) \(near)`? (`\(name) --help` lists the commands)")
        }
        return ReelError(.usage, message,
                         hint: "the commands are \(visible.joined(separator: ", ")); `\(name) --help` says what each does")
    }

    /// The candidate closest to `word` in edit distance, when it is close enough to be a typo:
    /// at most one edit in four letters, and at least one.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let typed = word.lowercased()
        let scored = candidates.map { ($0, editDistance(typed, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, best.0.count / 4) ? best.0 : nil
    }

    /// Edit distance: insertions, deletions, substitutions, and two neighbours swapped
    /// (`explian` is one edit from `explain`), each counting one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    static func name(_ command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }
}
