import Foundation
import Testing

/// Compares `text` with the stored snapshot `__Snapshots__/<group>/<name>` beside the
/// test file. Set `REEL_RECORD_SNAPSHOTS=1` to (re)record; a missing snapshot is recorded
/// and reported as a failure, so a forgotten one never passes silently.
public func expectSnapshot(_ text: String, group: String, name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__").appendingPathComponent(group)
    let file = dir.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["REEL_RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        if existing == nil && !record {
            Issue.record("recorded a new snapshot \(group)/\(name); check it and run the tests again", sourceLocation: sourceLocation)
        }
        return
    }
    if existing != text {
        let diff = firstDifference(existing ?? "", text)
        Issue.record("""
            snapshot \(group)/\(name) differs at line \(diff.line):
              expected: \(diff.expected)
              actual:   \(diff.actual)
            (set REEL_RECORD_SNAPSHOTS=1 to re-record if the change is intended)
            """, sourceLocation: sourceLocation)
    }
}

func firstDifference(_ a: String, _ b: String) -> (line: Int, expected: String, actual: String) {
    let la = a.components(separatedBy: "\n")
    let lb = b.components(separatedBy: "\n")
    for i in 0..<max(la.count, lb.count) {
        let x = i < la.count ? la[i] : "<end>"
        let y = i < lb.count ? lb[i] : "<end>"
        if x != y { return (i + 1, x, y) }
    }
    return (0, "", "")
}
