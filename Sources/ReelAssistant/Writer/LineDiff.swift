import Foundation

/// A unified diff of two texts by line (longest common subsequence), for the record
/// `reel revise` leaves beside the script: what the model changed, readable in any viewer.
public enum LineDiff {
    /// The diff in unified form (`--- a`, `+++ b`, `@@ … @@` hunks with `context` lines
    /// around each change); empty when the texts have the same lines.
    public static func unified(from old: String, to new: String, oldName: String, newName: String, context: Int = 2) -> String {
        unified(operations(lines(old), lines(new)), oldName: oldName, newName: newName, context: context)
    }

    /// The unified diff and the counts of removed and added lines, from one comparison.
    public static func compare(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 2)
        -> (diff: String, removed: Int, added: Int)
    {
        let ops = operations(lines(old), lines(new))
        return (unified(ops, oldName: oldName, newName: newName, context: context),
                ops.filter { $0.kind == "-" }.count, ops.filter { $0.kind == "+" }.count)
    }

    static func unified(_ ops: [Operation], oldName: String, newName: String, context: Int) -> String {
        guard ops.contains(where: { $0.kind != " " }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var i = 0
        while i < ops.count {
            guard ops[i].kind != " " else { i += 1; continue }
            // A hunk: from `context` lines before this change to `context` after the last change near it.
            let start = max(0, i - context)
            var end = i
            while end < ops.count {
                if ops[end].kind != " " { end += 1; continue }
                let next = ops[end...].firstIndex { $0.kind != " " }
                if let next, next - end <= context * 2 { end = next } else { break }
            }
            end = min(ops.count, end + context)
            let hunk = ops[start..<end]
            let oldCount = hunk.filter { $0.kind != "+" }.count, newCount = hunk.filter { $0.kind != "-" }.count
            // An empty range starts at the line before it (`-0,0` for an empty file), as diff(1) writes it.
            let oldStart = (hunk.first { $0.kind != "+" }?.oldLine ?? ops[start].oldLine) + (oldCount == 0 ? 0 : 1)
            let newStart = (hunk.first { $0.kind != "-" }?.newLine ?? ops[start].newLine) + (newCount == 0 ? 0 : 1)
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for op in hunk { out += "\(op.kind)\(op.text)\n" }
            i = end
        }
        return out
    }

    /// How many lines were removed and added.
    public static func counts(from old: String, to new: String) -> (removed: Int, added: Int) {
        let result = compare(old, new, oldName: "", newName: "")
        return (result.removed, result.added)
    }

    struct Operation {
        var kind: Character
        var text: String
        /// Index of the line in the old text (for `-` and ` `) or where it would be.
        var oldLine: Int
        var newLine: Int
    }

    /// The lines of `text`, whatever ends them (`\n`, `\r\n`).
    static func lines(_ text: String) -> [String] {
        var parts = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    static func operations(_ a: [String], _ b: [String]) -> [Operation] {
        // The lines both begin and end with are equal: only the middle needs the table.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var ops = (0..<head).map { Operation(kind: " ", text: a[$0], oldLine: $0, newLine: $0) }
        for op in middle(Array(a[head..<(a.count - tail)]), Array(b[head..<(b.count - tail)])) {
            ops.append(Operation(kind: op.kind, text: op.text, oldLine: op.oldLine + head, newLine: op.newLine + head))
        }
        for k in 0..<tail {
            ops.append(Operation(kind: " ", text: a[a.count - tail + k], oldLine: a.count - tail + k, newLine: b.count - tail + k))
        }
        return ops
    }

    static func middle(_ a: [String], _ b: [String]) -> [Operation] {
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Operation] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(Operation(kind: " ", text: a[i], oldLine: i, newLine: j))
                i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removals before additions, as diff(1) writes them.
                ops.append(Operation(kind: "-", text: a[i], oldLine: i, newLine: j))
                i += 1
            } else {
                ops.append(Operation(kind: "+", text: b[j], oldLine: i, newLine: j))
                j += 1
            }
        }
        return ops
    }
}
