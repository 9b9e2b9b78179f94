import Foundation
import ReelEngine
import ReelModel

/// Runway's wire format.
///
/// Left open by the docs: an idempotency key for creates (none is documented), the cost of a
/// task (not in the task object; credits per second are taken from the catalog), whether
/// `gen4_turbo` takes a `seed` beyond 2^32 - 1 (seeds are sent modulo 2^32), and the full
/// list of `failureCode`s (those starting `SAFETY` are taken as moderation).
extension RunwayVideoProvider {
    /// The model asked for; `default` is `gen4_turbo`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "gen4_turbo" : name }

    /// Models that take a first and a last frame (`promptImage` as `[{uri, position}]`).
    static let keyframeModels: Set<String> = ["veo3.1", "veo3.1_fast"]

    /// Runway's `ratio`: pixels, not an aspect (`720:1280`, not `9:16`).
    static func ratio(_ format: VideoFormat, model: String) throws -> String {
        if keyframeModels.contains(model) || model == "veo3" {
            let big = format.size == .p1080
            switch format.aspect {
            case .vertical: return big ? "1080:1920" : "720:1280"
            case .landscape: return big ? "1920:1080" : "1280:720"
            case .square: throw JobFailure(.invalidRequest, "Runway's \(model) makes no square video (1280:720, 720:1280, 1920:1080, 1080:1920)")
            }
        }
        switch format.aspect {
        case .vertical: return "720:1280"
        case .landscape: return "1280:720"
        case .square: return "960:960"
        }
    }

    /// The body of `POST /v1/image_to_video`: camelCase keys, `duration` and `seed` integers,
    /// images as data URIs.
    static func body(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        let model = model(request.model)
        guard request.prompt.utf16.count <= 1000 else {
            throw JobFailure(.invalidRequest, "Runway takes prompts of at most 1000 UTF-16 units; this one has \(request.prompt.utf16.count)")
        }
        var body: [String: JSONValue] = [
            "model": .string(model),
            "promptText": .string(request.prompt),
            "ratio": .string(try ratio(request.format, model: model)),
            "duration": .int(Int64(request.duration.seconds.rounded())),
            "seed": .int(Int64(request.seed % (1 << 32))),
        ]
        // Veo through Runway makes sound when asked (`audio`, which changes the price): only
        // for a project that keeps the model's sound.
        if keyframeModels.contains(model) || model == "veo3" { body["audio"] = .bool(request.sound == true) }
        switch request.mode {
        case .text:
            throw JobFailure(.invalidRequest, "Runway's \(model) makes video only from a first frame, and this take has none "
                             + "(give the shot a keyframe, or route text-only shots to another provider)", providerCode: "needs-image")
        case .references:
            throw JobFailure(.invalidRequest, "Runway's image_to_video takes no reference images; use a first frame",
                             providerCode: "no-references")
        case .imageToVideo:
            guard let first = try images.first(.firstFrame) else {
                throw JobFailure(.invalidRequest, "Runway image-to-video needs a first frame and the request has none")
            }
            body["promptImage"] = .string(first.dataURI)
        case .firstLastFrame:
            guard keyframeModels.contains(model) else {
                throw JobFailure(.invalidRequest, "Runway's \(model) takes no last frame; veo3.1 and veo3.1_fast do",
                                 providerCode: "no-last-frame")
            }
            guard let first = try images.first(.firstFrame), let last = try images.first(.lastFrame) else {
                throw JobFailure(.invalidRequest, "Runway first-and-last-frame video needs both frames")
            }
            body["promptImage"] = [["uri": .string(first.dataURI), "position": "first"],
                                   ["uri": .string(last.dataURI), "position": "last"]]
        }
        return .object(body)
    }

    /// Runway's task states; `THROTTLED` is accepted and waiting for a slot, not an error.
    static let states: [String: TaskPhase] = ["PENDING": .queued, "THROTTLED": .queued, "RUNNING": .running,
                                              "SUCCEEDED": .succeeded, "FAILED": .failed, "CANCELLED": .failed]

    static func status(_ json: JSONValue, jobID: String, client: TaskClient) throws -> JobStatus {
        try client.status(jobID: jobID, state: json["status"]?.stringValue, table: states, progress: json["progress"]?.doubleValue,
                       url: { json["output"]?.arrayValue?.first?.stringValue }) {
            let code = TaskClient.said(json["failureCode"], limit: 64) ?? (json["status"]?.stringValue == "CANCELLED" ? "CANCELLED" : "FAILED")
            let said = TaskClient.said(json["failure"]) ?? "no reason given"
            let reason: JobFailure.Reason = code.uppercased().contains("SAFETY") ? .moderation : .failed
            return JobFailure(reason, "Runway failed task \(jobID): \(said)", providerCode: code)
        }
    }
}
