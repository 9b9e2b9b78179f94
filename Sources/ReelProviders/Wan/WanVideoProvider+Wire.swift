import Foundation
import ReelEngine
import ReelModel

/// Wan's wire format on DashScope.
///
/// What the docs leave open (reference §9): whether every Wan model takes a data URI in
/// `img_url` (the reference names public URLs and `oss://` temporary uploads; the Wan
/// image-to-video pages also show `data:{mime};base64,…`, which is what Reel sends — an
/// account whose model refuses it fails as invalid-request, and the OSS upload would be
/// the fallback); the exact business codes (`Throttling…`, `DataInspectionFailed` are
/// unverified: Reel matches on prefixes); and whether `usage.video_duration` is always
/// present (when absent, the request's length is priced).
extension WanVideoProvider {
    /// The model asked for; `default` picks the mode's model.
    public static func model(_ name: String, mode: GenerationMode) -> String {
        guard name == "default" || name.isEmpty else { return name }
        switch mode {
        case .text, .references: return "wan2.5-t2v-preview"
        case .imageToVideo: return "wan2.5-i2v-preview"
        case .firstLastFrame: return "wan2.2-kf2v-flash"
        }
    }

    /// Keyframe models have an endpoint of their own (the SDK switches on `kf2v`).
    static func createPath(_ model: String) -> String {
        model.contains("kf2v") ? "api/v1/services/aigc/image2video/video-synthesis"
            : "api/v1/services/aigc/video-generation/video-synthesis"
    }

    /// Models that make their own sound, on unless `parameters.audio` is false (Wan 2.5 and
    /// 2.6; the DashScope shape as Model Studio's mirrors show it).
    static func makesSound(_ model: String) -> Bool { model.hasPrefix("wan2.5") || model.hasPrefix("wan2.6") }

    /// The body of a video-synthesis create. Text models take `parameters.size` as
    /// `"720*1280"` (width*height, asterisk); image models take `parameters.resolution`
    /// (`"720P"`). `duration` and `seed` are JSON integers. A model that makes sound is asked
    /// for it only when the project keeps it (`audio: native`): sound a project replaces is
    /// neither made nor waited for.
    static func body(_ request: VideoRequest, model: String, images: InputImages) throws -> JSONValue {
        var input: [String: JSONValue] = ["prompt": .string(request.prompt)]
        if let negative = request.negativePrompt, !negative.isEmpty { input["negative_prompt"] = .string(negative) }
        var parameters: [String: JSONValue] = [
            "duration": .int(request.wholeSeconds), "seed": .int(request.seed32 % 2_147_483_648),
            "prompt_extend": .bool(false), "watermark": .bool(false),
        ]
        let first = try images.first(.firstFrame)
        if model.contains("kf2v") {
            guard let first, let last = try images.first(.lastFrame) else {
                throw JobFailure(.invalidRequest, "Wan's keyframe model \(model) needs a first and a last frame")
            }
            input["first_frame_url"] = .string(first.dataURI)
            input["last_frame_url"] = .string(last.dataURI)
        } else if let first {
            input["img_url"] = .string(first.dataURI)
        } else if request.mode == .references {
            throw JobFailure(.invalidRequest, "Wan (\(model)) takes no reference images; ask for image or first-last mode")
        }
        if input["img_url"] == nil && input["first_frame_url"] == nil {
            parameters["size"] = .string("\(request.format.width)*\(request.format.height)")
        } else {
            parameters["resolution"] = .string(request.format.size.rawValue.uppercased())
        }
        if makesSound(model) { parameters["audio"] = .bool(request.sound == true) }
        parameters.merge(request.extraFields) { _, extra in extra }
        return ["model": .string(model), "input": .object(input), "parameters": .object(parameters)]
    }

    /// Throws the failure a business `code` in a 2xx body stands for.
    static func checkCode(_ json: JSONValue, doing action: String) throws {
        guard let code = json["code"]?.stringValue, !code.isEmpty else { return }
        let said = json["message"]?.stringValue.map(Redaction.message) ?? code
        throw JobFailure(reason(code), "DashScope refused to \(action): \(said)", providerCode: String(code.prefix(64)))
    }

    /// What a DashScope code means.
    static func reason(_ code: String) -> JobFailure.Reason {
        if code.hasPrefix("Throttling") { return .rateLimited }
        if code.hasPrefix("InvalidApiKey") || code.hasPrefix("AccessDenied") { return .auth }
        if code.hasPrefix("Arrearage") { return .budget }
        if TaskClient.isModeration(code) || code.hasPrefix("IPInfringement") { return .moderation }
        if code.hasPrefix("InvalidParameter") || code.hasPrefix("BadRequest") { return .invalidRequest }
        if code.hasPrefix("InternalError") || code.hasPrefix("ServiceUnavailable") { return .transient }
        return .failed
    }

    /// What a task report says about the job.
    static func status(_ report: JSONValue, jobID: String) throws -> JobStatus {
        let output = report["output"]
        switch output?["task_status"]?.stringValue {
        case "PENDING": return .queued(position: nil)
        case "RUNNING": return .running(progress: nil)
        case "SUCCEEDED":
            guard let url = output?["video_url"]?.stringValue, !url.isEmpty else {
                throw JobFailure(.transient, "DashScope reported task \(jobID) done without a video_url")
            }
            var details: [String: JSONValue] = ["task": .string(jobID)]
            if let seconds = report["usage"]?["video_duration"]?.doubleValue { details["seconds"] = .double(seconds) }
            return .succeeded(ResultLocator(url: url, details: .object(details)))
        case "FAILED":
            let code = output?["code"]?.stringValue ?? "failed"
            let said = output?["message"]?.stringValue.map(Redaction.message) ?? "no reason given"
            var reason = Self.reason(code)
            if reason.isRetryable { reason = .failed }  // a failed task stays failed: never poll it again
            return .failed(JobFailure(reason, "DashScope failed task \(jobID): \(said)", providerCode: String(code.prefix(64))))
        case "CANCELED":
            return .failed(JobFailure(.failed, "DashScope task \(jobID) was cancelled", providerCode: "CANCELED"))
        case "UNKNOWN":
            return .failed(JobFailure(.expired, "DashScope no longer knows task \(jobID) (24 h); it will be made again"))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no task_status"
            throw JobFailure(.transient, "DashScope's report on task \(jobID) has \(shown)")
        }
    }
}
