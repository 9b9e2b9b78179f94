import Crypto
import Foundation
import ReelModel

/// Kling's documented video and image API as a ``FakeTaskDialect``: HS256 JWTs checked
/// against the key pair (signature, `iss`, `nbf`, `exp`), `text2video`, `image2video` and
/// `multi-image2video` creates, `images/generations` (a PNG result in `task_result.images`),
/// queries by `task_id` or `external_task_id`, business errors as `{code, message}` (unique
/// `external_task_id`s: a repeat is refused with code 1201).
///
/// ```swift
/// let fake = try await FakeTaskServer.start(KlingFakeServer())
/// fake.scriptNext(.respond(KlingFakeServer.error(200, code: 1301, "content risk")), on: .create)
/// ```
public struct KlingFakeServer: FakeTaskDialect {
    public var accessKey: String
    public var secretKey: String
    /// Units each finished task reports as `final_unit_deduction` (a string, as in the docs' examples).
    public var units: String?

    public init(accessKey: String = "ak-test-7f3a", secretKey: String = "sk-kling-secret-91c2", units: String? = "1.5") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.units = units
    }

    /// Kling's error envelope with `status` and `code`.
    public static func error(_ status: Int, code: Int, _ message: String, headers: [String: String] = [:]) -> FakeResponse {
        .json(["code": .int(Int64(code)), "message": .string(message), "request_id": "req-fake"], status: status, headers: headers)
    }

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        guard let token = request.bearerToken, request.header("authorization")?.hasPrefix("Bearer ") == true else {
            return Self.error(401, code: 1001, "Authorization is empty")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let header = Self.decode(parts[0]), let payload = Self.decode(parts[1]),
              header["alg"] == "HS256" else { return Self.error(401, code: 1002, "Authorization is invalid") }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(parts[0]).\(parts[1])".utf8),
                                                  using: SymmetricKey(data: Data(secretKey.utf8)))
        guard Self.base64URL(Data(mac)) == parts[2], payload["iss"]?.stringValue == accessKey else {
            return Self.error(401, code: 1002, "Authorization is invalid")
        }
        let now = Int64(Date().timeIntervalSince1970)
        guard let nbf = payload["nbf"]?.intValue, nbf <= now else { return Self.error(401, code: 1003, "Authorization is not yet valid") }
        guard let exp = payload["exp"]?.intValue, exp > now else { return Self.error(401, code: 1004, "Authorization has expired") }
        return nil
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        let parts = request.pathComponents
        let families = ["videos": ["text2video", "image2video", "multi-image2video"], "images": ["generations"]]
        guard parts.count >= 3, parts[0] == "v1", families[parts[1]]?.contains(parts[2]) == true else {
            return .other(Self.error(404, code: 1202, "no such method: \(request.path)"))
        }
        if request.method == "POST", parts[1] == "images", let refusal = Self.imageRefusal(request.json) { return .other(refusal) }
        switch (request.method, parts.count) {
        case ("POST", 3): return .create(key: request.json?["external_task_id"]?.stringValue)
        case ("GET", 3): return .other(.json(["code": 0, "message": "SUCCEED", "data": []]))
        case ("GET", 4): return .poll(id: parts[3])
        default: return .other(Self.error(404, code: 1202, "no such method"))
        }
    }

    public func created(_ task: FakeTask) -> FakeResponse {
        .json(["code": 0, "message": "SUCCEED", "request_id": "req-fake", "data": data(task, status: "submitted")])
    }

    public func replayed(_ task: FakeTask) -> FakeResponse {
        Self.error(400, code: 1201, "external_task_id already exists")
    }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var payload = data(task, status: ["submitted", "processing", "succeed", "failed"][phaseIndex(task.phase)])
        if task.phase == .succeeded, case .object(var object) = payload {
            object["task_result"] = task.path.hasPrefix("/v1/images/") ? ["images": [["index": 0, "url": .string(resultURL + ".png")]]]
                : ["videos": [["id": "video-1", "url": .string(resultURL), "duration": "5.1"]]]
            if let units { object["final_unit_deduction"] = .string(units) }
            payload = .object(object)
        }
        if task.phase == .failed, case .object(var object) = payload {
            object["task_status_msg"] = .string(task.failure?.message ?? "failed")
            payload = .object(object)
        }
        return .json(["code": 0, "message": "SUCCEED", "request_id": "req-fake", "data": payload])
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(404, code: 1203, "task not found") }

    /// An image create the docs would refuse (code 1201): no prompt, an aspect Kling does not
    /// draw, a reference with a `data:` prefix or not base64, or one without `image_reference`
    /// on Kling 1.5.
    public static func imageRefusal(_ body: JSONValue?) -> FakeResponse? {
        guard let body, body["prompt"]?.stringValue?.isEmpty == false else { return error(400, code: 1201, "prompt is required") }
        let aspects = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"]
        guard let aspect = body["aspect_ratio"]?.stringValue, aspects.contains(aspect) else {
            return error(400, code: 1201, "aspect_ratio is invalid")
        }
        if let image = body["image"] {
            guard let text = image.stringValue, !text.hasPrefix("data:"), Data(base64Encoded: text) != nil else {
                return error(400, code: 1201, "image must be a URL or Base64 without a prefix")
            }
            if body["model_name"] == "kling-v1-5", body["image_reference"] == nil {
                return error(400, code: 1201, "image_reference is required for kling-v1-5 with an image")
            }
        }
        return nil
    }

    private func data(_ task: FakeTask, status: String) -> JSONValue {
        var info: [String: JSONValue] = [:]
        if let key = task.key { info["external_task_id"] = .string(key) }
        return ["task_id": .string(task.id), "task_status": .string(status), "task_info": .object(info),
                "created_at": 1_760_000_000_000, "updated_at": 1_760_000_000_000]
    }

    private func phaseIndex(_ phase: FakeTask.Phase) -> Int {
        switch phase { case .queued: 0; case .running: 1; case .succeeded: 2; case .failed: 3 }
    }

    /// The JSON in one part of a JWT.
    public static func decode(_ part: String) -> JSONValue? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
