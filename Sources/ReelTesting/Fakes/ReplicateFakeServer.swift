import Foundation
import ReelModel

/// Replicate's predictions API on loopback: `Bearer` auth with `{detail, status}` errors,
/// `POST /v1/models/{owner}/{name}/predictions` and `POST /v1/predictions` (with a
/// `version`), `GET /v1/predictions/{id}` (starting → processing → succeeded with the output
/// URL and `metrics.predict_time`, or failed with `error`; 404 when it does not know it),
/// `GET /v1/account`, and the output at `/files/{id}.mp4` (`.png` for FLUX models).
public final class ReplicateFakeServer: Sendable {
    public let core: FakeTaskCore
    /// What every finished prediction reports as `metrics.predict_time`.
    public static let predictTime = 42.5

    init(core: FakeTaskCore) { self.core = core }

    public static func start(apiKey: String = "r8_testtoken_3c9d", pollsUntilDone: Int = 1) async throws -> ReplicateFakeServer {
        ReplicateFakeServer(core: try await FakeTaskCore.start(apiKey: apiKey, pollsUntilDone: pollsUntilDone) { request, fake in
            Self.route(request, fake)
        })
    }

    /// `http://127.0.0.1:<port>/v1`.
    public var baseURL: URL { core.root.appendingPathComponent("v1") }
    public var apiKey: String { core.apiKey }

    static func route(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse? {
        let parts = request.pathComponents
        guard parts.first == "v1" else { return nil }
        guard fake.authorized(request) else {
            return .json(["title": "Unauthenticated", "detail": "You did not pass a valid authentication token", "status": 401],
                         status: 401)
        }
        switch (request.method, Array(parts.dropFirst())) {
        case ("GET", ["account"]):
            return .json(["type": "user", "username": "reel-tester", "name": "Reel Tester"])
        case ("POST", let p) where (p.count == 4 && p[0] == "models" && p[3] == "predictions") || p == ["predictions"]:
            guard let input = request.json?["input"], input.objectValue != nil else {
                return .json(["title": "Invalid input", "detail": "input is required", "status": 422], status: 422)
            }
            if p == ["predictions"], request.json?["version"]?.stringValue == nil {
                return .json(["title": "Invalid input", "detail": "version is required", "status": 422], status: 422)
            }
            return fake.answer(.create) {
                let job = fake.createJob(request, prefix: "rep")
                return .json(prediction(job, status: "starting", fake), status: 201)
            }
        case ("GET", let p) where p.count == 2 && p[0] == "predictions":
            return fake.answer(.poll) { report(p[1], fake) }
        default:
            return .json(["detail": "Not found.", "status": 404], status: 404)
        }
    }

    static func prediction(_ job: FakeTaskCore.Job, status: String, _ fake: FakeTaskCore) -> JSONValue {
        let get = fake.root.appendingPathComponent("v1/predictions").appendingPathComponent(job.id)
        return ["id": .string(job.id), "status": .string(status), "input": job.body["input"] ?? .null,
                "urls": ["get": .string(get.absoluteString), "cancel": .string(get.appendingPathComponent("cancel").absoluteString)],
                "created_at": "2026-11-25T08:00:00Z"]
    }

    static func report(_ id: String, _ fake: FakeTaskCore) -> FakeResponse {
        guard let (job, done) = fake.poll(id) else { return .json(["detail": "Not found.", "status": 404], status: 404) }
        guard done else { return .json(prediction(job, status: "processing", fake)) }
        var object = prediction(job, status: "", fake).objectValue ?? [:]
        switch job.outcome {
        case .succeeds:
            object["status"] = "succeeded"
            // FLUX's models answer one image file; video models one video file.
            let image = job.path.contains("black-forest-labs/")
            object["output"] = .string(fake.fileURL(id, ext: image ? "png" : "mp4").absoluteString)
            object["metrics"] = ["predict_time": .double(predictTime)]
        case .fails(_, let message):
            object["status"] = "failed"
            object["error"] = .string(message)
        }
        return .json(.object(object))
    }
}
