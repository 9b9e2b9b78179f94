import Foundation
import ReelModel

/// Runway's documented API as a ``FakeTaskDialect``: `Authorization: Bearer` plus the
/// required `X-Runway-Version`, `POST /v1/image_to_video` → `{id}`, `GET /v1/tasks/{id}`
/// (`PENDING` → `RUNNING` with `progress` → `SUCCEEDED` with `output` or `FAILED` with
/// `failure`/`failureCode`), `GET /v1/organization`, and errors as `{"error": "…"}`.
public struct RunwayFakeServer: FakeTaskDialect {
    public var secret: String
    public var version: String

    public init(secret: String = "key_runway_5e1d0c9b", version: String = "2024-11-06") {
        self.secret = secret
        self.version = version
    }

    /// Runway's error envelope.
    public static func error(_ status: Int, _ message: String, headers: [String: String] = [:]) -> FakeResponse {
        .json(["error": .string(message)], status: status, headers: headers)
    }

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        guard request.bearerToken == secret else { return Self.error(401, "Invalid API key") }
        guard request.header("x-runway-version") == version else {
            return Self.error(400, "A valid X-Runway-Version header is required")
        }
        return nil
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        switch (request.method, request.pathComponents) {
        case ("POST", ["v1", "image_to_video"]): return .create(key: nil)
        case ("GET", let parts) where parts.count == 3 && parts[0] == "v1" && parts[1] == "tasks": return .poll(id: parts[2])
        case ("GET", ["v1", "organization"]): return .other(.json(["creditBalance": 1200, "tier": ["maxMonthlyCreditSpend": 10000]]))
        default: return .other(Self.error(404, "Not found"))
        }
    }

    public func created(_ task: FakeTask) -> FakeResponse { .json(["id": .string(task.id)]) }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var json: [String: JSONValue] = ["id": .string(task.id), "createdAt": "2026-10-01T12:00:00.000Z"]
        switch task.phase {
        case .queued: json["status"] = "PENDING"
        case .running: json["status"] = "RUNNING"; json["progress"] = 0.5
        case .succeeded: json["status"] = "SUCCEEDED"; json["output"] = [.string(resultURL)]
        case .failed:
            json["status"] = "FAILED"
            json["failure"] = .string(task.failure?.message ?? "failed")
            json["failureCode"] = .string(task.failure?.code ?? "INTERNAL")
        }
        return .json(.object(json))
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(404, "Task not found") }
}
