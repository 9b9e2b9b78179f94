import Foundation
import ReelModel

/// Luma's two documented video APIs as a ``FakeTaskDialect``: the legacy Dream Machine API
/// under `/dream-machine/v1` (`POST /generations/video`; `assets.video`; state `dreaming`)
/// and the Agents API under `/v1` (`POST /generations` with `type: video`; `output[]`;
/// state `processing`; `failure_code`). Both take `Authorization: Bearer`; errors are
/// `{"detail": "…"}`.
public struct LumaFakeServer: FakeTaskDialect {
    public var key: String
    public var agents: Bool

    public init(key: String = "luma-api-3b9e77aa41", agents: Bool = false) {
        self.key = key
        self.agents = agents
    }

    /// Luma's error envelope.
    public static func error(_ status: Int, _ message: String, headers: [String: String] = [:]) -> FakeResponse {
        .json(["detail": .string(message)], status: status, headers: headers)
    }

    var prefix: [String] { agents ? ["v1", "generations"] : ["dream-machine", "v1", "generations"] }

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        request.bearerToken == key ? nil : Self.error(401, "Invalid API key")
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        let parts = request.pathComponents
        guard parts.starts(with: prefix) else { return .other(Self.error(404, "Not Found")) }
        let rest = Array(parts.dropFirst(prefix.count))
        switch (request.method, rest.count) {
        case ("POST", 0) where agents: return .create(key: nil)
        case ("POST", 1) where !agents && rest[0] == "video": return .create(key: nil)
        case ("GET", 1): return .poll(id: rest[0])
        default: return .other(Self.error(405, "Method Not Allowed"))
        }
    }

    public func created(_ task: FakeTask) -> FakeResponse {
        .json(generation(task, state: "queued"), status: 201)
    }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        let state: String
        switch task.phase {
        case .queued: state = "queued"
        case .running: state = agents ? "processing" : "dreaming"
        case .succeeded: state = "completed"
        case .failed: state = "failed"
        }
        guard case .object(var json) = generation(task, state: state) else { return .status(500) }
        if task.phase == .succeeded {
            if agents {
                json["output"] = [["type": "video", "url": .string(resultURL)]]
            } else {
                json["assets"] = ["video": .string(resultURL), "image": .string(resultURL + ".jpg")]
            }
        }
        if task.phase == .failed {
            json["failure_reason"] = .string(task.failure?.message ?? "failed")
            if agents { json["failure_code"] = .string(task.failure?.code ?? "generation_failed") }
        }
        return .json(.object(json))
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(404, "Generation not found") }

    private func generation(_ task: FakeTask, state: String) -> JSONValue {
        ["id": .string(task.id), "state": .string(state), "model": task.body?["model"] ?? .null,
         "created_at": "2026-10-01T12:00:00Z", "failure_reason": .null]
    }
}
