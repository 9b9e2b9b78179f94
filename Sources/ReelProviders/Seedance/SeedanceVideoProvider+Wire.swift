import Foundation
import ReelEngine
import ReelModel

/// Seedance's wire format on Ark.
///
/// What the docs leave open (reference §8): whether the 1.0 models still read their
/// settings only as text flags in the prompt (`--resolution 720p --ratio 16:9 --duration 5
/// --seed 7 --watermark false`) — Reel sends the flags to 1.0 models and the top-level
/// fields (`resolution`, `ratio`, `duration`, `seed`, `watermark`) to 1.5 and later; the
/// token prices (not in the reference: the table below is an estimate, overridable with
/// `providers.seedance.options.token_price`); and the exact error codes of refused content
/// (Reel treats any code containing "Sensitive" as moderation).
extension SeedanceVideoProvider {
    static let defaultModel = "doubao-seedance-2-0-260128"

    /// The model asked for, with Reel's `default` mapped to Seedance 2.0 (whatever the mode).
    public static func model(_ name: String, mode: GenerationMode) -> String {
        name == "default" || name.isEmpty ? defaultModel : name
    }

    /// 1.0 models (`doubao-seedance-1-0-…`, `seedance-1-0-…`) read their settings from the prompt.
    static func usesTextFlags(_ model: String) -> Bool { model.contains("seedance-1-0") }

    /// The body of `POST /contents/generations/tasks`. `duration` and `seed` are JSON
    /// integers; images are data URIs with roles `first_frame`, `last_frame`, `reference_image`.
    /// `generate_audio` (on by default from 1.5 Pro) is on only when the project keeps the
    /// model's sound (`audio: native`): sound a project replaces is not paid for.
    static func body(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        let model = model(request.model, mode: request.mode)
        let settings: [(flag: String, field: String, value: JSONValue)] = [
            ("resolution", "resolution", .string(request.format.size.rawValue)),
            ("ratio", "ratio", .string(request.format.aspect.rawValue)),
            ("duration", "duration", .int(request.wholeSeconds)),
            ("seed", "seed", .int(request.seed32)),
            ("watermark", "watermark", .bool(false)),
        ]
        var text = request.prompt
        var body: [String: JSONValue] = ["model": .string(model)]
        if usesTextFlags(model) {
            text += settings.map { " --\($0.flag) \(flagText($0.value))" }.joined()
        } else {
            for setting in settings { body[setting.field] = setting.value }
            body["generate_audio"] = .bool(request.sound == true)
        }
        var content: [JSONValue] = [["type": "text", "text": .string(text)]]
        for image in try images.all() {
            guard let role = role(image.input.role) else { continue }
            content.append(["type": "image_url", "image_url": ["url": .string(image.dataURI)], "role": .string(role)])
        }
        body["content"] = .array(content)
        body.merge(request.extraFields) { _, extra in extra }
        return .object(body)
    }

    static func role(_ role: ImageInput.Role) -> String? {
        switch role {
        case .firstFrame: "first_frame"
        case .lastFrame: "last_frame"
        case .reference: "reference_image"
        case .overlay: nil
        }
    }

    static func flagText(_ value: JSONValue) -> String {
        if let b = value.boolValue { return b ? "true" : "false" }
        if let i = value.intValue { return String(i) }
        return value.stringValue ?? ""
    }

    /// What a task object says about the job. `cost` prices (model, completion tokens).
    static func status(_ task: JSONValue, jobID: String, cost: (String, Int64) -> Money?) throws -> JobStatus {
        switch task["status"]?.stringValue {
        case "queued": return .queued(position: nil)
        case "running": return .running(progress: nil)
        case "succeeded":
            guard let url = task["content"]?["video_url"]?.stringValue, !url.isEmpty else {
                throw JobFailure(.transient, "Seedance reported task \(jobID) done without a video link")
            }
            let model = task["model"]?.stringValue ?? defaultModel
            let tokens = task["usage"]?["completion_tokens"]?.intValue
            var details: [String: JSONValue] = ["task": .string(jobID)]
            if let tokens { details["tokens"] = .int(tokens) }
            if let seed = task["seed"]?.intValue { details["seed"] = .int(seed) }
            return .succeeded(ResultLocator(url: url, cost: tokens.flatMap { cost(model, $0) }, details: .object(details)))
        case "failed":
            let code = task["error"]?["code"]?.stringValue ?? "failed"
            let said = task["error"]?["message"]?.stringValue.map(Redaction.message) ?? "no reason given"
            let reason: JobFailure.Reason = TaskClient.isModeration(code) ? .moderation
                : code.hasPrefix("InvalidParameter") ? .invalidRequest : .failed
            return .failed(JobFailure(reason, "Seedance failed task \(jobID): \(said)",
                                      providerCode: String(Redaction.message(code).prefix(64))))
        case "cancelled":
            return .failed(JobFailure(.failed, "Seedance task \(jobID) was cancelled", providerCode: "cancelled"))
        case "expired":
            return .failed(JobFailure(.expired, "Seedance task \(jobID) expired before it ran; it will be made again"))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no status"
            throw JobFailure(.transient, "Seedance's report on task \(jobID) has \(shown)")
        }
    }

    /// The price of a million output tokens: the `token_price` option ("2.5 USD"), else the
    /// table (BytePlus list prices as remembered, not confirmed: estimates).
    static func tokenPrice(model: String, option: String?) -> Money? {
        if let option, let money = Money(parsing: option) { return money }
        let table: [(prefix: String, usd: String)] = [
            ("seedance-1-0-lite", "1.8"), ("seedance-1-0-pro-fast", "1.0"), ("seedance-1-0-pro", "2.5"),
            ("seedance-1-5-pro", "2.4"), ("seedance-2-0-fast", "2.0"), ("seedance-2-0", "3.0"),
        ]
        return table.first { model.contains($0.prefix) }.flatMap { Money(parsing: $0.usd) }
    }
}
