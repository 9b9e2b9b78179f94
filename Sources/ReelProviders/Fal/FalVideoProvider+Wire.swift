import Foundation
import ReelEngine
import ReelModel

/// fal's queue protocol and the input shapes of the video models Reel knows there.
///
/// What the docs leave open (reference §10a): the statuses beyond `IN_QUEUE`,
/// `IN_PROGRESS` and `COMPLETED` (some schemas list `FAILED`/`CANCELED`: read as failed);
/// the status a failed request's result answers with (any 4xx or 500 is read as the job
/// failed; 502–504 and 429 as a hiccup to poll through); and each model's input schema,
/// which Reel knows only for the prefixes in ``shapes`` (others get ``defaultShape``).
extension FalVideoProvider {
    /// The model for `mode` when the request says `default`.
    public static func model(_ name: String, mode: GenerationMode) -> String {
        guard name == "default" || name.isEmpty else { return name }
        switch mode {
        case .text, .references: return "fal-ai/kling-video/v2.1/master/text-to-video"
        case .imageToVideo, .firstLastFrame: return "fal-ai/kling-video/v2.1/pro/image-to-video"
        }
    }

    /// `prompt`, `duration` as a string ("5"), `aspect_ratio`, `image_url`, `negative_prompt`, `seed`.
    static let defaultShape = ModelInputShape(duration: .string, imageKey: "image_url")

    /// Input shapes by model-id prefix (the longest matching prefix wins).
    static let shapes: [(prefix: String, shape: ModelInputShape)] = [
        ("fal-ai/kling-video", ModelInputShape(duration: .string, imageKey: "image_url", lastImageKey: "tail_image_url",
                                               seedKey: nil)),
        ("fal-ai/veo3", ModelInputShape(duration: .secondsSuffix, imageKey: "image_url", resolutionKey: "resolution")),
        ("fal-ai/minimax/hailuo", ModelInputShape(duration: .string, aspectKey: nil, imageKey: "image_url", negativeKey: nil,
                                                  seedKey: nil)),
        ("fal-ai/bytedance/seedance", ModelInputShape(duration: .string, imageKey: "image_url", lastImageKey: "end_image_url",
                                                      negativeKey: nil, resolutionKey: "resolution")),
        ("fal-ai/wan", ModelInputShape(duration: .string, imageKey: "image_url", resolutionKey: "resolution")),
    ]

    /// Where to poll and read the result: the URLs of the submit answer when they are on
    /// the configured host, else the documented paths (`{owner}/{app}/requests/{id}[/status]`:
    /// the status and result paths omit the model's subpath).
    static func urls(_ handle: ProviderHandle, client: TaskClient) -> (status: URL, response: URL) {
        let model = handle.extra?["model"]?.stringValue ?? ""
        let app = model.split(separator: "/").prefix(2).joined(separator: "/")
        let base = client.url(app).appendingPathComponent("requests").appendingPathComponent(handle.jobID)
        func own(_ key: String) -> URL? {
            handle.extra?[key]?.stringValue.flatMap(URL.init(string:)).flatMap { client.isOwnServer($0) ? $0 : nil }
        }
        return (own("status_url") ?? base.appendingPathComponent("status"), own("response_url") ?? base)
    }

    /// The video of a result: `{video: {url}}`, or the first of `{videos: [{url}]}`.
    static func videoURL(_ json: JSONValue) -> String? {
        json["video"]?["url"]?.stringValue ?? json["videos"]?.arrayValue?.first?["url"]?.stringValue
    }
}
