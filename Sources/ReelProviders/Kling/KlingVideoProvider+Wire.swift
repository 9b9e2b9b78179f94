import Foundation
import ReelEngine
import ReelModel

/// Kling's wire format.
///
/// Left open by the docs (and so by this adapter): the exact answer to a create whose
/// `external_task_id` was used before (taken to be an invalid-request refusal, after which
/// the task is looked up by that id), the answer to a query of a task Kling does not know
/// (taken to be HTTP 404), the JSON type of `final_unit_deduction` (a string or a number are
/// both read), whether `mode: std` is accepted by every v2 model, and whether
/// `multi-image2video` takes models other than `kling-v1-6`.
extension KlingVideoProvider {
    /// The model asked for; `default` is `kling-v2-6`, or `kling-v1-6` for references
    /// (the only model `multi-image2video` is documented with).
    static func model(_ name: String, mode: GenerationMode) -> String {
        guard name == "default" || name.isEmpty else { return name }
        return mode == .references ? "kling-v1-6" : "kling-v2-6"
    }

    /// The endpoint family for a mode: `text2video`, `image2video` or `multi-image2video`.
    static func family(_ mode: GenerationMode) -> String {
        switch mode {
        case .text: "text2video"
        case .imageToVideo, .firstLastFrame: "image2video"
        case .references: "multi-image2video"
        }
    }

    /// The create body. `duration` is a string ("5", "10"); images are bare base64 (Kling
    /// refuses a `data:` prefix); the idempotency key is `external_task_id`.
    static func body(_ request: VideoRequest, images: InputImages, key: String) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model_name": .string(model(request.model, mode: request.mode)),
            "prompt": .string(request.prompt),
            "mode": .string(request.options?["mode"]?.stringValue ?? "std"),
            "duration": .string(String(Int(request.duration.seconds.rounded()))),
            "external_task_id": .string(key),
        ]
        if let negative = request.negativePrompt, !negative.isEmpty { body["negative_prompt"] = .string(negative) }
        // `audio: native` asks for the model's own sound; an explicit `options.sound` wins.
        if let sound = request.options?["sound"]?.stringValue ?? (request.sound == true ? "on" : nil) { body["sound"] = .string(sound) }
        switch request.mode {
        case .text:
            body["aspect_ratio"] = .string(request.format.aspect.rawValue)
        case .imageToVideo, .firstLastFrame:
            guard let first = try images.first(.firstFrame) else {
                throw JobFailure(.invalidRequest, "Kling image-to-video needs a first frame and the request has none")
            }
            body["image"] = .string(first.base64)
            if request.mode == .firstLastFrame, let last = try images.first(.lastFrame) {
                body["image_tail"] = .string(last.base64)
            }
        case .references:
            let refs = try images.references(limit: 4)
            guard !refs.isEmpty else {
                throw JobFailure(.invalidRequest, "Kling multi-image video needs reference images and the request has none")
            }
            body["image_list"] = .array(refs.map { ["image": .string($0.base64)] })
            body["aspect_ratio"] = .string(request.format.aspect.rawValue)
        }
        return .object(body)
    }

    /// Kling's task states (note the spelling `succeed`).
    static let states: [String: TaskPhase] = ["submitted": .queued, "processing": .running, "succeed": .succeeded,
                                              "failed": .failed]

    /// What the `data` of a query answer says about the task.
    static func status(_ data: JSONValue, jobID: String, client: TaskClient, unitPrice: Money?) throws -> JobStatus {
        try client.status(jobID: jobID, state: data["task_status"]?.stringValue, table: states,
                       url: { data["task_result"]?["videos"]?.arrayValue?.first?["url"]?.stringValue },
                       cost: TaskClient.cost(units: data["final_unit_deduction"], price: unitPrice)) {
            taskFailure(data, jobID: jobID)
        }
    }

    /// A failed task (video or image) as a failure: moderation when its message says so.
    static func taskFailure(_ data: JSONValue, jobID: String) -> JobFailure {
        let said = TaskClient.said(data["task_status_msg"]) ?? "no reason given"
        let lowered = said.lowercased()
        let flagged = ["risk", "safety", "sensitive", "policy", "inappropriate"].contains { lowered.contains($0) }
        return JobFailure(flagged ? .moderation : .failed, "Kling failed task \(jobID): \(said)",
                          providerCode: flagged ? "moderation" : "failed")
    }

    /// Kling's `code` (in any status, HTTP 200 included) as a failure; nil for 0 or none.
    @Sendable static func vendorFailure(_ response: HTTPResponse, _ json: JSONValue?, _ action: String) -> JobFailure? {
        guard let code = json?["code"]?.intValue, code != 0 else { return nil }
        let said = TaskClient.said(json?["message"]).map { ": \($0)" } ?? ""
        let message = "Kling refused to \(action) (code \(code))\(said)"
        let retryAfter = HTTPStatusPolicy.retryAfter(response.headers)
        switch code {
        case 1000...1004, 1103, 1304:
            return JobFailure(.auth, message + " (check KLING_ACCESS_KEY, KLING_SECRET_KEY and the clock)", providerCode: "\(code)")
        case 1100...1102:
            return JobFailure(.budget, message + " (the Kling account is out of credit or restricted)", providerCode: "\(code)")
        case 1300, 1301:
            return JobFailure(.moderation, message, providerCode: "\(code)")
        case 1302:
            return JobFailure(.rateLimited, message, retryAfter: retryAfter, providerCode: "\(code)")
        case 1303:
            return JobFailure(.rateLimited, message, retryAfter: max(1, retryAfter ?? 1), providerCode: "\(code)")
        case 5000...5999:
            return JobFailure(.transient, message, providerCode: "\(code)")
        case 1200...1299:
            return JobFailure(.invalidRequest, message, providerCode: "\(code)")
        default:
            let reason = HTTPStatusPolicy.reason(forStatus: response.status) ?? .failed
            return JobFailure(reason, message, retryAfter: reason == .rateLimited ? retryAfter : nil, providerCode: "\(code)")
        }
    }
}
