import Foundation

/// Text inside a single-quoted ffmpeg filter option (`textfile='…'`): `'`, `:` and `\`
/// escaped so a path with any of them names the file it names.
public enum FilterQuoting {
    public static func insideQuotes(_ url: URL) -> String {
        url.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "'\\''")
            .replacingOccurrences(of: ":", with: "\\:")
    }
}
