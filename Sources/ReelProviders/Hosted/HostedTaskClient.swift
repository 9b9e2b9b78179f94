import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The HTTP half shared by the adapters whose APIs are "create a task, poll it, download a
/// file" (Seedance, Wan, fal, Replicate, ComfyUI): where the server is, how a request is
/// authorised, and the three exchanges every such adapter makes — a JSON call, a report
/// that may say the job is gone, and the download of the result.
///
/// The key is kept as a ``Secret`` and put into a header only while a request is built;
/// the client prints as its host and nothing else.
///
/// ```swift
/// let client = HostedTaskClient(name: "Seedance", baseURL: url, auth: .bearer(key), support: support)
/// let answer = try await client.call("POST", client.url("contents/generations/tasks"), body: body, doing: "create a video")
/// ```
public struct HostedTaskClient: Sendable, CustomStringConvertible {
    /// How requests are authorised.
    public struct Auth: Sendable {
        public var header: String
        public var scheme: String
        public var secret: Secret

        public init(header: String = "Authorization", scheme: String, secret: Secret) {
            self.header = header
            self.scheme = scheme
            self.secret = secret
        }

        /// `Authorization: Bearer <key>`.
        public static func bearer(_ secret: Secret) -> Auth { Auth(scheme: "Bearer", secret: secret) }

        var value: String { scheme.isEmpty ? secret.reveal() : "\(scheme) \(secret.reveal())" }
    }

    /// The provider's name as users know it, for messages.
    public let name: String
    public let baseURL: URL
    let auth: Auth?
    public let transport: any HTTPTransport
    /// Seconds one HTTP exchange may take (a download gets ten times as long).
    public let requestTimeout: Double
    public let probe: MediaProbe?
    /// Headers every request carries (DashScope's `X-DashScope-Async`).
    let fixedHeaders: [String: String]

    public init(name: String, baseURL: URL, auth: Auth?, transport: any HTTPTransport, requestTimeout: Double,
                probe: MediaProbe?, headers: [String: String] = [:]) {
        self.name = name
        self.baseURL = baseURL
        self.auth = auth
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.probe = probe
        self.fixedHeaders = headers
    }

    public init(name: String, baseURL: URL, auth: Auth?, support: AdapterSupport, headers: [String: String] = [:]) {
        self.init(name: name, baseURL: baseURL, auth: auth, transport: support.transport,
                  requestTimeout: support.requestTimeout, probe: support.probe, headers: headers)
    }

    public var description: String { "HostedTaskClient(\(name), \(Redaction.url(baseURL)))" }

    var policy: HTTPStatusPolicy { HTTPStatusPolicy(provider: name) }

    /// `baseURL` + `path` (slashes inside `path` kept).
    public func url(_ path: String) -> URL {
        path.split(separator: "/").reduce(baseURL) { $0.appendingPathComponent(String($1)) }
    }

    /// True when `url` is on the configured server, so the key may be sent there.
    public func isOwnServer(_ url: URL) -> Bool {
        url.scheme == baseURL.scheme && url.host == baseURL.host && url.port == baseURL.port
    }

    /// The headers of a request: authorisation (only to the configured server), JSON, extras.
    public func headers(for url: URL, _ extra: [String: String] = [:]) -> [String: String] {
        var all = fixedHeaders.merging(extra) { _, new in new }
        all["Accept"] = all["Accept"] ?? "application/json"
        if let auth, isOwnServer(url) { all[auth.header] = auth.value }
        return all
    }

    /// Sends a request (with a JSON body when given) and returns its JSON object, after the
    /// status policy has had its say. A 2xx answer that is not a JSON object is transient.
    public func call(_ method: String, _ url: URL, body: JSONValue? = nil, headers extra: [String: String] = [:],
                     doing action: String) async throws -> JSONValue {
        let response = try await send(method, url, body: body, headers: extra)
        try check(response, doing: action)
        return try object(response, doing: action)
    }

    /// The status policy, with a refused prompt or image (a 400 whose code says the content
    /// was flagged: Ark's `…SensitiveContentDetected`, DashScope's `DataInspectionFailed`)
    /// classified as `moderation`, which is not retried.
    public func check(_ response: HTTPResponse, doing action: String) throws {
        guard var failure = policy.failure(for: response, doing: action) else { return }
        if failure.reason == .invalidRequest, Self.isModeration(failure.providerCode) { failure.reason = .moderation }
        if failure.reason == .rateLimited, failure.retryAfter == nil {
            // Replicate says it in the body: `{"retry_after": 5}`.
            failure.retryAfter = response.json?["retry_after"]?.doubleValue.map { max(0, $0) }
        }
        throw failure
    }

    /// True for provider codes that mean the content was refused.
    public static func isModeration(_ code: String?) -> Bool {
        guard let code = code?.lowercased() else { return false }
        return ["sensitive", "datainspection", "moderation", "nsfw", "content_policy", "contentpolicy"].contains { code.contains($0) }
    }

    /// Sends a request and returns the raw answer, unclassified.
    public func send(_ method: String, _ url: URL, body: JSONValue? = nil, headers extra: [String: String] = [:]) async throws
        -> HTTPResponse {
        let all = headers(for: url, extra)
        let request = body.map { HTTPRequest.json(method, url, body: $0, headers: all, timeout: requestTimeout) }
            ?? HTTPRequest(method: method, url: url, headers: all, timeout: requestTimeout)
        return try await transport.send(request)
    }

    /// Sends a prepared body (multipart uploads).
    public func send(_ method: String, _ url: URL, data: Data, contentType: String) async throws -> HTTPResponse {
        var all = headers(for: url)
        all["Content-Type"] = contentType
        return try await transport.send(HTTPRequest(method: method, url: url, headers: all, body: data, timeout: requestTimeout))
    }

    /// A report on job `jobID`, or nil when the server answers one of `gone` (it no longer
    /// knows the job).
    public func report(_ url: URL, jobID: String, gone: Set<Int> = [404]) async throws -> JSONValue? {
        let response = try await send("GET", url)
        if gone.contains(response.status) { return nil }
        try check(response, doing: "report on job \(jobID)")
        return try object(response, doing: "report on job \(jobID)")
    }

    /// The JSON object of a 2xx answer.
    public func object(_ response: HTTPResponse, doing action: String) throws -> JSONValue {
        guard let json = response.json, json.objectValue != nil else {
            throw JobFailure(.transient, "\(name)'s answer to \(action) is not a JSON object")
        }
        return json
    }

    /// The failure of a job the provider no longer knows: made again under a new key.
    public func gone(_ jobID: String) -> JobStatus {
        .failed(JobFailure(.expired, "\(name) no longer knows job \(jobID); it will be made again"))
    }

    /// Downloads a finished job's file at once into the store (see ``ResultDownload``).
    /// - Parameters:
    ///   - mediaType: nil takes it from the file name, then from the server.
    ///   - authorized: send the key (only ever to the configured server): ComfyUI's `/view`
    ///     behind a proxy. Signed result links of the hosted APIs get no key.
    public func download(_ link: String, into blobs: any BlobStore, mediaType: String? = "video/mp4", cost: Money?,
                         details: JSONValue? = nil, expiredStatuses: Set<Int> = [403, 404, 410],
                         authorized: Bool = false) async throws -> NodeOutput {
        guard let url = URL(string: link), url.scheme == "http" || url.scheme == "https" else {
            throw JobFailure(.transient, "\(name) reported a result link that is not a URL")
        }
        let request = HTTPRequest(url: url, headers: authorized ? headers(for: url, ["Accept": "*/*"]) : [:],
                                  timeout: requestTimeout * 10)
        let type = mediaType ?? Self.mediaType(fileName: url.lastPathComponent)
        let download = ResultDownload(provider: name, transport: transport, probe: probe)
        return try await download.file(request, into: blobs, mediaType: type, cost: cost, details: details,
                                       expiredStatuses: expiredStatuses) { info in
            if type?.hasPrefix("video/") ?? true, !info.hasVideo {
                throw JobFailure(.failed, "\(name)'s result has no video stream")
            }
        }
    }

    /// The media type a file name says, or nil when it says none Reel knows.
    public static func mediaType(fileName: String) -> String? {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "mp4", "m4v": "video/mp4"
        case "mov": "video/quicktime"
        case "webm": "video/webm"
        case "gif": "image/gif"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        default: nil
        }
    }
}
