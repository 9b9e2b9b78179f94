import Foundation
import ReelModel

/// MiniMax's documented v1 video API as a ``FakeTaskDialect``: `POST /v1/video_generation`,
/// `GET /v1/query/video_generation?task_id=` (`Queueing` → `Processing` → `Success` with a
/// `file_id`, or `Fail`), `GET /v1/files/retrieve?file_id=` (`file.download_url`), and every
/// error as `base_resp.status_code` inside HTTP 200, bad keys (1004) included.
public struct MiniMaxFakeServer: FakeTaskDialect {
    public var key: String

    public init(key: String = "eyJhbGciOi-minimax-key-4471") { self.key = key }

    /// A business error inside HTTP 200 (or `status`).
    public static func error(_ code: Int, _ message: String, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        .json(["base_resp": ["status_code": .int(Int64(code)), "status_msg": .string(message)]], status: status, headers: headers)
    }

    static let ok: JSONValue = ["status_code": 0, "status_msg": "success"]

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        request.bearerToken == key ? nil : Self.error(1004, "login fail: Please carry the API secret key in the 'Authorization' field")
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        switch (request.method, request.path) {
        case ("POST", "/v1/video_generation"): return .create(key: nil)
        case ("GET", "/v1/query/video_generation"): return .poll(id: request.query["task_id"] ?? "")
        case ("GET", "/v1/files/retrieve"): return .file(id: String((request.query["file_id"] ?? "").dropFirst("file-".count)))
        default: return .other(.status(404))
        }
    }

    public func created(_ task: FakeTask) -> FakeResponse { .json(["task_id": .string(task.id), "base_resp": Self.ok]) }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var json: [String: JSONValue] = ["task_id": .string(task.id), "base_resp": Self.ok]
        switch task.phase {
        case .queued: json["status"] = "Queueing"
        case .running: json["status"] = "Processing"
        case .succeeded:
            json["status"] = "Success"
            json["file_id"] = .string("file-\(task.id)")
            json["video_width"] = 64
            json["video_height"] = 112
        case .failed: json["status"] = "Fail"
        }
        return .json(.object(json))
    }

    public func file(_ task: FakeTask, resultURL: String) -> FakeResponse {
        .json(["file": ["file_id": .string("file-\(task.id)"), "bytes": 0, "created_at": 1_760_000_000, "filename": "output.mp4",
                        "purpose": "video_generation", "download_url": .string(resultURL)], "base_resp": Self.ok])
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(2013, "invalid params: task_id") }
}
