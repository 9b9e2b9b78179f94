import Foundation
import ReelModel
import Yams

extension ProjectConfig {
    /// `text` (a reel.yaml) with its top-level `key:` block replaced by `block` (added at the
    /// end when there was none; removed when `block` is nil). The block is found by the YAML
    /// parser (from the key's line to the next top-level key's, comments and blank lines before
    /// that key left to it); the other lines stay as they were, comments included, and the new
    /// block takes the file's line endings. The result must read back as the old settings
    /// changed by `expecting`, or nothing is changed: `reel song` and `reel music` write
    /// reel.yaml this way.
    static func replacingBlock(_ key: String, in text: String, with block: String?, file: String, hint: String,
                               expecting: (inout ProjectConfig) -> Void) throws -> String {
        let crlf = text.contains("\r\n")
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let refused = ReelError(.configuration, "reel.yaml's \(key): block cannot be rewritten safely", at: file, hint: hint)
        if let mapping = try? Yams.compose(yaml: text)?.mapping,
           let index = mapping.keys.firstIndex(where: { $0.string == key }), let first = mapping.keys[index].mark?.line {
            // Marks count lines from 1. The block ends before the next top-level key (or the file's end).
            let keys = Array(mapping.keys)
            let next = keys.compactMap { $0.mark?.line }.filter { $0 > first }.min().map { $0 - 1 } ?? lines.count
            var end = next
            while end > first, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
            guard first >= 1, first <= end, lines[first - 1].hasPrefix("\(key):") else { throw refused }
            lines.removeSubrange((first - 1)..<end)
        } else if lines.contains(where: { $0.hasPrefix("\(key):") }) {
            throw refused
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        var out = lines.joined(separator: "\n") + "\n"
        if let block { out += block }
        if crlf { out = out.replacingOccurrences(of: "\n", with: "\r\n") }
        // It must read back as meant: the change, every other setting as it was.
        guard var expected = try? ProjectConfig.parse(text, file: file), let read = try? ProjectConfig.parse(out, file: file) else {
            throw refused
        }
        expecting(&expected)
        guard read == expected else { throw refused }
        return out
    }
}
