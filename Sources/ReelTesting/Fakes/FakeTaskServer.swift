import Foundation
import ReelModel

/// A fake "create a task → poll it → download the file" video API over real HTTP on
/// loopback, for vendors whose protocol is written as a ``FakeTaskDialect`` (its paths,
/// auth, JSON shapes and error envelopes). The tasks, the result files (at `/files/{task}`),
/// the idempotent replays and the scripted faults are the one ``FakeTaskCore``'s.
///
/// A task reports `running` at its first poll and finishes at its second. Faults are queued
/// per endpoint and hit the next request to it:
///
/// ```swift
/// let fake = try await FakeTaskServer.start(KlingFakeServer())
/// fake.scriptNext(.respond(KlingFakeServer.error(429, code: 1302)), on: .create)
/// ```
public final class FakeTaskServer: Sendable {
    /// The kinds of request a fault can hit.
    public enum Endpoint: Hashable, Sendable { case create, poll, file, download }

    /// One thing that goes wrong.
    public enum Fault: Sendable {
        /// This answer instead (a create makes nothing).
        case respond(FakeResponse)
        /// The usual answer this late (a create's task is made all the same).
        case hang(seconds: Double)
        /// 200 with JSON cut in half (a create's task is made all the same).
        case malformedJSON
        /// On create: the task is made and ends failed with this code and message.
        case failTask(code: String, message: String)
        /// On a poll: the vendor no longer knows the task.
        case forgetTask
        /// On a download: the signed link has expired (403).
        case expiredLink
        /// On a download: half the file under the full Content-Length, then the connection closes.
        case truncatedDownload
    }

    /// What a request is, as the dialect reads it.
    public enum Route: Sendable {
        case create(key: String?)
        case poll(id: String)
        /// A second lookup (MiniMax's `files/retrieve`), by task id.
        case file(id: String)
        case other(FakeResponse)
    }

    /// The job book, faults and files.
    public let core: FakeTaskCore

    init(core: FakeTaskCore) { self.core = core }

    /// Serves `dialect` on a free loopback port until ``stop()``.
    public static func start(_ dialect: some FakeTaskDialect) async throws -> FakeTaskServer {
        let core = try await FakeTaskCore.start(apiKey: "", pollsUntilDone: 1, jobFilesOnly: true) { request, core in
            Self.answer(request, dialect: dialect, core: core)
        }
        return FakeTaskServer(core: core)
    }

    public var baseURL: URL { core.root }

    public func stop() async throws { try await core.stop() }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { core.requests }

    /// The requests with `method` whose path starts with `prefix`.
    public func requests(_ method: String, _ prefix: String) -> [RecordedRequest] { core.requests(method, prefix) }

    /// Tasks made so far (idempotent replays make none).
    public var tasks: [FakeTask] { core.jobs.map(FakeTask.init) }

    /// Completed (whole) downloads.
    public var downloads: Int { core.downloads.completed }

    /// Queues `fault` for the next request to `endpoint`.
    public func scriptNext(_ fault: Fault, on endpoint: Endpoint) {
        let on: FakeTaskCore.Endpoint = switch endpoint {
        case .create: .create
        case .poll: .poll
        case .file: .result
        case .download: .download
        }
        switch fault {
        case .respond(let response): core.script(.respond(response), on: on)
        case .hang(let seconds): core.script(.hang(seconds: seconds), on: on)
        case .malformedJSON: core.script(.malformedJSON, on: on)
        case .failTask(let code, let message): core.scriptNextJob(.fails(code: code, message: message))
        case .forgetTask: core.script(.forget, on: on)
        case .expiredLink: core.script(.expiredLink(status: 403), on: on)
        case .truncatedDownload: core.script(.truncated, on: on)
        }
    }

    /// Runs `body` against a fake for it, stopping the fake however `body` ends.
    public static func serving<T: Sendable>(_ dialect: some FakeTaskDialect,
                                            _ body: (FakeTaskServer) async throws -> T) async throws -> T {
        let fake = try await start(dialect)
        do {
            let result = try await body(fake)
            try await fake.stop()
            return result
        } catch {
            try? await fake.stop()
            throw error
        }
    }

    /// A request as the dialect reads it, answered from the core's book.
    static func answer(_ request: RecordedRequest, dialect: some FakeTaskDialect, core: FakeTaskCore) -> FakeResponse {
        let route = dialect.route(request)
        if let refusal = dialect.authorize(request) { return refusal }
        let files = "http://" + (request.header("host") ?? "127.0.0.1") + "/files/"
        switch route {
        case .create(let key):
            return core.answer(.create) {
                let made = core.createJob(request, key: key, prefix: "task")
                return made.replayed ? dialect.replayed(FakeTask(made.job)) : dialect.created(FakeTask(made.job))
            }
        case .poll(let id):
            let fault = core.nextFault(.poll)
            if case .forget? = fault { return dialect.unknownTask(id) }
            if case .respond(let response)? = fault { return response }
            guard let job = core.poll(id)?.job else { return dialect.unknownTask(id) }
            return FakeTaskCore.apply(fault) { dialect.report(FakeTask(job), resultURL: files + job.id) }
        case .file(let id):
            let fault = core.nextFault(.result)
            if case .respond(let response)? = fault { return response }
            guard let job = core.job(id) else { return dialect.unknownTask(id) }
            return FakeTaskCore.apply(fault) { dialect.file(FakeTask(job), resultURL: files + job.id) }
        case .other(let response):
            return response
        }
    }
}

/// One task a fake made.
public struct FakeTask: Sendable, Hashable {
    /// Where a fake task stands, as its polls so far make it (see ``phase``).
    public enum Phase: Sendable, Hashable { case queued, running, succeeded, failed }

    public var id: String
    /// The idempotency key (`external_task_id`…) it was created under.
    public var key: String?
    /// The path of the create request (`/v1/videos/image2video`).
    public var path: String
    public var body: JSONValue?
    public var polls = 0
    public var failure: (code: String, message: String)? {
        get { failureCode.map { ($0, failureMessage ?? "") } }
        set { failureCode = newValue?.code; failureMessage = newValue?.message }
    }
    var failureCode: String?
    var failureMessage: String?

    /// Where it stands after its polls so far: running at the first, done at the second.
    public var phase: Phase {
        switch polls {
        case 0: .queued
        case 1: .running
        default: failureCode == nil ? .succeeded : .failed
        }
    }
}

/// One vendor's protocol on a ``FakeTaskServer``.
public protocol FakeTaskDialect: Sendable {
    /// nil when the request carries valid credentials; else the vendor's refusal.
    func authorize(_ request: RecordedRequest) -> FakeResponse?
    func route(_ request: RecordedRequest) -> FakeTaskServer.Route
    /// The answer to a create.
    func created(_ task: FakeTask) -> FakeResponse
    /// The answer to a create whose idempotency key made `task` before (the task itself, or
    /// a refusal for vendors whose keys must be unique).
    func replayed(_ task: FakeTask) -> FakeResponse
    /// The answer to a poll; `resultURL` is where the file can be downloaded.
    func report(_ task: FakeTask, resultURL: String) -> FakeResponse
    /// The answer to a poll of a task it does not know.
    func unknownTask(_ id: String) -> FakeResponse
    /// The answer to a second lookup (``FakeTaskServer/Route/file(id:)``).
    func file(_ task: FakeTask, resultURL: String) -> FakeResponse
}

extension FakeTaskDialect {
    public func replayed(_ task: FakeTask) -> FakeResponse { created(task) }
    public func file(_ task: FakeTask, resultURL: String) -> FakeResponse { .status(404) }
}

extension FakeTask {
    /// The task as a dialect sees a job of the core.
    init(_ job: FakeTaskCore.Job) {
        self.init(id: job.id, key: job.key, path: job.path, body: job.body == .null ? nil : job.body, polls: job.polls)
        if case .fails(let code, let message) = job.outcome { failure = (code, message) }
    }
}
