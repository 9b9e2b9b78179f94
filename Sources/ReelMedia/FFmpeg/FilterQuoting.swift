import Foundation

/// Text inside a single-quoted ffmpeg filter option (`textfile='…'`): `'`, `:` and `\`
/// escaped so a path with any of them names the file it names.
public enum FilterQuoting {
    public static func insideQuotes(_ url: URL) -> String {
        url.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "'\\''")
            .replacingOccurrences(of: ":", with: "\\:")
    }

    /// A number as a filter option: six decimals at most, no trailing zeros (`1.5`, `2`, `-0.25`).
    public static func number(_ v: Double) -> String {
        var text = String(format: "%.6f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
