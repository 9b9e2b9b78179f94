import Foundation
import ReelEngine
import ReelModel

/// The JSON exchange that "create a task → poll it → download the file" video APIs share
/// (Kling, Runway, Luma, MiniMax, Vidu): where the vendor lives, how a request is signed,
/// how its answers are classified.
///
/// Every answer goes through the vendor's own error reading first (`vendorFailure`: Kling's
/// `code`, MiniMax's `base_resp`, which arrive inside HTTP 200 as often as not), then
/// through ``HTTPStatusPolicy``. A 2xx answer that is not a JSON object is `transient`.
///
/// ```swift
/// let api = TaskAPI(provider: "Vidu", baseURL: url, support: support, catalog: config.models) {
///     ["Authorization": "Token \(key)"]
/// }
/// let created = try await api.send("POST", "ent/v2/text2video", body: body, doing: "create a video")
/// ```
public struct TaskAPI: Sendable {
    public typealias Headers = @Sendable () throws -> [String: String]
    public typealias VendorFailure = @Sendable (_ response: HTTPResponse, _ json: JSONValue?, _ action: String) -> JobFailure?

    /// The vendor's name, as messages show it.
    public let provider: String
    public let baseURL: URL
    public let transport: any HTTPTransport
    /// Seconds one exchange may take (a download gets ten times as long).
    public let requestTimeout: Double
    /// This provider's models from the catalog, for prices when an answer carries no cost.
    public let catalog: [ModelCapabilities]
    let headers: Headers
    let vendorFailure: VendorFailure?

    /// - Parameters:
    ///   - headers: the authorization headers, made for each request (a JWT is signed anew).
    ///   - vendorFailure: reads the vendor's own error envelope; nil leaves the answer to the
    ///     HTTP status.
    public init(provider: String, baseURL: URL, support: AdapterSupport, catalog: [ModelCapabilities] = [],
                vendorFailure: VendorFailure? = nil, headers: @escaping Headers) {
        self.provider = provider
        self.baseURL = baseURL
        self.transport = support.transport
        self.requestTimeout = support.requestTimeout
        self.catalog = catalog
        self.headers = headers
        self.vendorFailure = vendorFailure
    }

    public var policy: HTTPStatusPolicy { HTTPStatusPolicy(provider: provider) }

    /// `baseURL/path?query`.
    public func url(_ path: String, query: [String: String] = [:]) -> URL {
        var url = baseURL
        for part in path.split(separator: "/") { url.appendPathComponent(String(part)) }
        guard !query.isEmpty, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        parts.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return parts.url ?? url
    }

    /// Sends one request and returns its JSON object.
    /// - Parameters:
    ///   - body: sent as JSON when given.
    ///   - unknown: statuses that mean "no such task" (`404`); they return nil instead of throwing.
    ///   - doing: what was asked, for messages ("create a video").
    public func send(_ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
                     extraHeaders: [String: String] = [:], unknown: Set<Int> = [], doing action: String) async throws -> JSONValue? {
        var all = try headers()
        all.merge(extraHeaders) { _, new in new }
        all["Accept"] = "application/json"
        let target = url(path, query: query)
        let request = body.map { HTTPRequest.json(method, target, body: $0, headers: all, timeout: requestTimeout) }
            ?? HTTPRequest(method: method, url: target, headers: all, timeout: requestTimeout)
        let response = try await transport.send(request)
        if unknown.contains(response.status) { return nil }
        let json = response.json
        if let failure = vendorFailure?(response, json, action) { throw failure }
        try policy.check(response, doing: action)
        guard let json, json.objectValue != nil else {
            throw JobFailure(.transient, "\(provider)'s answer to \(action) is not JSON (HTTP \(response.status))")
        }
        return json
    }

    /// Like ``send(_:_:query:body:extraHeaders:unknown:doing:)`` for answers that must be there.
    public func require(_ method: String, _ path: String, query: [String: String] = [:], body: JSONValue? = nil,
                        extraHeaders: [String: String] = [:], doing action: String) async throws -> JSONValue {
        try await send(method, path, query: query, body: body, extraHeaders: extraHeaders, doing: action)!
    }

    /// Sends a create and makes the handle from the task id its answer holds at `idPath`.
    /// - Parameter extra: what polling needs besides the id (never a key or a signed URL).
    public func create(_ path: String, body: JSONValue, provider id: ProviderID, idPath: [String] = ["id"],
                       extra: JSONValue? = nil) async throws -> ProviderHandle {
        let json = try await require("POST", path, body: body, doing: "create a video")
        return try handle(json, provider: id, idPath: idPath, extra: extra)
    }

    /// The handle for an answer that holds a task id at `idPath`.
    public func handle(_ json: JSONValue, provider id: ProviderID, idPath: [String], extra: JSONValue? = nil) throws -> ProviderHandle {
        let value = idPath.reduce(Optional(json)) { $0?[$1] }
        guard let jobID = value?.stringValue ?? value?.intValue.map(String.init), !jobID.isEmpty else {
            throw JobFailure(.transient, "\(provider) accepted the task but its answer has no \(idPath.joined(separator: "."))")
        }
        return ProviderHandle(provider: id, jobID: jobID, extra: extra)
    }

    /// Asks where task `jobID` stands; nil when the vendor no longer knows it (HTTP 404).
    public func report(_ path: String, query: [String: String] = [:], jobID: String) async throws -> JSONValue? {
        try await send("GET", path, query: query, unknown: [404], doing: "report on task \(jobID)")
    }

    /// The descriptor of a video provider on this API, named as messages name it.
    public func descriptor(_ id: ProviderID, pollInterval: Double, timeout: Double = 1200) -> ProviderDescriptor {
        ProviderDescriptor(id: id, name: provider, media: [.video], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: timeout, revision: 1)
    }

    /// What `seconds` of `model` cost by the catalog.
    public func catalogCost(model: String, seconds: Double) -> Money? {
        catalog.first { $0.id == model }?.cost(seconds: seconds)
    }

    /// A job the vendor no longer knows: made again under a new idempotency key.
    public func forgotten(_ jobID: String) -> JobStatus {
        .failed(JobFailure(.expired, "\(provider) no longer knows job \(jobID); it will be made again"))
    }

    /// A provider text fit for a message or a code: cleaned and short.
    public static func said(_ value: JSONValue?, limit: Int = Redaction.maxMessageLength) -> String? {
        let text = value?.stringValue ?? value?.intValue.map(String.init)
        guard let text, !text.isEmpty else { return nil }
        return String(Redaction.message(text).prefix(limit))
    }

    /// `units × price` for vendors that bill in their own units (credits, resource-pack units).
    public static func cost(units: JSONValue?, price: Money?) -> Money? {
        guard let price, let units = units?.doubleValue ?? units?.stringValue.flatMap(Double.init), units > 0 else { return nil }
        return price * units
    }
}
