import ArgumentParser
import Foundation
import ReelModel

/// How a command line ends when it does not end well: the one place where every error —
/// Reel's, ArgumentParser's parse and validation errors, anything unexpected — becomes a
/// `ReelError`, printed as `reel: error: …` with its `→` hint and its sysexits status.
/// Help, the version and completion scripts are not errors: they go to stdout, status 0.
enum CommandOutcome: Equatable {
    /// Print this on stdout and exit 0.
    case text(String)
    /// Exit with this status and print nothing (a command threw `ExitCode`).
    case exit(Int32)
    /// Print the error on stderr and exit with its code's status.
    case error(ReelError)

    /// What to do about `error`, thrown while parsing or running `arguments` (the
    /// arguments after the program's name).
    static func of(_ error: any Error, arguments: [String], root: any ParsableCommand.Type = ReelCommand.self) -> CommandOutcome {
        if let reel = error as? ReelError { return .error(reel) }
        if let code = error as? ExitCode { return .exit(code.rawValue) }
        if error is CancellationError {
            return .error(ReelError(.temporary, "the command was interrupted",
                                    hint: "finished work is kept; run the same command again to continue"))
        }
        let status = root.exitCode(for: error)
        if status == .success { return .text(root.fullMessage(for: error)) }
        let command = (try? CommandPath.resolve(arguments, root: root))?.name ?? CommandPath.name(root)
        guard status == .validationFailure else {
            return .error(ReelError(.internalError, root.message(for: error),
                                    hint: "this is a bug in Reel; please report it with the command you ran (`\(command)`)"))
        }
        return .error(usage(root.message(for: error), help: helpLine(root.fullMessage(for: error, columns: 10_000)),
                            command: command))
    }

    /// `unknown option '--jsn'` with `did you mean '--json'?` moved to the hint, and the
    /// option's own help when ArgumentParser gave it.
    static func usage(_ message: String, help: String?, command: String) -> ReelError {
        var what = message
        var hint = "`\(command) --help` shows how to use it"
        if let help { hint = "\(help); " + hint }
        if let range = what.range(of: ". Did you mean '"), what.hasSuffix("'?") {
            let option = what[range.upperBound...].dropLast(2)
            hint = "did you mean `\(option)`? " + hint
            what = String(what[..<range.lowerBound])
        }
        return ReelError(.usage, lowercasingFirstWord(what), hint: hint)
    }

    /// `<take>: The take's number…` from ArgumentParser's `Help:  <take>  The take's number…` line.
    static func helpLine(_ fullMessage: String) -> String? {
        guard let line = fullMessage.split(separator: "\n").first(where: { $0.hasPrefix("Help:") }) else { return nil }
        let text = line.dropFirst("Help:".count).trimmingCharacters(in: .whitespaces)
        guard let gap = text.range(of: "  ") else { return text.isEmpty ? nil : text }
        let subject = text[..<gap.lowerBound]
        var abstract = text[gap.upperBound...].trimmingCharacters(in: .whitespaces)
        if abstract.hasSuffix(".") { abstract.removeLast() }
        return abstract.isEmpty ? nil : "\(subject): \(lowercasingFirstWord(abstract))"
    }

    /// `Unknown option` → `unknown option`; `URL …` and `--out …` stay as they are.
    static func lowercasingFirstWord(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count > 1, chars[0].isUppercase, chars[1].isLowercase else { return text }
        return chars[0].lowercased() + String(chars.dropFirst())
    }
}
