import Foundation
import ReelEngine
import ReelModel

/// Replicate's predictions and the input shapes of the video models Reel knows there.
///
/// What the docs leave open (reference §10b): each model's input names (only the prefixes in
/// ``shapes`` are known; others get ``defaultShape``); the size above which a data URI
/// should be a `POST /files` upload instead (unverified, not done: Reel's inputs are stills);
/// the 429 body's `retry_after` (read when the `Retry-After` header is absent); and how a
/// refused prompt is worded (Reel reads "NSFW", "sensitive" or "flagged" as moderation).
extension ReplicateVideoProvider {
    public static func model(_ name: String, mode: GenerationMode) -> String {
        guard name == "default" || name.isEmpty else { return name }
        return mode == .text ? "kwaivgi/kling-v2.1-master" : "kwaivgi/kling-v2.1"
    }

    /// `owner/name` → the model's predictions; `owner/name:version` → `/predictions` with the version.
    static func route(_ model: String) -> (path: String, version: String?) {
        if let colon = model.firstIndex(of: ":") {
            return ("predictions", String(model[model.index(after: colon)...]))
        }
        return ("models/\(model)/predictions", nil)
    }

    /// `prompt`, `duration` (integer), `aspect_ratio`, `image`, `negative_prompt`, `seed`.
    static let defaultShape = ModelInputShape(duration: .integer, imageKey: "image")

    static let shapes: [(prefix: String, shape: ModelInputShape)] = [
        ("kwaivgi/kling", ModelInputShape(duration: .integer, imageKey: "start_image", lastImageKey: "end_image",
                                          seedKey: nil)),
        ("google/veo", ModelInputShape(duration: .integer, imageKey: "image", resolutionKey: "resolution")),
        ("minimax/hailuo", ModelInputShape(duration: .integer, aspectKey: nil, imageKey: "first_frame_image",
                                           lastImageKey: "last_frame_image", negativeKey: nil, seedKey: nil)),
        ("bytedance/seedance", ModelInputShape(duration: .integer, imageKey: "image", lastImageKey: "last_frame_image",
                                               referencesKey: "reference_images", negativeKey: nil, resolutionKey: "resolution")),
        ("wan-video/", ModelInputShape(duration: .omitted, imageKey: "image", resolutionKey: "resolution")),
    ]

    /// What a prediction says about the job. `cost` prices `metrics.predict_time`.
    static func status(_ prediction: JSONValue, jobID: String, cost: (Double) -> Money?) throws -> JobStatus {
        switch prediction["status"]?.stringValue {
        case "starting": return .queued(position: nil)
        case "processing": return .running(progress: nil)
        case "succeeded":
            guard let link = outputURL(prediction["output"]) else {
                if prediction["data_removed"]?.boolValue == true {
                    return .failed(JobFailure(.expired, "Replicate removed prediction \(jobID)'s output; it will be made again"))
                }
                throw JobFailure(.transient, "Replicate reported prediction \(jobID) done without an output file")
            }
            let seconds = prediction["metrics"]?["predict_time"]?.doubleValue
            var details: [String: JSONValue] = ["prediction": .string(jobID)]
            if let seconds { details["predict_time"] = .double(seconds) }
            return .succeeded(ResultLocator(url: link, cost: seconds.flatMap(cost), details: .object(details)))
        case "failed":
            let said = prediction["error"]?.stringValue.map(Redaction.message) ?? "no reason given"
            let flagged = ["nsfw", "sensitive", "flagged"].contains { said.lowercased().contains($0) }
            return .failed(JobFailure(flagged ? .moderation : .failed, "Replicate failed prediction \(jobID): \(said)"))
        case "canceled":
            return .failed(JobFailure(.failed, "Replicate prediction \(jobID) was cancelled (Cancel-After?)",
                                      providerCode: "canceled"))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no status"
            throw JobFailure(.transient, "Replicate's report on prediction \(jobID) has \(shown)")
        }
    }

    /// The output file: a URL, the first of an array, or an object's `video`/`url`.
    static func outputURL(_ output: JSONValue?) -> String? {
        if let url = output?.stringValue { return url }
        if let first = output?.arrayValue?.first { return outputURL(first) }
        return output?["video"]?.stringValue ?? output?["url"]?.stringValue
    }
}
