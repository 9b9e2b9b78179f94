import Foundation
import ReelModel
import Synchronization

/// The one fake core of "create a task, poll it, download a file" APIs: a real HTTP server
/// on loopback, a job book (idempotency keys included), a queue of scripted faults per
/// endpoint, and result files (``FixtureMedia/mp4()``) served from `/files/{job}` on the
/// same server. Each vendor's fake adds its own routes and answers in its own shapes —
/// directly (Seedance, Wan, fal, Replicate, ComfyUI) or as a ``FakeTaskDialect`` through
/// ``FakeTaskServer`` (Kling, Runway, Luma, MiniMax, Vidu).
///
/// ```swift
/// fake.script(.rateLimited(retryAfter: 7), on: .create)
/// fake.scriptNextJob(.fails(code: "OutputVideoSensitiveContentDetected", message: "…"))
/// ```
public final class FakeTaskCore: Sendable {
    /// A vendor's own routes on the shared fake: the answer to a request (the fake is passed for
    /// its jobs and faults), or nil for a 404. Requests under `/files/` never reach it.
    public typealias Routes = @Sendable (RecordedRequest, FakeTaskCore) async -> FakeResponse?

    /// Which exchange a fault hits.
    public enum Endpoint: String, Sendable, Hashable { case create, poll, result, download, upload }

    /// A way an exchange goes wrong.
    public enum Fault: Sendable {
        /// 429 with `Retry-After`.
        case rateLimited(retryAfter: Int)
        /// This status with this JSON body.
        case status(Int, JSONValue)
        /// The normal answer (the job *is* made), sent after `seconds`.
        case hang(seconds: Double)
        /// HTTP 200 with JSON cut in half.
        case malformedJSON
        /// The result link no longer works (this status).
        case expiredLink(status: Int)
        /// The normal answer with its body cut short.
        case truncated
        /// This answer instead (a create makes nothing).
        case respond(FakeResponse)
        /// On a report: the vendor does not know the job, this once.
        case forget
    }

    /// How a job ends.
    public enum Outcome: Sendable, Hashable {
        case succeeds
        case fails(code: String, message: String)
    }

    /// One job the fake knows.
    public struct Job: Sendable {
        public var id: String
        /// The idempotency key it was created under (`external_task_id`…), if any.
        public var key: String?
        /// The path of the create request (`/v1/videos/image2video`).
        public var path: String
        public var body: JSONValue
        public var headers: [String: String]
        public var polls = 0
        public var outcome: Outcome
    }

    struct State {
        var faults: [Endpoint: [Fault]] = [:]
        var outcomes: [Outcome] = []
        var jobs: [String: Job] = [:]
        var order: [String] = []
        var forgotten: Set<String> = []
        var downloads = 0
        var completedDownloads = 0
    }

    /// The key the fake accepts.
    public let apiKey: String
    /// Reports before a job is done: the first says running, the next done.
    public let pollsUntilDone: Int
    let http: FakeHTTPServer
    let state = Mutex(State())

    init(apiKey: String, pollsUntilDone: Int, http: FakeHTTPServer) {
        self.apiKey = apiKey
        self.pollsUntilDone = pollsUntilDone
        self.http = http
    }

    /// Starts a fake whose vendor answers come from `routes` (nil: 404).
    /// - Parameter jobFilesOnly: `/files/{name}` serves only the files of jobs it made (a
    ///   link to anything else is `404 NoSuchKey`, as a storage bucket answers).
    public static func start(apiKey: String, pollsUntilDone: Int = 1, webSocket: FakeWebSocketRoute? = nil,
                             jobFilesOnly: Bool = false, routes: @escaping Routes) async throws -> FakeTaskCore {
        let box = Box()
        let http = try await FakeHTTPServer.start(webSocket: webSocket) { request in
            guard let fake = box.fake.withLock({ $0 }) else { return .status(503) }
            if request.pathComponents.first == "files" {
                let name = request.pathComponents.last ?? ""
                if jobFilesOnly, fake.job((name as NSString).deletingPathExtension) == nil { return .text("NoSuchKey", status: 404) }
                return fake.serveFile(named: name)
            }
            return await routes(request, fake) ?? .json(["message": "no such route"], status: 404)
        }
        let fake = FakeTaskCore(apiKey: apiKey, pollsUntilDone: pollsUntilDone, http: http)
        box.fake.withLock { $0 = fake }
        return fake
    }

    /// The fake, for the server's handler (which exists before the fake does).
    final class Box: Sendable {
        let fake = Mutex<FakeTaskCore?>(nil)
    }

    /// `http://127.0.0.1:<port>`.
    public var root: URL { http.baseURL }
    public var port: Int { http.port }
    public func stop() async throws { try await http.stop() }
    /// Every request received, in order.
    public var requests: [RecordedRequest] { http.requests }

    /// Requests with `method` whose path starts with `prefix`.
    public func requests(_ method: String, _ prefix: String) -> [RecordedRequest] {
        requests.filter { $0.method == method && $0.path.hasPrefix(prefix) }
    }

    /// Makes the next exchange with `endpoint` go wrong this way (faults queue up in order).
    public func script(_ fault: Fault, on endpoint: Endpoint) {
        state.withLock { $0.faults[endpoint, default: []].append(fault) }
    }

    /// Makes the next job created end this way.
    public func scriptNextJob(_ outcome: Outcome) {
        state.withLock { $0.outcomes.append(outcome) }
    }

    /// Makes the fake forget job `id` (expired records, a restarted server).
    public func forget(_ id: String) {
        state.withLock { _ = $0.forgotten.insert(id) }
    }

    /// Jobs made so far, in order.
    public var jobs: [Job] { state.withLock { s in s.order.compactMap { s.jobs[$0] } } }
    /// Downloads started and finished whole.
    public var downloads: (started: Int, completed: Int) { state.withLock { ($0.downloads, $0.completedDownloads) } }

    /// True when `request` carries `header: value`.
    public func authorized(_ request: RecordedRequest, header: String = "authorization", scheme: String = "Bearer") -> Bool {
        request.header(header) == (scheme.isEmpty ? apiKey : "\(scheme) \(apiKey)")
    }

    /// The next scripted fault for `endpoint`, taken off its queue.
    public func nextFault(_ endpoint: Endpoint) -> Fault? {
        state.withLock { s in s.faults[endpoint]?.isEmpty == false ? s.faults[endpoint]!.removeFirst() : nil }
    }

    /// The answer to an exchange with `endpoint`: `normal` unless a fault is scripted.
    public func answer(_ endpoint: Endpoint, _ normal: () -> FakeResponse) -> FakeResponse {
        Self.apply(nextFault(endpoint), normal)
    }

    /// `normal`, or what `fault` makes of it. A hang, a malformed body and a truncation
    /// change the normal answer, so a create's job is made all the same.
    public static func apply(_ fault: Fault?, _ normal: () -> FakeResponse) -> FakeResponse {
        guard let fault else { return normal() }
        switch fault {
        case .rateLimited(let seconds):
            return .json(["error": ["code": "rate_limited", "message": "Too many requests"]], status: 429,
                         headers: ["Retry-After": String(seconds)])
        case .status(let status, let body): return .json(body, status: status)
        case .hang(let seconds): return normal().delayed(by: seconds)
        case .malformedJSON:
            var cut = normal()
            cut.body = cut.body.prefix(max(1, cut.body.count / 2))
            return cut
        case .expiredLink(let status): return .json(["message": "link expired"], status: status)
        case .truncated:
            let whole = normal()
            return whole.truncated(after: whole.body.count / 2)
        case .respond(let response): return response
        case .forget: return normal()
        }
    }

    /// Records a new job made from `request` and returns it.
    public func createJob(_ request: RecordedRequest, prefix: String = "job") -> Job {
        createJob(request, key: nil, prefix: prefix).job
    }

    /// Records a new job made from `request`, or finds the one made before under `key`
    /// (an idempotent replay, which makes nothing).
    public func createJob(_ request: RecordedRequest, key: String?, prefix: String = "job") -> (job: Job, replayed: Bool) {
        state.withLock { s in
            if let key, let id = s.order.first(where: { s.jobs[$0]?.key == key }), let existing = s.jobs[id] {
                return (existing, true)
            }
            let id = "\(prefix)-\(s.order.count + 1)"
            let outcome = s.outcomes.isEmpty ? .succeeds : s.outcomes.removeFirst()
            let job = Job(id: id, key: key, path: request.path, body: request.json ?? .null, headers: request.headers,
                          outcome: outcome)
            s.jobs[id] = job
            s.order.append(id)
            return (job, false)
        }
    }

    /// The id of the job known by `idOrKey` (its id, or the key it was created under).
    private static func id(_ idOrKey: String, in s: State) -> String? {
        s.jobs[idOrKey] != nil ? idOrKey : s.order.first { s.jobs[$0]?.key == idOrKey }
    }

    /// Where job `id` stands after one more report: nil when unknown, else the job and
    /// whether it is done.
    public func poll(_ idOrKey: String) -> (job: Job, done: Bool)? {
        state.withLock { s in
            guard let id = Self.id(idOrKey, in: s), !s.forgotten.contains(id), var job = s.jobs[id] else { return nil }
            job.polls += 1
            s.jobs[id] = job
            return (job, job.polls > pollsUntilDone)
        }
    }

    /// The job `id` without counting a report.
    public func job(_ idOrKey: String) -> Job? {
        state.withLock { s in Self.id(idOrKey, in: s).flatMap { s.forgotten.contains($0) ? nil : s.jobs[$0] } }
    }

    /// Where job `id`'s file is served.
    public func fileURL(_ id: String, ext: String = "mp4") -> URL {
        root.appendingPathComponent("files").appendingPathComponent("\(id).\(ext)")
    }

    /// A result file (an MP4, or a PNG for `.png` names), counted and subject to `.download` faults.
    public func serveFile(named name: String) -> FakeResponse {
        let stem = (name as NSString).deletingPathExtension
        if state.withLock({ $0.forgotten.contains(stem) }) { return .text("NoSuchKey", status: 404) }
        state.withLock { $0.downloads += 1 }
        let response = answer(.download) {
            let data = (try? (name.hasSuffix(".png") ? FixtureMedia.png() : FixtureMedia.mp4())) ?? Data()
            return .bytes(data, contentType: name.hasSuffix(".png") ? "image/png" : "video/mp4")
        }
        if response.status == 200, response.truncateAfter == nil { state.withLock { $0.completedDownloads += 1 } }
        return response
    }
}
