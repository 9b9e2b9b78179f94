import Foundation
import ReelModel

/// Writing to the terminal: results to stdout, messages and progress to stderr.
enum Terminal {
    /// True when stderr is a terminal (progress can redraw in place).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Asks on stderr and reads a line from stdin; nil at the end of the input.
    static func ask(_ question: String) -> String? {
        FileHandle.standardError.write(Data((question + " ").utf8))
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `reel: error: where: what` then the hint on its own line.
    static func error(_ error: ReelError) {
        var text = "reel: error: "
        if let location = error.location { text += "\(location): " }
        text += error.message
        if let hint = error.hint { text += "\n  → \(hint)" }
        err(text)
    }

    /// Pretty, stable JSON for `--json`, from ``jsonEncoder()``.
    static func json<T: Encodable>(_ value: T) throws {
        out(String(decoding: try jsonEncoder().encode(value), as: UTF8.self))
    }

    /// The one configuration of every JSON the CLI prints: pretty, keys sorted (stable for
    /// tools and snapshots), slashes unescaped, dates in ISO 8601 (`2026-12-05T05:22:25Z`),
    /// not Foundation's default of seconds since 2001.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
