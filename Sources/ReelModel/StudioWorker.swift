import Foundation

/// A process of the studio at work: it holds a project's studio lock.
public struct StudioWorker: Codable, Sendable, Hashable {
    /// The project's studio id.
    public var project: String
    /// What it runs (`generate`, `serve`, `make`…), on which machine, as which process.
    public var command: String
    public var host: String?
    public var pid: Int?
    /// When its session began (unknown for another database role's session).
    public var since: Date?

    public init(project: String, command: String, host: String? = nil, pid: Int? = nil, since: Date? = nil) {
        self.project = project
        self.command = command
        self.host = host
        self.pid = pid
        self.since = since
    }
}

extension StudioWorker {
    /// From the lock's session name, `reel generate on host pid 42`.
    public init(project: String, holder: String, since: Date?) {
        self.project = project
        self.since = since
        var words = holder.split(separator: " ").map(String.init)
        if words.first == "reel" { words.removeFirst() }
        if let pidAt = words.lastIndex(of: "pid"), pidAt + 1 < words.count {
            pid = Int(words[pidAt + 1])
            words.removeSubrange(pidAt...)
        }
        if let onAt = words.lastIndex(of: "on"), onAt + 1 < words.count {
            host = words[(onAt + 1)...].joined(separator: " ")
            words.removeSubrange(onAt...)
        }
        command = words.joined(separator: " ")
    }
}
