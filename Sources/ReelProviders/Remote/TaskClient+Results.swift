import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Where a vendor's task stands, before it is read into a ``JobStatus``.
public enum TaskPhase: Sendable, Hashable {
    case queued, running, succeeded, failed

    /// The phase a vendor's state string stands for, from its table; nil when it is not in it.
    public static func of(_ state: String?, _ table: [String: TaskPhase]) -> TaskPhase? {
        state.flatMap { table[$0] }
    }
}

extension TaskClient {
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
                throw JobFailure(.transient, "\(name) reported job \(jobID) done without a result link")
            }
            return .succeeded(ResultLocator(url: link, cost: cost, details: ["job": .string(jobID)]))
        case .failed: return .failed(failure())
        case nil:
            let shown = state.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no state"
            throw JobFailure(.transient, "\(name)'s report on job \(jobID) has \(shown)")
        }
    }

    /// Downloads a finished job's file at once into the store (see ``ResultDownload``).
    /// - Parameters:
    ///   - mediaType: nil takes it from the file name, then from the server.
    ///   - authorized: send the key (only ever to the configured server): ComfyUI's `/view`
    ///     behind a proxy. Signed result links of the hosted APIs get no key.
    ///   - check: what the measured file must be besides a video (the size asked for).
    public func download(_ link: String, into blobs: any BlobStore, mediaType: String? = "video/mp4", cost: Money?,
                         details: JSONValue? = nil, expiredStatuses: Set<Int> = [403, 404, 410],
                         authorized: Bool = false,
                         check: (MediaInfo) throws -> Void = { _ in }) async throws -> NodeOutput {
        guard let url = URL(string: link), url.scheme == "http" || url.scheme == "https" else {
            throw JobFailure(.transient, "\(name) reported a result link that is not a URL")
        }
        let request = HTTPRequest(url: url, headers: authorized ? try headers(for: url, ["Accept": "*/*"]) : [:],
                                  timeout: requestTimeout * 10)
        let type = mediaType ?? Self.mediaType(fileName: url.lastPathComponent)
        let download = ResultDownload(provider: name, transport: transport, probe: probe)
        return try await download.file(request, into: blobs, mediaType: type, cost: cost, details: details,
                                       expiredStatuses: expiredStatuses) { info in
            if type?.hasPrefix("video/") ?? true, !info.hasVideo {
                throw JobFailure(.failed, "\(name)'s result has no video stream")
            }
            try check(info)
        }
    }

    /// True for provider codes that mean the content was refused.
    public static func isModeration(_ code: String?) -> Bool {
        guard let code = code?.lowercased() else { return false }
        return ["sensitive", "datainspection", "moderation", "nsfw", "content_policy", "contentpolicy"].contains { code.contains($0) }
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
