import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// What the adapters of "create a task → poll it → download the file" video APIs share:
/// the download (at once, checked, probed, stored), the price when the vendor's answer
/// carries none, a description without keys, and the mapping of a vendor's task states.
///
/// An adapter provides ``api``, ``probe`` and its own `descriptor`, `normalize`, `submit`
/// and `poll`; `fetch`, `description` and `customMirror` come from here.
public protocol TaskVideoAdapter: VideoGenerator, CustomStringConvertible, CustomReflectable {
    var api: TaskAPI { get }
    var probe: MediaProbe? { get }
}

extension TaskVideoAdapter {
    /// Downloads the result link without credentials (every vendor here signs its links),
    /// with the vendor's cost, else the catalog's price for the clip's length.
    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url, let url = URL(string: link) else {
            throw JobFailure(.transient, "\(api.provider) reported success without a result link")
        }
        let cost = result.cost ?? api.catalogCost(model: request.model, seconds: request.duration.seconds)
        let download = ResultDownload(provider: api.provider, transport: api.transport, probe: probe)
        return try await download.video(HTTPRequest(url: url, timeout: api.requestTimeout * 10), into: context.blobs,
                                        cost: cost, details: result.details)
    }

    public var description: String { "\(Self.self)(\(Redaction.url(api.baseURL)))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(api.baseURL), "pollInterval": descriptor.pollInterval,
                                "timeout": descriptor.timeout, "requestTimeout": api.requestTimeout], displayStyle: .struct)
    }

    /// The request without the brief's animatic-only parts and overlay layers, with `model`
    /// as the vendor's model id: what the cache key is made from.
    public func normalized(_ request: VideoRequest, model: String) -> VideoRequest {
        var r = request
        let b = request.brief
        r.brief = ShotBrief(shot: b.shot, setting: .interior, timeOfDay: .unspecified, location: "", mood: .calm,
                            size: .medium, move: .static, angle: .eyeLevel, purpose: .action, figures: [], action: "",
                            language: .english)
        r.images = request.images.filter { $0.role != .overlay }
        r.model = model
        return r
    }
}

/// Where a vendor's task stands, before it is read into a ``JobStatus``.
public enum TaskPhase: Sendable, Hashable {
    case queued, running, succeeded, failed

    /// The phase a vendor's state string stands for, from its table; nil when it is not in it.
    public static func of(_ state: String?, _ table: [String: TaskPhase]) -> TaskPhase? {
        state.flatMap { table[$0] }
    }
}

extension TaskAPI {
    /// The status of a task the vendor reported in `state`.
    /// - Parameters:
    ///   - table: the vendor's states (`submitted` → queued, `succeed` → succeeded…).
    ///   - url: the result link, read only when the task succeeded.
    ///   - failure: the failure, read only when the task failed.
    public func status(jobID: String, state: String?, table: [String: TaskPhase], progress: Double? = nil,
                       url: () -> String?, cost: Money? = nil, failure: () -> JobFailure) throws -> JobStatus {
        switch TaskPhase.of(state, table) {
        case .queued: return .queued(position: nil)
        case .running: return .running(progress: progress)
        case .succeeded:
            guard let link = url(), !link.isEmpty else {
                throw JobFailure(.transient, "\(provider) reported job \(jobID) done without a result link")
            }
            return .succeeded(ResultLocator(url: link, cost: cost, details: ["job": .string(jobID)]))
        case .failed: return .failed(failure())
        case nil:
            let shown = state.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no state"
            throw JobFailure(.transient, "\(provider)'s report on job \(jobID) has \(shown)")
        }
    }
}
