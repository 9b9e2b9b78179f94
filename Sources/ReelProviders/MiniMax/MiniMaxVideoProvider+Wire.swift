import Foundation
import ReelEngine
import ReelModel

/// MiniMax's v1 wire format.
///
/// Left open by the docs: an idempotency key (none), the answer to a query of an unknown
/// task (taken to be 404 or a `base_resp` invalid-parameter code), why a task ended `Fail`
/// (no reason field is documented: such takes fail as `failed`), the duration/resolution
/// matrix of Hailuo-02 and 2.3 (6 or 10 s; 1080P only at 6 s, per secondary sources), and the
/// aspect of text-to-video (v1 has no aspect field; 16:9 is assumed, so other aspects are
/// refused for text-only takes).
extension MiniMaxVideoProvider {
    /// The model asked for; `default` is `MiniMax-Hailuo-02`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "MiniMax-Hailuo-02" : name }

    /// `512P`, `768P`, `1080P`.
    static func resolution(_ size: VideoFormat.Size) -> String {
        switch size {
        case .p480: "512P"
        case .p720: "768P"
        case .p1080: "1080P"
        }
    }

    /// The body of `POST /v1/video_generation`: `duration` an integer, frames as data URIs.
    static func body(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)),
            "prompt": .string(request.prompt),
            "duration": .int(Int64(request.duration.seconds.rounded())),
            "resolution": .string(resolution(request.format.size)),
        ]
        switch request.mode {
        case .text:
            guard request.format.aspect == .landscape else {
                throw JobFailure(.invalidRequest, "MiniMax makes text-to-video only in 16:9; give a \(request.format.aspect.rawValue) "
                                 + "shot a first frame", providerCode: "text-is-16:9")
            }
        case .references:
            throw JobFailure(.invalidRequest, "MiniMax Hailuo takes no reference images; use a first frame",
                             providerCode: "no-references")
        case .imageToVideo, .firstLastFrame:
            guard let first = try images.first(.firstFrame) else {
                throw JobFailure(.invalidRequest, "MiniMax image-to-video needs a first frame and the request has none")
            }
            body["first_frame_image"] = .string(first.dataURI)
            if request.mode == .firstLastFrame, let last = try images.first(.lastFrame) {
                body["last_frame_image"] = .string(last.dataURI)
            }
        }
        return .object(body)
    }

    /// MiniMax's TitleCase task states.
    static let states: [String: TaskPhase] = ["Preparing": .queued, "Queueing": .queued, "Processing": .running,
                                              "Success": .succeeded, "Fail": .failed]

    static func status(_ json: JSONValue, jobID: String, client: TaskClient) throws -> JobStatus {
        // The link comes from files/retrieve; a placeholder marks success here.
        try client.status(jobID: jobID, state: json["status"]?.stringValue, table: states, url: { "file" }) {
            JobFailure(.failed, "MiniMax failed task \(jobID)", providerCode: "Fail")
        }
    }

    /// `base_resp.status_code` (in any status, HTTP 200 included) as a failure; nil for 0 or none.
    @Sendable static func vendorFailure(_ response: HTTPResponse, _ json: JSONValue?, _ action: String) -> JobFailure? {
        guard let code = json?["base_resp"]?["status_code"]?.intValue, code != 0 else { return nil }
        let said = TaskClient.said(json?["base_resp"]?["status_msg"]).map { ": \($0)" } ?? ""
        let message = "MiniMax refused to \(action) (code \(code))\(said)"
        let reason: JobFailure.Reason
        switch code {
        case 1004: reason = .auth
        case 1008: reason = .budget
        case 1026, 1027: reason = .moderation
        case 1002, 1039, 1041: reason = .rateLimited
        case 1000, 1001, 1024, 1033: reason = .transient
        case 2013: reason = .invalidRequest
        default: reason = HTTPStatusPolicy.reason(forStatus: response.status) ?? .failed
        }
        let suffix = reason == .auth ? " (check MINIMAX_API_KEY and that its region matches the host)" : ""
        return JobFailure(reason, message + suffix,
                          retryAfter: reason == .rateLimited ? HTTPStatusPolicy.retryAfter(response.headers) : nil,
                          providerCode: "\(code)")
    }
}
