import Foundation
import ReelModel

/// Writing to the terminal: results to stdout, messages and progress to stderr.
enum Terminal {
    /// True when stderr is a terminal (progress can redraw in place).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }

    static func out(_ text: String) {
        write(Data((text + "\n").utf8), to: .out)
    }

    enum Stream { case out, err }

    /// Writes to stdout or stderr. When the reader of the results has gone away (`reel stats |
    /// head -2`), the command ends as SIGPIPE would end it (141, quietly; never a crash);
    /// results that cannot be written otherwise end it as an I/O error (74). Messages and
    /// progress that cannot be shown are let go: the work goes on.
    static func write(_ data: Data, to stream: Stream) {
        let fd = stream == .out ? STDOUT_FILENO : STDERR_FILENO
        let failed: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        guard let failed, stream == .out else { return }
        exit(failed == EPIPE ? 141 : 74)
    }

    /// Asks on stderr and reads a line from stdin; nil at the end of the input.
    static func ask(_ question: String) -> String? {
        write(Data((question + " ").utf8), to: .err)
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
    }

    static func err(_ text: String) {
        write(Data((text + "\n").utf8), to: .err)
    }

    /// `reel: error: where: what` then the hint on its own line.
    static func error(_ error: ReelError) {
        var text = "reel: error: "
        if let location = error.location { text += "\(location): " }
        text += error.message
        if let hint = error.hint { text += "\n  → \(hint)" }
        err(text)
    }

    /// Pretty, stable JSON for `--json`, from ``encoded(_:)``.
    static func json<T: Encodable>(_ value: T) throws {
        out(String(decoding: try encoded(value), as: UTF8.self))
    }

    /// `value` as ``jsonEncoder()`` writes it, with an empty array or object as `[]` and `{}`
    /// (Foundation on Linux writes them over three lines: `[\n\n  ]`).
    static func encoded<T: Encodable>(_ value: T) throws -> Data {
        compactingEmpties(try jsonEncoder().encode(value))
    }

    /// `[`, two newlines, spaces, `]` (or the same in braces) become `[]` (`{}`). Safe on
    /// JSON: a newline inside a string is always escaped.
    static func compactingEmpties(_ json: Data) -> Data {
        let bytes = [UInt8](json)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            out.append(byte)
            i += 1
            guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{"), i + 1 < bytes.count,
                  bytes[i] == 0x0A, bytes[i + 1] == 0x0A else { continue }
            var end = i + 2
            while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
            let closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if end < bytes.count, bytes[end] == closing { i = end }
        }
        return Data(out)
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
