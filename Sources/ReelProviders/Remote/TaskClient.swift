import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The one client of the "create a task → poll it → download the file" video APIs (Kling,
/// Runway, Luma, MiniMax, Vidu, PixVerse, Seedance, Wan, fal, Replicate, ComfyUI): where the
/// server is, how a request is authorised, how an answer is classified, and the exchanges
/// every such adapter makes — a JSON call, a report that may say the job is gone, the download.
///
/// Every answer goes through the vendor's own error reading first (`vendorFailure`: Kling's
/// `code`, MiniMax's `base_resp`, which arrive inside HTTP 200 as often as not), then
/// through ``HTTPStatusPolicy``, with a refused prompt or image classified as `moderation`.
/// A 2xx answer that is not a JSON object is `transient`. The key goes only to the
/// configured server, is made into a header only while a request is built, and the client
/// prints as its host and nothing else.
///
/// ```swift
/// let client = TaskClient(name: "Vidu", baseURL: url, auth: .header(scheme: "Token", secret: key), support: support)
/// let handle = try await client.create("ent/v2/text2video", body: body, provider: "vidu", idPath: ["task_id"])
/// ```
public struct TaskClient: Sendable, CustomStringConvertible {
    /// Reads a vendor's own error envelope in an answer, 2xx included: the failure it reports
    /// (`action` is what the client was doing, for the message), or nil to leave the answer to
    /// the HTTP status policy.
    public typealias VendorFailure = @Sendable (_ response: HTTPResponse, _ json: JSONValue?, _ action: String) -> JobFailure?

    /// How requests are authorised.
    public struct Auth: Sendable {
        let headers: @Sendable () throws -> [String: String]

        /// `header: scheme key` (`Authorization: Token <key>`; an empty scheme sends the key alone).
        public static func header(_ header: String = "Authorization", scheme: String, secret: Secret) -> Auth {
            Auth { [header: scheme.isEmpty ? secret.reveal() : "\(scheme) \(secret.reveal())"] }
        }

        /// `Authorization: Bearer <key>`.
        public static func bearer(_ secret: Secret) -> Auth { header(scheme: "Bearer", secret: secret) }

        /// Headers made anew for every request (Kling signs a fresh JWT each time).
        public static func signed(_ make: @escaping @Sendable () throws -> [String: String]) -> Auth { Auth(headers: make) }
    }

    /// The provider's name as users know it, for messages.
    public let name: String
    public let baseURL: URL
    let auth: Auth?
    public let transport: any HTTPTransport
    /// Seconds one HTTP exchange may take (a download gets ten times as long).
    public let requestTimeout: Double
    /// Measures each downloaded file; nil stores it unmeasured.
    public let probe: MediaProbe?
    /// This provider's models from the catalog, for prices when an answer carries no cost.
    public let catalog: [ModelCapabilities]
    /// Headers every request carries (DashScope's `X-DashScope-Async`).
    let fixedHeaders: [String: String]
    let vendorFailure: VendorFailure?

    /// - Parameters:
    ///   - auth: how requests are authorised; nil sends no key (a local ComfyUI).
    ///   - headers: sent with every request.
    ///   - vendorFailure: reads the vendor's own error envelope; nil leaves the answer to the
    ///     HTTP status.
    public init(name: String, baseURL: URL, auth: Auth?, transport: any HTTPTransport, requestTimeout: Double,
                probe: MediaProbe?, catalog: [ModelCapabilities] = [], headers: [String: String] = [:],
                vendorFailure: VendorFailure? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.auth = auth
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.catalog = catalog
        self.fixedHeaders = headers
        self.vendorFailure = vendorFailure
    }

    public init(name: String, baseURL: URL, auth: Auth?, support: AdapterSupport, catalog: [ModelCapabilities] = [],
                headers: [String: String] = [:], vendorFailure: VendorFailure? = nil) {
        self.init(name: name, baseURL: baseURL, auth: auth, transport: support.transport,
                  requestTimeout: support.requestTimeout, probe: support.probe, catalog: catalog, headers: headers,
                  vendorFailure: vendorFailure)
    }

    public var description: String { "TaskClient(\(name), \(Redaction.url(baseURL)))" }

    var policy: HTTPStatusPolicy { HTTPStatusPolicy(provider: name) }

    /// `baseURL/path?query` (slashes inside `path` kept, the query sorted).
    public func url(_ path: String, query: [String: String] = [:]) -> URL {
        let url = path.split(separator: "/").reduce(baseURL) { $0.appendingPathComponent(String($1)) }
        guard !query.isEmpty, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        parts.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return parts.url ?? url
    }

    /// True when `url` is on the configured server, so the key may be sent there.
    public func isOwnServer(_ url: URL) -> Bool {
        url.scheme == baseURL.scheme && url.host == baseURL.host && url.port == baseURL.port
    }

    /// The headers of a request: the fixed headers, `extra`, JSON as the answer wanted unless
    /// `extra` says otherwise — and, only to the configured server, the authorisation, last,
    /// so no other header can replace it.
    public func headers(for url: URL, _ extra: [String: String] = [:]) throws -> [String: String] {
        var all = fixedHeaders.merging(extra) { _, new in new }
        all["Accept"] = all["Accept"] ?? "application/json"
        if isOwnServer(url), let auth { all.merge(try auth.headers()) { _, new in new } }
        return all
    }

    // MARK: Exchanges

    /// Sends a request (with a JSON body when given) and returns the raw answer, unclassified.
    public func exchange(_ method: String, _ url: URL, body: JSONValue? = nil,
                         headers extra: [String: String] = [:]) async throws -> HTTPResponse {
        let all = try headers(for: url, extra)
        let request = body.map { HTTPRequest.json(method, url, body: $0, headers: all, timeout: requestTimeout) }
            ?? HTTPRequest(method: method, url: url, headers: all, timeout: requestTimeout)
        return try await transport.send(request)
    }

    /// Sends a prepared body (multipart uploads) and returns the raw answer.
    public func exchange(_ method: String, _ url: URL, data: Data, contentType: String) async throws -> HTTPResponse {
        var all = try headers(for: url)
        all["Content-Type"] = contentType
        return try await transport.send(HTTPRequest(method: method, url: url, headers: all, body: data, timeout: requestTimeout))
    }

    /// Sends a request to `url` and returns its JSON object, after the vendor and the status
    /// policy have had their say; nil when the status is one of `unknown` ("no such task").
    public func call(_ method: String, _ url: URL, body: JSONValue? = nil, headers extra: [String: String] = [:],
                     unknown: Set<Int>, doing action: String) async throws -> JSONValue? {
        let response = try await exchange(method, url, body: body, headers: extra)
        if unknown.contains(response.status) { return nil }
        try check(response, doing: action)
        return try object(response, doing: action)
    }

    /// Like ``call(_:_:body:headers:unknown:doing:)`` for an answer that must be there.
    public func call(_ method: String, _ url: URL, body: JSONValue? = nil, headers extra: [String: String] = [:],
                     doing action: String) async throws -> JSONValue {
        try await call(method, url, body: body, headers: extra, unknown: [], doing: action)!
    }

    /// ``call(_:_:body:headers:unknown:doing:)`` on `baseURL/path?query`.
    public func send(_ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
                     headers extra: [String: String] = [:], unknown: Set<Int> = [], doing action: String) async throws -> JSONValue? {
        try await call(method, url(path, query: query), body: body, headers: extra, unknown: unknown, doing: action)
    }

    /// Like ``send(_:_:query:body:headers:unknown:doing:)`` for an answer that must be there.
    public func require(_ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
                        headers extra: [String: String] = [:], doing action: String) async throws -> JSONValue {
        try await call(method, url(path, query: query), body: body, headers: extra, doing: action)
    }

    /// The vendor's own error reading, then the status policy, with a refused prompt or image
    /// (a 400 whose code says the content was flagged: Ark's `…SensitiveContentDetected`,
    /// DashScope's `DataInspectionFailed`) classified as `moderation`, which is not retried.
    public func check(_ response: HTTPResponse, doing action: String) throws {
        if let failure = vendorFailure?(response, response.json, action) { throw failure }
        guard var failure = policy.failure(for: response, doing: action) else { return }
        if failure.reason == .invalidRequest, Self.isModeration(failure.providerCode) { failure.reason = .moderation }
        if failure.reason == .rateLimited, failure.retryAfter == nil {
            // Replicate says it in the body: `{"retry_after": 5}`.
            failure.retryAfter = response.json?["retry_after"]?.doubleValue.map { max(0, $0) }
        }
        throw failure
    }

    /// The JSON object of a 2xx answer.
    public func object(_ response: HTTPResponse, doing action: String) throws -> JSONValue {
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "\(name)'s answer to \(action) is not a JSON object (HTTP \(response.status))")
        }
        return json
    }

    // MARK: Tasks

    /// Sends a create and makes the handle from the task id its answer holds at `idPath`.
    /// - Parameters:
    ///   - headers: this request's own (an `Idempotency-Key`).
    ///   - extra: what polling needs besides the id (never a key or a signed URL).
    public func create(_ path: String, body: JSONValue, headers: [String: String] = [:], provider id: ProviderID,
                       idPath: [String] = ["id"], extra: JSONValue? = nil) async throws -> ProviderHandle {
        let json = try await require("POST", path, body: body, headers: headers, doing: "create a video")
        return try handle(json, provider: id, idPath: idPath, extra: extra)
    }

    /// The handle for an answer that holds a task id at `idPath`.
    public func handle(_ json: JSONValue, provider id: ProviderID, idPath: [String], extra: JSONValue? = nil) throws -> ProviderHandle {
        let value = idPath.reduce(Optional(json)) { $0?[$1] }
        guard let jobID = value?.stringValue ?? value?.intValue.map(String.init), !jobID.isEmpty else {
            throw JobFailure(.transient, "\(name) accepted the task but its answer has no \(idPath.joined(separator: "."))")
        }
        return ProviderHandle(provider: id, jobID: jobID, extra: extra)
    }

    /// A report on job `jobID` at `url`, or nil when the server answers one of `gone` (it no
    /// longer knows the job: make it ``forgotten(_:)``).
    public func report(_ url: URL, jobID: String, gone: Set<Int> = [404]) async throws -> JSONValue? {
        try await call("GET", url, unknown: gone, doing: "report on job \(jobID)")
    }

    /// ``report(_:jobID:gone:)`` on `baseURL/path?query`.
    public func report(_ path: String, query: [String: String] = [:], jobID: String) async throws -> JSONValue? {
        try await report(url(path, query: query), jobID: jobID)
    }

    /// A job the provider no longer knows (expired records, a restarted server): failed as
    /// `expired`, so it is made again under a new idempotency key. The one way every task
    /// adapter says so.
    public func forgotten(_ jobID: String, _ why: String? = nil) -> JobStatus {
        .failed(JobFailure(.expired, "\(name) no longer knows job \(jobID)\(why.map { " (\($0))" } ?? ""); it will be made again"))
    }

    /// The descriptor of a video provider on this API, named as messages name it.
    public func descriptor(_ id: ProviderID, pollInterval: Double, timeout: Double = 1200) -> ProviderDescriptor {
        ProviderDescriptor(id: id, name: name, media: [.video], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: timeout, revision: 1)
    }

    /// What `seconds` of `model` cost by the catalog.
    public func catalogCost(model: String, seconds: Double) -> Money? {
        catalog.first { $0.id == model }?.cost(seconds: seconds)
    }
}
