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

/// A `reel worker` process as the studio database knows it: what it takes, what it is on.
public struct WorkerStatus: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var host: String
    public var pid: Int
    public var version: String
    /// The kinds of job it takes (`video`, `conform`…); empty: every kind.
    public var kinds: [String]
    public var slots: Int
    /// Seconds its hold on a job lasts without a heartbeat.
    public var lease: Double
    public var startedAt: Date
    public var seenAt: Date
    /// Its heartbeat is recent and it has not stopped.
    public var alive: Bool
    public var done: Int
    public var failed: Int
    /// Jobs it took over from a worker whose lease ran out.
    public var tookOver: Int
    public var jobs: [Job]

    /// A job a worker holds now.
    public struct Job: Codable, Sendable, Hashable {
        public var project: String
        public var label: String
        public var kind: String
        public var provider: String
        public var progress: Double?
        /// The project's title, where the asker knows the project (the studio server).
        public var title: String?
        /// True while its provider is done and its result downloads: it takes no slot (absent otherwise).
        public var downloading: Bool?

        public init(project: String, label: String, kind: String, provider: String, progress: Double?, downloading: Bool = false) {
            self.project = project
            self.label = label
            self.kind = kind
            self.provider = provider
            self.progress = progress
            self.downloading = downloading ? true : nil
        }
    }

    public init(id: String, name: String, host: String, pid: Int, version: String, kinds: [String], slots: Int, lease: Double,
                startedAt: Date, seenAt: Date, alive: Bool = true, done: Int = 0, failed: Int = 0, tookOver: Int = 0, jobs: [Job] = []) {
        self.id = id
        self.name = name
        self.host = host
        self.pid = pid
        self.version = version
        self.kinds = kinds
        self.slots = slots
        self.lease = lease
        self.startedAt = startedAt
        self.seenAt = seenAt
        self.alive = alive
        self.done = done
        self.failed = failed
        self.tookOver = tookOver
        self.jobs = jobs
    }
}

/// What a studio may spend in one currency, all projects and machines together.
public struct StudioBudget: Codable, Sendable, Hashable {
    public var currency: String
    /// Nil: no cap in this currency (only spending is known).
    public var cap: Money?
    /// Every project's ledger.
    public var spent: Money
    /// Estimates of jobs a provider has accepted, or that started in the last hour.
    public var inFlight: Money

    public init(currency: String, cap: Money?, spent: Money, inFlight: Money) {
        self.currency = currency
        self.cap = cap
        self.spent = spent
        self.inFlight = inFlight
    }
}
