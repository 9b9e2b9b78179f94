import Foundation
import ReelModel

/// DashScope's asynchronous video synthesis (Wan) on loopback: `Bearer` auth with
/// DashScope's `{request_id, code, message}` errors, the `X-DashScope-Async: enable`
/// requirement, both create endpoints (`video-generation` and the keyframe `image2video`),
/// `GET /api/v1/tasks/{id}` (PENDING → RUNNING → SUCCEEDED with `video_url` and
/// `usage.video_duration`, or FAILED with `code`; UNKNOWN with HTTP 200 for a task it does
/// not know), and the video at `/files/{id}.mp4`.
public final class WanFakeServer: Sendable {
    public let core: FakeTaskCore

    init(core: FakeTaskCore) { self.core = core }

    public static func start(apiKey: String = "sk-dashscope-test-51ab", pollsUntilDone: Int = 1) async throws -> WanFakeServer {
        WanFakeServer(core: try await FakeTaskCore.start(apiKey: apiKey, pollsUntilDone: pollsUntilDone) { request, fake in
            Self.route(request, fake)
        })
    }

    /// What the adapter's base URL is set to.
    public var baseURL: URL { core.root }
    public var apiKey: String { core.apiKey }

    static func error(_ code: String, _ message: String, status: Int) -> FakeResponse {
        .json(["request_id": "req-1", "code": .string(code), "message": .string(message)], status: status)
    }

    static func route(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse? {
        let parts = request.pathComponents
        guard parts.starts(with: ["api", "v1"]) else { return nil }
        guard fake.authorized(request) else { return error("InvalidApiKey", "Invalid API-key provided.", status: 401) }
        if request.method == "POST", parts.last == "video-synthesis",
           parts.dropLast().last == "video-generation" || parts.dropLast().last == "image2video" {
            guard request.header("x-dashscope-async") == "enable" else {
                return error("AccessDenied", "current user api does not support synchronous calls", status: 403)
            }
            guard let body = request.json, body["model"]?.stringValue != nil, body["input"]?["prompt"] != nil else {
                return error("InvalidParameter", "model and input.prompt are required", status: 400)
            }
            return fake.answer(.create) {
                let id = fake.createJob(request, prefix: "wan-task").id
                return .json(["request_id": "req-2", "output": ["task_id": .string(id), "task_status": "PENDING"]])
            }
        }
        if request.method == "GET", parts.count == 4, parts[2] == "tasks" {
            return fake.answer(.poll) { report(parts[3], fake) }
        }
        return error("NotFound", "no such route", status: 404)
    }

    static func report(_ id: String, _ fake: FakeTaskCore) -> FakeResponse {
        guard let (job, done) = fake.poll(id) else {
            return .json(["request_id": "req-3", "output": ["task_id": .string(id), "task_status": "UNKNOWN"]])
        }
        var output: [String: JSONValue] = ["task_id": .string(id), "submit_time": "2026-11-25 08:00:00.000"]
        var report: [String: JSONValue] = ["request_id": "req-4"]
        switch (done, job.outcome) {
        case (false, _):
            output["task_status"] = "RUNNING"
        case (true, .succeeds):
            output["task_status"] = "SUCCEEDED"
            output["video_url"] = .string(fake.fileURL(id).absoluteString + "?Expires=1790000000&Signature=abc")
            let seconds = job.body["parameters"]?["duration"] ?? 5
            report["usage"] = ["video_duration": seconds, "video_count": 1]
        case (true, .fails(let code, let message)):
            output["task_status"] = "FAILED"
            output["code"] = .string(code)
            output["message"] = .string(message)
        }
        report["output"] = .object(output)
        return .json(.object(report))
    }
}
