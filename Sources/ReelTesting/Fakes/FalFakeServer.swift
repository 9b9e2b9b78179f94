import Foundation
import ReelModel

/// fal.ai's queue API on loopback: `Authorization: Key …`, `POST /{model…}` answering
/// `{request_id, status_url, response_url, cancel_url}`, `GET /{owner}/{app}/requests/{id}/status`
/// (IN_QUEUE → IN_PROGRESS → COMPLETED; 404 for a request it does not know), and
/// `GET /{owner}/{app}/requests/{id}` with `{video: {url, …}}` (FLUX apps: `{images: [{url, …}]}`) — or, for a failed request
/// (still `COMPLETED`), a 422 with `{detail: [{msg, type}]}`. Videos at `/files/{id}.mp4`. A
/// lip-sync app (`…/lipsync/…`) takes `video_url` and `audio_url` instead of a prompt.
public final class FalFakeServer: Sendable {
    public let core: FakeTaskCore

    init(core: FakeTaskCore) { self.core = core }

    public static func start(apiKey: String = "fal-test-key:5e7a1", pollsUntilDone: Int = 1) async throws -> FalFakeServer {
        FalFakeServer(core: try await FakeTaskCore.start(apiKey: apiKey, pollsUntilDone: pollsUntilDone) { request, fake in
            Self.route(request, fake)
        })
    }

    public var baseURL: URL { core.root }
    public var apiKey: String { core.apiKey }

    static func route(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse? {
        guard fake.authorized(request, scheme: "Key") else { return .json(["detail": "Unauthorized"], status: 401) }
        let parts = request.pathComponents
        if let i = parts.firstIndex(of: "requests"), i == 2, parts.count >= 4, request.method == "GET" {
            let app = parts[0..<2].joined(separator: "/")
            let id = parts[3]
            if parts.count == 5, parts[4] == "status" { return fake.answer(.poll) { status(id, app: app, fake) } }
            if parts.count == 4 { return fake.answer(.result) { result(id, fake) } }
            return nil
        }
        guard request.method == "POST", parts.count >= 2 else { return nil }
        // A lip-sync app takes a video and a voice, no prompt.
        if request.path.contains("/lipsync") || request.path.contains("sync-lipsync") {
            for field in ["video_url", "audio_url"] where request.json?[field]?.stringValue?.isEmpty != false {
                return .json(["detail": [["loc": ["body", .string(field)], "msg": "field required", "type": "value_error.missing"]]],
                             status: 422)
            }
        } else if request.json?["prompt"]?.stringValue == nil {
            return .json(["detail": [["loc": ["body", "prompt"], "msg": "field required", "type": "value_error.missing"]]],
                         status: 422)
        }
        return fake.answer(.create) {
            let id = fake.createJob(request, prefix: "fal-req").id
            let app = fake.root.appendingPathComponent(parts[0]).appendingPathComponent(parts[1])
                .appendingPathComponent("requests").appendingPathComponent(id)
            return .json(["request_id": .string(id), "status_url": .string(app.appendingPathComponent("status").absoluteString),
                          "response_url": .string(app.absoluteString),
                          "cancel_url": .string(app.appendingPathComponent("cancel").absoluteString), "queue_position": 0])
        }
    }

    static func status(_ id: String, app: String, _ fake: FakeTaskCore) -> FakeResponse {
        guard let (_, done) = fake.poll(id) else { return .json(["detail": "Request not found"], status: 404) }
        let response = fake.root.appendingPathComponent(app).appendingPathComponent("requests").appendingPathComponent(id)
        return .json(["status": done ? "COMPLETED" : "IN_PROGRESS", "request_id": .string(id),
                      "response_url": .string(response.absoluteString), "logs": []])
    }

    static func result(_ id: String, _ fake: FakeTaskCore) -> FakeResponse {
        guard let job = fake.job(id) else { return .json(["detail": "Request not found"], status: 404) }
        switch job.outcome {
        case .succeeds where job.path.contains("/flux"):
            // FLUX's answer: a list of images, with the seed used.
            return .json(["images": [["url": .string(fake.fileURL(id, ext: "png").absoluteString), "width": 720, "height": 1280,
                                      "content_type": "image/png"]],
                          "seed": job.body["seed"] ?? 0, "has_nsfw_concepts": [false], "prompt": job.body["prompt"] ?? ""])
        case .succeeds:
            return .json(["video": ["url": .string(fake.fileURL(id).absoluteString), "content_type": "video/mp4",
                                    "file_name": "output.mp4", "file_size": 41_223]])
        case .fails(let code, let message):
            return .json(["detail": [["loc": ["body"], "msg": .string(message), "type": .string(code)]]], status: 422)
        }
    }
}
