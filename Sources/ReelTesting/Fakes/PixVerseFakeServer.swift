import Foundation
import ReelModel
import Synchronization

/// PixVerse's documented platform API as a ``FakeTaskDialect``: `API-KEY` and a new
/// `Ai-trace-id` on every request; `POST /openapi/v2/image/upload` (multipart `image`, a PNG,
/// JPEG or WebP) → `Resp.img_id`; `POST /openapi/v2/video/{text|img|transition|fusion}/generate`
/// → `Resp.video_id` (an integer); `GET /openapi/v2/video/result/{id}` (`status` 5 → 1 with
/// `url` and `credits`, or 7/8); every answer wrapped as `{ErrCode, ErrMsg, Resp}`, refusals
/// inside HTTP 200 as the API sends them.
public struct PixVerseFakeServer: FakeTaskDialect {
    public var key: String
    /// Credits each finished video reports.
    public var credits: Int64
    /// Uploaded images and trace ids seen, shared by every copy of the dialect.
    public let book = Book()

    /// What the fake has seen.
    public final class Book: Sendable {
        let state = Mutex<(images: [Data], traces: Set<String>)>(([], []))

        /// The uploaded images, by `img_id` - 1.
        public var images: [Data] { state.withLock { $0.images } }

        func upload(_ data: Data) -> Int64 {
            state.withLock { s in
                s.images.append(data)
                return Int64(s.images.count)
            }
        }

        /// False when `trace` was seen before.
        func fresh(_ trace: String) -> Bool { state.withLock { $0.traces.insert(trace).inserted } }

        func known(_ id: Int64) -> Bool { state.withLock { (1...Int64($0.images.count)).contains(id) } }
    }

    public init(key: String = "sk-pixverse-3f9a61c2d8", credits: Int64 = 60) {
        self.key = key
        self.credits = credits
    }

    /// The envelope with `ErrCode` ≠ 0.
    public static func error(_ code: Int64, _ message: String, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        .json(["ErrCode": .int(code), "ErrMsg": .string(message)], status: status, headers: headers)
    }

    static func ok(_ resp: JSONValue) -> FakeResponse { .json(["ErrCode": 0, "ErrMsg": "success", "Resp": resp]) }

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        guard request.header("api-key") == key else { return Self.error(10002, "invalid API-KEY", status: 401) }
        guard let trace = request.header("ai-trace-id"), !trace.isEmpty else {
            return Self.error(400017, "Ai-trace-id is required")
        }
        return book.fresh(trace) ? nil : Self.error(400017, "Ai-trace-id must be unique per request")
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        let parts = request.pathComponents
        guard parts.count >= 3, parts[0] == "openapi", parts[1] == "v2" else { return .other(Self.error(404, "not found", status: 404)) }
        switch (request.method, Array(parts.dropFirst(2))) {
        case ("POST", ["image", "upload"]): return .other(upload(request))
        case ("POST", let rest) where rest.count == 3 && rest[0] == "video" && rest[2] == "generate":
            if let refusal = check(request, mode: rest[1]) { return .other(refusal) }
            return .create(key: nil)
        case ("GET", let rest) where rest.count == 3 && rest[0] == "video" && rest[1] == "result":
            return .poll(id: "task-\(rest[2])")
        default: return .other(Self.error(404, "not found", status: 404))
        }
    }

    private func upload(_ request: RecordedRequest) -> FakeResponse {
        guard let form = MultipartBody(request), let image = form.part("image"), image.fileName != nil else {
            return Self.error(400011, "image is empty")
        }
        let signatures: [[UInt8]] = [[0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("RIFF".utf8)]
        guard signatures.contains(where: { image.data.starts(with: $0) }), image.data.count < 20_000_000 else {
            return Self.error(400017, "image must be a png, webp, jpeg or jpg under 20MB")
        }
        let id = book.upload(image.data)
        return Self.ok(["img_id": .int(id), "img_url": .string("https://media.pixverse.example/\(id).png")])
    }

    /// The create body checked the way the docs describe it; nil when it is good.
    private func check(_ request: RecordedRequest, mode: String) -> FakeResponse? {
        guard ["text", "img", "transition", "fusion"].contains(mode) else { return Self.error(404, "not found", status: 404) }
        guard let body = request.json, let prompt = body["prompt"]?.stringValue, !prompt.isEmpty, prompt.count <= 2048 else {
            return Self.error(400011, "prompt is empty or longer than 2048 characters")
        }
        guard let model = body["model"]?.stringValue, ["v3.5", "v4", "v4.5", "v5"].contains(model) else {
            return Self.error(400017, "invalid param: model")
        }
        guard case .int(let duration)? = body["duration"], [5, 8].contains(duration) else {
            return Self.error(400017, "invalid param: duration must be 5 or 8")
        }
        guard let quality = body["quality"]?.stringValue, ["360p", "540p", "720p", "1080p"].contains(quality) else {
            return Self.error(400017, "invalid param: quality")
        }
        if quality == "1080p", duration != 5 { return Self.error(400017, "invalid param: 1080p is 5 seconds") }
        if let seed = body["seed"], !(seed.intValue.map { (0...2_147_483_647).contains($0) } ?? false) {
            return Self.error(400017, "invalid param: seed")
        }
        func image(_ field: String) -> Bool {
            if case .int(let id)? = body[field] { return book.known(id) }
            return false
        }
        switch mode {
        case "text", "fusion":
            guard ["16:9", "4:3", "1:1", "3:4", "9:16"].contains(body["aspect_ratio"]?.stringValue ?? "") else {
                return Self.error(400017, "invalid param: aspect_ratio")
            }
        case "img":
            guard image("img_id") else { return Self.error(400017, "invalid param: img_id") }
        default:
            guard image("first_frame_img"), image("last_frame_img") else { return Self.error(400017, "invalid param: frame images") }
        }
        guard mode == "fusion" else { return nil }
        let references = body["image_references"]?.arrayValue ?? []
        guard (1...3).contains(references.count) else { return Self.error(400017, "invalid param: 1 to 3 image_references") }
        var names: Set<String> = []
        for reference in references {
            guard ["subject", "background"].contains(reference["type"]?.stringValue ?? ""),
                  case .int(let id)? = reference["img_id"], book.known(id),
                  let name = reference["ref_name"]?.stringValue, (1...30).contains(name.count),
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == " ") }),
                  names.insert(name).inserted, prompt.contains("@\(name) ") else {
                return Self.error(400017, "invalid param: image_references")
            }
        }
        return nil
    }

    public func created(_ task: FakeTask) -> FakeResponse {
        Self.ok(["video_id": .int(Self.number(task.id)), "credits": .int(credits)])
    }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var resp: [String: JSONValue] = ["id": .int(Self.number(task.id)), "prompt": task.body?["prompt"] ?? .null,
                                         "outputWidth": 720, "outputHeight": 1280, "has_audio": false]
        switch task.phase {
        case .queued, .running: resp["status"] = 5
        case .succeeded:
            resp["status"] = 1
            resp["url"] = .string(resultURL)
            resp["credits"] = .int(credits)
        case .failed: resp["status"] = task.failure?.code == "7" ? 7 : 8
        }
        return Self.ok(.object(resp))
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(400017, "video not found", status: 404) }

    static func number(_ id: String) -> Int64 { Int64(id.split(separator: "-").last ?? "") ?? 0 }
}
