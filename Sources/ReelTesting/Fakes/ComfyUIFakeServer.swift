import Foundation
import ReelModel

/// A ComfyUI server on loopback, as `server.py` answers: `POST /upload/image` (multipart,
/// answering `{name, subfolder, type}`), `POST /prompt` (checking the graph the way ComfyUI
/// validates it: every node has a `class_type`, links point at nodes that exist, a
/// `LoadImage` names an uploaded file — else 400 with `node_errors`), `GET /queue`,
/// `GET /history[/{id}]` (empty until the prompt has run; then its outputs or its
/// `execution_error`), `GET /view?filename=&subfolder=&type=`, `GET /system_stats`, and the
/// WebSocket `/ws?clientId=` (the `status` event a client gets on connecting). No key
/// unless started with one (a proxy).
///
/// A graph with a `SaveImage` node saves a PNG; any other saves an MP4 under `gifs`
/// (VHS_VideoCombine's key).
public final class ComfyUIFakeServer: Sendable {
    public let core: FakeTaskCore

    init(core: FakeTaskCore) { self.core = core }

    public static func start(apiKey: String = "", pollsUntilDone: Int = 1) async throws -> ComfyUIFakeServer {
        let socket = FakeWebSocketRoute(path: "/ws") { request, socket in
            try await socket.send(json: ["type": "status", "data": ["status": ["exec_info": ["queue_remaining": 0]],
                                                                    "sid": .string(request.query["clientId"] ?? "")]])
        }
        return ComfyUIFakeServer(core: try await FakeTaskCore.start(apiKey: apiKey, pollsUntilDone: pollsUntilDone,
                                                                         webSocket: socket) { request, fake in
            Self.route(request, fake)
        })
    }

    public var baseURL: URL { core.root }

    /// Names of the images uploaded so far.
    public var uploads: [String] {
        core.requests("POST", "/upload/image").compactMap { Self.fileName(in: $0.body) }
    }

    static func route(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse? {
        if !fake.apiKey.isEmpty, !fake.authorized(request) { return .text("401: Unauthorized", status: 401) }
        switch (request.method, request.path) {
        case ("GET", "/system_stats"):
            return .json(["system": ["os": "posix", "comfyui_version": "0.3.60", "python_version": "3.12"], "devices": []])
        case ("POST", "/upload/image"):
            return fake.answer(.upload) {
                guard let name = fileName(in: request.body) else { return .text("no image", status: 400) }
                return .json(["name": .string(name), "subfolder": "", "type": "input"])
            }
        case ("POST", "/prompt"):
            return fake.answer(.create) { queue(request, fake) }
        case ("GET", "/queue"):
            let running = fake.jobs.filter { ($0.polls <= fake.pollsUntilDone) && !isForgotten($0.id, fake) }
            return .json(["queue_running": .array(running.map { item($0) }), "queue_pending": []])
        case ("GET", "/history"):
            var all: [String: JSONValue] = [:]
            for job in fake.jobs where job.polls > fake.pollsUntilDone { all[job.id] = entry(job, fake) }
            return .json(.object(all))
        case ("GET", "/view"):
            return fake.serveFile(named: request.query["filename"] ?? "")
        case ("GET", _) where request.pathComponents.count == 2 && request.pathComponents[0] == "history":
            return fake.answer(.poll) {
                let id = request.pathComponents[1]
                guard let (job, done) = fake.poll(id), done else { return .json([:]) }
                return .json([id: entry(job, fake)])
            }
        default:
            return .text("404: Not Found", status: 404)
        }
    }

    static func isForgotten(_ id: String, _ fake: FakeTaskCore) -> Bool { fake.job(id) == nil }

    static func queue(_ request: RecordedRequest, _ fake: FakeTaskCore) -> FakeResponse {
        guard let body = request.json, let graph = body["prompt"]?.objectValue else {
            return .json(["error": ["type": "invalid_prompt", "message": "Cannot parse the prompt", "details": "",
                                    "extra_info": [:]], "node_errors": [:]], status: 400)
        }
        let uploaded = Set(fake.requests("POST", "/upload/image").compactMap { fileName(in: $0.body) })
        var errors: [String: JSONValue] = [:]
        for (id, node) in graph {
            let type = node["class_type"]?.stringValue ?? ""
            var problems: [JSONValue] = []
            if type.isEmpty { problems.append(["type": "invalid_node", "message": "Node has no class_type", "details": ""]) }
            for (name, value) in node["inputs"]?.objectValue ?? [:] {
                if let link = value.arrayValue, let target = link.first?.stringValue, graph[target] == nil {
                    problems.append(["type": "bad_linked_input", "message": "Bad linked input", "details": .string(name)])
                }
            }
            if type == "LoadImage", let image = node["inputs"]?["image"]?.stringValue, !uploaded.contains(image) {
                problems.append(["type": "custom_validation_failed", "message": "Invalid image file",
                                 "details": .string("image - \(image)")])
            }
            if !problems.isEmpty {
                errors[id] = ["errors": .array(problems), "dependent_outputs": [], "class_type": .string(type)]
            }
        }
        if !errors.isEmpty {
            return .json(["error": ["type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                                    "details": "", "extra_info": [:]], "node_errors": .object(errors)], status: 400)
        }
        let job = fake.createJob(request, prefix: "5f0e1c2a-prompt")
        return .json(["prompt_id": .string(job.id), "number": .int(Int64(fake.jobs.count)), "node_errors": [:]])
    }

    static func item(_ job: FakeTaskCore.Job) -> JSONValue {
        [.int(1), .string(job.id), job.body["prompt"] ?? [:], ["client_id": job.body["client_id"] ?? ""], []]
    }

    static func entry(_ job: FakeTaskCore.Job, _ fake: FakeTaskCore) -> JSONValue {
        let graph = job.body["prompt"]?.objectValue ?? [:]
        let savesImage = graph.values.contains { $0["class_type"] == "SaveImage" }
        var entry: [String: JSONValue] = ["prompt": item(job), "meta": [:]]
        switch job.outcome {
        case .succeeds:
            let file: JSONValue = savesImage ? ["filename": "reel_00001_.png", "subfolder": "", "type": "output"]
                : ["filename": "reel_00001.mp4", "subfolder": "video", "type": "output", "format": "video/h264-mp4"]
            entry["outputs"] = ["9": [savesImage ? "images" : "gifs": [file]]]
            entry["status"] = ["status_str": "success", "completed": true, "messages": [["execution_success", [:]]]]
        case .fails(let code, let message):
            entry["outputs"] = [:]
            entry["status"] = ["status_str": "error", "completed": false, "messages": [
                ["execution_start", ["prompt_id": .string(job.id)]],
                ["execution_error", ["prompt_id": .string(job.id), "node_id": "3", "node_type": "KSampler",
                                     "exception_message": .string(message), "exception_type": .string(code)]],
            ]]
        }
        return .object(entry)
    }

    /// The `filename` of a multipart body's file part.
    static func fileName(in body: Data) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let range = text.range(of: #"filename=""#) else { return nil }
        return text[range.upperBound...].split(separator: "\"").first.map(String.init)
    }
}
