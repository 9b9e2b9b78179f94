import Foundation
import ReelModel
import Synchronization

/// OpenAI's documented protocol on loopback — Videos (Sora 2), Images, speech, chat
/// completions and the model list — signed the way OpenAI checks (`Authorization: Bearer`)
/// or the way Azure OpenAI's v1 API does (`api-key`, under `/openai/v1`).
///
/// A video is `in_progress` for ``pollsBeforeDone`` polls, then `completed`; its content is
/// a real MP4. Tests script faults per endpoint (`create`, `poll`, `content`, `image`,
/// `speech`, `chat`, `models`) through ``answers``.
public final class OpenAIFakeServer: Sendable {
    /// Which service the fake speaks as: OpenAI (`Authorization: Bearer`, `/v1`) or Azure
    /// OpenAI's v1 API (`api-key`, `/openai/v1`).
    public enum Style: Sendable { case openai, azure }

    public let server: FakeHTTPServer
    public let apiKey: String
    public let style: Style
    public let answers = ScriptedAnswers()
    private let state = Mutex(State())

    struct State {
        var videos: [String: (polls: Int, seconds: String, model: String)] = [:]
        var pollsBeforeDone = 0
        var failure: JSONValue?
        var chatText = #"{"shots": 3}"#
        var chatFinish = "stop"
    }

    /// `http://127.0.0.1:<port>/v1` (or `/openai/v1` for Azure): the base URL adapters take.
    public var baseURL: URL { server.baseURL.appendingPathComponent(prefix) }
    public var requests: [RecordedRequest] { server.requests }
    var prefix: String { style == .openai ? "v1" : "openai/v1" }

    /// Polls that answer `in_progress` before a video is `completed`.
    public var pollsBeforeDone: Int {
        get { state.withLock { $0.pollsBeforeDone } }
        set { state.withLock { $0.pollsBeforeDone = newValue } }
    }

    /// Makes every video end `failed` with this `error` object.
    public func failVideos(code: String, message: String) {
        state.withLock { $0.failure = ["code": .string(code), "message": .string(message)] }
    }

    /// What the chat model answers next, and why it stopped.
    public func reply(_ text: String, finish: String = "stop") {
        state.withLock { $0.chatText = text; $0.chatFinish = finish }
    }

    /// Requests to `path` below the base URL, by `method`.
    public func requests(_ method: String, _ path: String) -> [RecordedRequest] {
        requests.filter { $0.method == method && $0.path == "/\(prefix)/\(path)" }
    }

    private init(server: FakeHTTPServer, apiKey: String, style: Style) {
        self.server = server
        self.apiKey = apiKey
        self.style = style
    }

    public static func start(style: Style = .openai, apiKey: String = "sk-fake-openai-key-0123456789") async throws -> OpenAIFakeServer {
        let box = Mutex<OpenAIFakeServer?>(nil)
        let server = try await FakeHTTPServer.start { request in
            guard let fake = box.withLock({ $0 }) else { return .status(503) }
            return fake.answer(request)
        }
        let fake = OpenAIFakeServer(server: server, apiKey: apiKey, style: style)
        box.withLock { $0 = fake }
        return fake
    }

    public func stop() async throws { try await server.stop() }

    /// OpenAI's error envelope.
    public static func error(_ status: Int, code: String, message: String = "something went wrong",
                             headers: [String: String] = [:]) -> FakeResponse {
        .json(["error": ["message": .string(message), "type": "invalid_request_error", "param": .null, "code": .string(code)]],
              status: status, headers: headers)
    }

    func answer(_ request: RecordedRequest) -> FakeResponse {
        let signed = style == .openai ? request.bearerToken == apiKey : request.header("api-key") == apiKey
        guard signed else { return Self.error(401, code: "invalid_api_key", message: "Incorrect API key provided") }
        let parts = Array(request.pathComponents.dropFirst(style == .openai ? 1 : 2))
        let route = parts.joined(separator: "/")
        let video = parts.count >= 2 && parts[0] == "videos" ? parts[1] : ""
        switch (request.method, route) {
        case ("POST", "videos"): return answers.next("create") ?? create(request)
        case ("GET", "videos/\(video)"): return answers.next("poll") ?? report(video)
        case ("GET", "videos/\(video)/content"): return answers.next("content") ?? content(video)
        case ("POST", "images/generations"):
            let png = ((try? FixtureMedia.png(3)) ?? Data()).base64EncodedString()
            return answers.next("image") ?? .json(["created": 1, "data": [["b64_json": .string(png)]]])
        case ("POST", "images/edits"): return answers.next("image") ?? edit(request)
        case ("POST", "audio/speech"):
            return answers.next("speech") ?? .bytes((try? FixtureMedia.mp3()) ?? Data(), contentType: "audio/mpeg")
        case ("POST", "chat/completions"): return answers.next("chat") ?? chat()
        case ("GET", "models"):
            return answers.next("models") ?? .json(["object": "list", "data": [["id": "sora-2"], ["id": "gpt-image-1"]]])
        default: return Self.error(404, code: "not_found", message: "no route \(request.method) \(request.path)")
        }
    }

    /// `POST /images/edits` as the API checks it: multipart, a prompt, one to 16 `image[]`
    /// files, each PNG, JPEG or WebP by its bytes.
    private func edit(_ request: RecordedRequest) -> FakeResponse {
        guard let form = MultipartBody(request), let prompt = form["prompt"], !prompt.isEmpty else {
            return Self.error(400, code: "invalid_request", message: "prompt is required")
        }
        let images = form.parts.filter { $0.name == "image[]" }
        guard (1...16).contains(images.count) else {
            return Self.error(400, code: "invalid_value", message: "image[] must hold 1 to 16 images, not \(images.count)")
        }
        let signatures: [[UInt8]] = [[0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("RIFF".utf8)]
        for image in images where image.fileName == nil || !signatures.contains(where: { image.data.starts(with: $0) }) {
            return Self.error(400, code: "invalid_image_format", message: "each image must be a png, webp or jpg file")
        }
        let png = ((try? FixtureMedia.png(3)) ?? Data()).base64EncodedString()
        return .json(["created": 1, "data": [["b64_json": .string(png)]]])
    }

    private func create(_ request: RecordedRequest) -> FakeResponse {
        guard let form = MultipartBody(request), let prompt = form["prompt"], !prompt.isEmpty else {
            return Self.error(400, code: "invalid_request", message: "prompt is required")
        }
        let seconds = form["seconds"] ?? "4"
        guard ["4", "8", "12", "16", "20"].contains(seconds) else {
            return Self.error(400, code: "invalid_value", message: "seconds must be one of 4, 8, 12")
        }
        let model = form["model"] ?? "sora-2"
        let id = state.withLock { state in
            let id = "video_\(state.videos.count + 1)"
            state.videos[id] = (0, seconds, model)
            return id
        }
        return .json(["id": .string(id), "object": "video", "model": .string(model), "status": "queued", "progress": 0,
                      "seconds": .string(seconds), "size": .string(form["size"] ?? "720x1280")])
    }

    private func report(_ id: String) -> FakeResponse {
        let found: (Int, String, String, JSONValue?)? = state.withLock { state in
            guard var video = state.videos[id] else { return nil }
            video.polls += 1
            state.videos[id] = video
            return (video.polls - state.pollsBeforeDone, video.seconds, video.model, state.failure)
        }
        guard let (done, seconds, model, failure) = found else { return Self.error(404, code: "not_found", message: "Video not found") }
        var object: [String: JSONValue] = ["id": .string(id), "object": "video", "model": .string(model),
                                           "seconds": .string(seconds), "size": "720x1280", "progress": 100]
        if done <= 0 {
            object["status"] = "in_progress"
            object["progress"] = 40
        } else if let failure {
            object["status"] = "failed"
            object["error"] = failure
        } else {
            object["status"] = "completed"
        }
        return .json(.object(object), headers: ["openai-poll-after-ms": "1000"])
    }

    private func content(_ id: String) -> FakeResponse {
        guard state.withLock({ $0.videos[id] }) != nil, let mp4 = try? FixtureMedia.mp4() else {
            return Self.error(404, code: "not_found", message: "Video not found")
        }
        return .bytes(mp4, contentType: "video/mp4")
    }

    private func chat() -> FakeResponse {
        let (text, finish) = state.withLock { ($0.chatText, $0.chatFinish) }
        return Self.chatAnswer(text, finish: finish)
    }

    /// A chat completion as OpenAI sends it: `text` as the first choice's message, its
    /// finish reason and token counts.
    public static func chatAnswer(_ text: String, finish: String = "stop", promptTokens: Int = 12,
                                  completionTokens: Int = 5) -> FakeResponse {
        .json(["id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4.1-mini",
               "choices": [["index": 0, "message": ["role": "assistant", "content": .string(text), "refusal": .null],
                            "finish_reason": .string(finish)]],
               "usage": ["prompt_tokens": .int(Int64(promptTokens)), "completion_tokens": .int(Int64(completionTokens)),
                         "total_tokens": .int(Int64(promptTokens + completionTokens))]])
    }

    /// Queues a conversation: the next chat requests get these replies, in order.
    public func transcript(_ replies: [String]) {
        for reply in replies {
            answers.script("chat", Self.chatAnswer(reply, promptTokens: 900, completionTokens: reply.utf8.count / 3))
        }
    }
}
