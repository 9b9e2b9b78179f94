import Foundation
import ReelModel

/// Volcengine Ark's content-generation tasks (Seedance) on loopback: `Bearer` auth with
/// Ark's error envelope, `POST /api/v3/contents/generations/tasks`, `GET …/tasks/{id}`
/// (queued → running → succeeded with `content.video_url` and `usage.completion_tokens`),
/// the task list for key checks, and the video at `/files/{id}.mp4`.
///
/// ```swift
/// let ark = try await SeedanceFakeServer.start()
/// let config = ProviderConfig(id: "seedance", baseURL: ark.baseURL, credentials: ["ARK_API_KEY": Secret(ark.apiKey)])
/// ```
public final class SeedanceFakeServer: Sendable {
    public let core: FakeTaskCore
    /// Completion tokens every finished task reports.
    public static let tokens: Int64 = 108_900

    init(core: FakeTaskCore) { self.core = core }

    public static func start(apiKey: String = "ark-test-9f1c2e", pollsUntilDone: Int = 1) async throws -> SeedanceFakeServer {
        SeedanceFakeServer(core: try await FakeTaskCore.start(apiKey: apiKey, pollsUntilDone: pollsUntilDone) { request, fake in
            Self.route(request, fake)
        })
    }

    /// What the adapter's base URL is set to: `http://127.0.0.1:<port>/api/v3`.
    public var baseURL: URL { core.root.appendingPathComponent("api/v3") }
    public var apiKey: String { core.apiKey }
    public func stop() async throws { try await core.stop() }

    static func route(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse? {
        let parts = request.pathComponents
        if parts == ["api", "v3", "images", "generations"], request.method == "POST" {
            guard fake.authorized(request) else {
                return .json(["error": ["code": "AuthenticationError", "message": "the API key in the request is missing or invalid",
                                        "type": "Unauthorized"]], status: 401)
            }
            return fake.answer(.create) { image(request) }
        }
        guard parts.starts(with: ["api", "v3", "contents", "generations", "tasks"]) else { return nil }
        guard fake.authorized(request) else {
            return .json(["error": ["code": "AuthenticationError", "message": "the API key in the request is missing or invalid",
                                    "type": "Unauthorized"]], status: 401)
        }
        switch (request.method, parts.count) {
        case ("POST", 5):
            guard let body = request.json, body["model"]?.stringValue != nil, body["content"]?.arrayValue != nil else {
                return .json(["error": ["code": "MissingParameter", "message": "model and content are required"]], status: 400)
            }
            return fake.answer(.create) { .json(["id": .string(fake.createJob(request, prefix: "cgt-2026").id)]) }
        case ("GET", 5):
            return .json(["items": [], "total": .int(Int64(fake.jobs.count))])
        case ("GET", 6):
            return fake.answer(.poll) { report(parts[5], fake) }
        default:
            return .json(["error": ["code": "NotFound", "message": "no such route"]], status: 404)
        }
    }

    /// Seedream's `POST /images/generations`, checked as the API describes it: a Seedream
    /// model, a prompt, a `WxH` or `1K`/`2K`/`4K` size, `image` as a data URI or a list of at
    /// most 14 (PNG, JPEG or WebP by their bytes); the picture as `b64_json` when asked.
    static func image(_ request: RecordedRequest) -> FakeResponse {
        func refuse(_ code: String, _ message: String) -> FakeResponse {
            .json(["error": ["code": .string(code), "message": .string(message)]], status: 400)
        }
        guard let body = request.json, let model = body["model"]?.stringValue, model.contains("seedream"),
              body["prompt"]?.stringValue?.isEmpty == false else { return refuse("MissingParameter", "model and prompt are required") }
        let size = body["size"]?.stringValue ?? "2048x2048"
        let sides = size.split(separator: "x").compactMap { Int($0) }
        guard ["1K", "2K", "4K"].contains(size) || (sides.count == 2 && sides.allSatisfy { (512...6000).contains($0) }) else {
            return refuse("InvalidParameter", "size is not valid")
        }
        let images: [JSONValue] = body["image"].map { $0.arrayValue ?? [$0] } ?? []
        guard images.count <= 14 else { return refuse("InvalidParameter", "at most 14 reference images") }
        let signatures: [[UInt8]] = [[0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("RIFF".utf8)]
        for image in images {
            guard let uri = image.stringValue, uri.hasPrefix("data:image/"), let comma = uri.firstIndex(of: ","),
                  let data = Data(base64Encoded: String(uri[uri.index(after: comma)...])),
                  signatures.contains(where: { data.starts(with: $0) }) else {
                return refuse("InvalidParameter", "image must be a URL or a data:image/<format>;base64 URI")
            }
        }
        let png = ((try? FixtureMedia.png(6)) ?? Data()).base64EncodedString()
        let picture: JSONValue = body["response_format"]?.stringValue == "b64_json"
            ? ["b64_json": .string(png), "size": .string(size)] : ["url": "https://ark-content.example/img.png?X-Tos-Expires=86400"]
        return .json(["model": .string(model), "created": 1_790_000_000, "data": [picture],
                      "usage": ["generated_images": 1, "output_tokens": 16_384, "total_tokens": 16_384]])
    }

    static func report(_ id: String, _ fake: FakeTaskCore) -> FakeResponse {
        guard let (job, done) = fake.poll(id) else {
            return .json(["error": ["code": "ResourceNotFound", "message": .string("the task \(id) does not exist")]], status: 404)
        }
        let model = job.body["model"] ?? "doubao-seedance-2-0-260128"
        var task: [String: JSONValue] = ["id": .string(id), "model": model, "created_at": 1_790_000_000,
                                         "updated_at": 1_790_000_060]
        switch (done, job.outcome) {
        case (false, _):
            task["status"] = "running"
        case (true, .succeeds):
            task["status"] = "succeeded"
            task["content"] = ["video_url": .string(fake.fileURL(id).absoluteString + "?X-Tos-Signature=abc123")]
            task["usage"] = ["completion_tokens": .int(tokens), "total_tokens": .int(tokens)]
            task["seed"] = job.body["seed"] ?? 11
        case (true, .fails(let code, let message)):
            task["status"] = "failed"
            task["error"] = ["code": .string(code), "message": .string(message)]
        }
        return .json(.object(task))
    }
}
