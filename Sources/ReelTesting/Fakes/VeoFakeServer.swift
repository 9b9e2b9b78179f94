import Foundation
import ReelModel
import Synchronization

/// The Gemini API on loopback: Veo's protocol (`predictLongRunning`, operations, and the
/// video's download URI, which wants `x-goog-api-key` like the real one), the image models'
/// `generateContent` (a text part and up to the model's number of `inlineData` images in,
/// the picture as an `inlineData` part out), and the model list. Accepts images as `bytesBase64Encoded` or `inlineData`, and durations as integers
/// or strings, as the docs allow.
///
/// An operation is not `done` for ``pollsBeforeDone`` polls; then it ends the way
/// ``outcome`` says. Faults per endpoint (`create`, `poll`, `download`, `models`) through
/// ``answers``.
public final class VeoFakeServer: Sendable {
    /// How an operation ends once it is done: with a video, with a Google error object, or
    /// with its samples removed by the safety filter.
    public enum Outcome: Sendable {
        case video
        case error(code: Int, status: String, message: String)
        /// `done` with no samples: the safety filter removed them.
        case filtered(reasons: [String])
    }

    public let server: FakeHTTPServer
    public let apiKey: String
    public let answers = ScriptedAnswers()
    private let state = Mutex(State())

    struct State {
        var operations: [String: Int] = [:]
        var pollsBeforeDone = 0
        var outcome = Outcome.video
    }

    /// `http://127.0.0.1:<port>/v1beta`.
    public var baseURL: URL { server.baseURL.appendingPathComponent("v1beta") }
    public var requests: [RecordedRequest] { server.requests }

    public var pollsBeforeDone: Int {
        get { state.withLock { $0.pollsBeforeDone } }
        set { state.withLock { $0.pollsBeforeDone = newValue } }
    }

    public var outcome: Outcome {
        get { state.withLock { $0.outcome } }
        set { state.withLock { $0.outcome = newValue } }
    }

    private init(server: FakeHTTPServer, apiKey: String) {
        self.server = server
        self.apiKey = apiKey
    }

    public static func start(apiKey: String = "AIzaFakeGeminiKey0123456789abcdef") async throws -> VeoFakeServer {
        let box = Mutex<VeoFakeServer?>(nil)
        let server = try await FakeHTTPServer.start { request in
            guard let fake = box.withLock({ $0 }) else { return .status(503) }
            return fake.answer(request)
        }
        let fake = VeoFakeServer(server: server, apiKey: apiKey)
        box.withLock { $0 = fake }
        return fake
    }

    public func stop() async throws { try await server.stop() }

    /// Google's error format.
    public static func error(_ code: Int, status: String, message: String = "something went wrong",
                             headers: [String: String] = [:]) -> FakeResponse {
        .json(["error": ["code": .int(Int64(code)), "message": .string(message), "status": .string(status)]],
              status: code, headers: headers)
    }

    /// Requests whose path starts with `/v1beta/<prefix>`.
    public func requests(_ method: String, _ prefix: String) -> [RecordedRequest] {
        requests.filter { $0.method == method && $0.path.hasPrefix("/v1beta/" + prefix) }
    }

    func answer(_ request: RecordedRequest) -> FakeResponse {
        guard request.header("x-goog-api-key") == apiKey || request.query["key"] == apiKey else {
            return Self.error(403, status: "PERMISSION_DENIED", message: "API key not valid. Please pass a valid API key.")
        }
        let path = String(request.path.dropFirst("/v1beta/".count))
        if request.method == "POST", path.hasSuffix(":predictLongRunning") {
            return answers.next("create") ?? create(request, model: String(path.dropFirst("models/".count).dropLast(":predictLongRunning".count)))
        }
        if request.method == "POST", path.hasSuffix(":generateContent") {
            return answers.next("image") ?? image(request, model: String(path.dropFirst("models/".count).dropLast(":generateContent".count)))
        }
        if request.method == "GET", path.contains("/operations/") { return answers.next("poll") ?? report(path) }
        if request.method == "GET", path.hasPrefix("files/") {
            return answers.next("download") ?? .bytes((try? FixtureMedia.mp4()) ?? Data(), contentType: "video/mp4")
        }
        if request.method == "GET", path == "models" {
            return answers.next("models") ?? .json(["models": [["name": "models/veo-3.1-generate-preview"], ["name": "models/gemini-2.5-flash"]]])
        }
        return Self.error(404, status: "NOT_FOUND", message: "no route")
    }

    private func create(_ request: RecordedRequest, model: String) -> FakeResponse {
        guard let body = request.json, let instance = body["instances"]?.arrayValue?.first,
              instance["prompt"]?.stringValue?.isEmpty == false else {
            return Self.error(400, status: "INVALID_ARGUMENT", message: "instances[0].prompt is required")
        }
        let duration = body["parameters"]?["durationSeconds"]
        let seconds = duration?.intValue ?? duration?.stringValue.flatMap { Int64($0) } ?? 8
        guard [4, 6, 8].contains(seconds) else { return Self.error(400, status: "INVALID_ARGUMENT", message: "durationSeconds") }
        for key in ["image", "lastFrame"] {
            if let image = instance[key], Self.imageData(image) == nil {
                return Self.error(400, status: "INVALID_ARGUMENT", message: "\(key) is not an image")
            }
        }
        let name = state.withLock { state in
            let name = "models/\(model)/operations/op\(state.operations.count + 1)"
            state.operations[name] = 0
            return name
        }
        return .json(["name": .string(name)])
    }

    /// How many input images each image model takes (the cookbook's figures).
    public static let imageModels: [String: Int] = ["gemini-3-pro-image-preview": 14, "gemini-3.1-flash-image-preview": 14,
                                                     "gemini-2.5-flash-image": 3]

    /// `generateContent` on an image model, checked as the API would: a user turn whose parts
    /// are text and `inlineData` images (PNG, JPEG or WebP by their bytes, as many as the
    /// model takes), an image answer asked for, a known aspect ratio.
    private func image(_ request: RecordedRequest, model: String) -> FakeResponse {
        guard let limit = Self.imageModels[model] else {
            return Self.error(404, status: "NOT_FOUND", message: "models/\(model) is not found or does not make images")
        }
        guard let body = request.json, let parts = body["contents"]?.arrayValue?.first?["parts"]?.arrayValue,
              parts.contains(where: { $0["text"]?.stringValue?.isEmpty == false }) else {
            return Self.error(400, status: "INVALID_ARGUMENT", message: "contents[0].parts needs a text part")
        }
        let images = parts.compactMap { $0["inlineData"] }
        guard images.count <= limit else {
            return Self.error(400, status: "INVALID_ARGUMENT", message: "\(model) takes at most \(limit) images, not \(images.count)")
        }
        let signatures: [String: [UInt8]] = ["image/png": [0x89, 0x50, 0x4E, 0x47], "image/jpeg": [0xFF, 0xD8, 0xFF],
                                             "image/webp": Array("RIFF".utf8)]
        for inline in images {
            guard let type = inline["mimeType"]?.stringValue, let signature = signatures[type],
                  let data = inline["data"]?.stringValue.flatMap({ Data(base64Encoded: $0) }), data.starts(with: signature) else {
                return Self.error(400, status: "INVALID_ARGUMENT", message: "inlineData must be base64 of a png, jpeg or webp image")
            }
        }
        let config = body["generationConfig"]
        guard config?["responseModalities"]?.arrayValue?.contains("IMAGE") != false else {
            return Self.error(400, status: "INVALID_ARGUMENT", message: "responseModalities does not ask for an image")
        }
        let aspects = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
        if let aspect = config?["imageConfig"]?["aspectRatio"], !aspects.contains(aspect.stringValue ?? "") {
            return Self.error(400, status: "INVALID_ARGUMENT", message: "aspectRatio is not supported")
        }
        let png = ((try? FixtureMedia.png(5)) ?? Data()).base64EncodedString()
        return .json(["candidates": [["content": ["role": "model", "parts": [
            ["text": "Here is the frame."], ["inlineData": ["mimeType": "image/png", "data": .string(png)]],
        ]], "finishReason": "STOP"]], "usageMetadata": ["candidatesTokenCount": 1290]])
    }

    private func report(_ name: String) -> FakeResponse {
        let found: (Int, Outcome)? = state.withLock { state in
            guard let polls = state.operations[name] else { return nil }
            state.operations[name] = polls + 1
            return (polls + 1 - state.pollsBeforeDone, state.outcome)
        }
        guard let (done, outcome) = found else { return Self.error(404, status: "NOT_FOUND", message: "operation not found") }
        guard done > 0 else { return .json(["name": .string(name), "metadata": ["@type": "type.googleapis.com/x"]]) }
        switch outcome {
        case .video:
            let uri = server.baseURL.absoluteString + "/v1beta/files/\(name.split(separator: "/").last ?? "x"):download?alt=media"
            return .json(["name": .string(name), "done": true, "response": ["@type": "type.googleapis.com/x",
                "generateVideoResponse": ["generatedSamples": [["video": ["uri": .string(uri)]]]]]])
        case .error(let code, let status, let message):
            return .json(["name": .string(name), "done": true,
                          "error": ["code": .int(Int64(code)), "status": .string(status), "message": .string(message)]])
        case .filtered(let reasons):
            return .json(["name": .string(name), "done": true, "response": ["generateVideoResponse": [
                "raiMediaFilteredCount": .int(Int64(reasons.count)), "raiMediaFilteredReasons": .array(reasons.map { .string($0) })]]])
        }
    }

    /// The bytes of an image in either documented form.
    public static func imageData(_ image: JSONValue) -> Data? {
        let b64 = image["bytesBase64Encoded"]?.stringValue ?? image["inlineData"]?["data"]?.stringValue
        return b64.flatMap { Data(base64Encoded: $0) }
    }
}
