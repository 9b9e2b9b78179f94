import Foundation
import ReelModel

/// Vidu's documented API as a ``FakeTaskDialect``: `Authorization: Token <key>`,
/// `POST /ent/v2/{text2video|img2video|start-end2video|reference2video}` → `{task_id, state}`,
/// `GET /ent/v2/tasks/{id}/creations` (`created` → `processing` → `success` with `creations`
/// and `credits`, or `failed` with `err_code`), errors as `{code, reason, message}`.
public struct ViduFakeServer: FakeTaskDialect {
    public var key: String
    /// Credits each finished task reports.
    public var credits: Int64?

    public init(key: String = "vda_8c21f0e4b7", credits: Int64? = 4) {
        self.key = key
        self.credits = credits
    }

    /// Vidu's error envelope.
    public static func error(_ status: Int, _ reason: String, headers: [String: String] = [:]) -> FakeResponse {
        .json(["code": .int(Int64(status)), "reason": .string(reason), "message": .string(reason)], status: status, headers: headers)
    }

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        request.header("authorization") == "Token \(key)" ? nil : Self.error(401, "UnAuthorized")
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        let parts = request.pathComponents
        guard parts.count >= 3, parts[0] == "ent", parts[1] == "v2" else { return .other(Self.error(404, "NotFound")) }
        switch (request.method, parts.count) {
        case ("POST", 3) where ["text2video", "img2video", "start-end2video", "reference2video"].contains(parts[2]):
            return .create(key: nil)
        case ("GET", 5) where parts[2] == "tasks" && parts[4] == "creations": return .poll(id: parts[3])
        default: return .other(Self.error(404, "NotFound"))
        }
    }

    public func created(_ task: FakeTask) -> FakeResponse {
        var json = task.body?.objectValue ?? [:]
        json["images"] = nil
        json["task_id"] = .string(task.id)
        json["state"] = "created"
        json["created_at"] = "2026-10-01T12:00:00.000Z"
        return .json(.object(json))
    }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var json: [String: JSONValue] = ["id": .string(task.id), "err_code": "", "creations": []]
        switch task.phase {
        case .queued: json["state"] = "queueing"
        case .running: json["state"] = "processing"
        case .succeeded:
            json["state"] = "success"
            json["creations"] = [["id": "creation-1", "url": .string(resultURL), "cover_url": .string(resultURL + ".jpg")]]
            if let credits { json["credits"] = .int(credits) }
        case .failed:
            json["state"] = "failed"
            json["err_code"] = .string(task.failure?.code ?? "InternalServiceFailure")
        }
        return .json(.object(json))
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(404, "TaskNotFound") }
}
