import Foundation
import ReelModel

#if canImport(Glibc)
import Glibc
#endif

/// Who holds a project's lock: the process and the command, as `lock-holder` records them.
///
/// The file is written whole under a temporary name, then renamed into place, so a reader
/// sees the old holder, the new one or none, never half a line. A holder whose process has
/// ended (killed: it had no chance to remove the file) or whose pid now belongs to another
/// process (its start time differs) is no holder.
public struct ProjectHolder: Sendable, Hashable, CustomStringConvertible {
    static let fileName = "lock-holder"

    public var pid: Int32
    public var command: String
    public var since: Date
    /// The process's start time in clock ticks since boot (Linux), to tell a reused pid.
    public var started: UInt64?

    /// `pid 4242, `reel generate`, since 2026-12-05T05:20:00Z`.
    public var description: String {
        "pid \(pid), `reel \(command)`, since \(ISO8601DateFormatter().string(from: since))"
    }

    /// The live holder recorded in the state directory `directory`, if any.
    static func current(_ directory: URL) -> ProjectHolder? {
        guard let holder = read(directory.appendingPathComponent(fileName)), holder.isAlive else { return nil }
        return holder
    }

    /// Whether the recorded process still runs (and is the same process).
    var isAlive: Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let started, let now = ProjectHolder.startTime(pid) else { return true }
        return started == now
    }

    func write(_ url: URL) throws {
        var text = "pid \(pid)\ncommand \(command)\nsince \(ISO8601DateFormatter().string(from: since))\n"
        if let started { text += "started \(started)\n" }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(ProjectHolder.fileName)-\(pid)")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ReelError(.cannotWrite, "cannot record who holds the project lock", at: url.path, hint: "check permissions and free disk space")
        }
    }

    static func read(_ url: URL) -> ProjectHolder? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let command = fields["command"],
              let since = fields["since"].flatMap({ ISO8601DateFormatter().date(from: $0) }) else { return nil }
        return ProjectHolder(pid: pid, command: command, since: since, started: fields["started"].flatMap { UInt64($0) })
    }

    /// Field 22 of `/proc/PID/stat` (after the command name, which may hold spaces).
    static func startTime(_ pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        // After ")": state is field 3, so start time (22) is index 19.
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
