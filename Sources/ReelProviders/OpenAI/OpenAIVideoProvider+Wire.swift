import Foundation
import ReelEngine
import ReelModel

/// Sora's wire format: the create form, sizes and lengths, and what a Video object means.
///
/// Left open by the docs (see docs/reference provider-apis §1, §14): 16/20-second clips and
/// 1080p are in the guide but not in the SDK's enums (Reel sends what the catalog allows);
/// the error codes of a failed video are not listed, so codes and messages that speak of
/// moderation, policy or safety count as moderation and everything else as a failure; the
/// `openai-poll-after-ms` header is not read (polls follow the descriptor's interval).
extension OpenAIVideoProvider {
    /// Reel's `default` is `sora-2`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "sora-2" : name }

    /// Whole seconds, rounded up: the length was already fitted to the model's lengths.
    static func seconds(_ duration: RationalTime) -> Int { max(1, Int(duration.seconds.rounded(.up))) }

    /// `720x1280` and friends; 1080p only on `sora-2-pro`. Sora makes no square video.
    static func size(_ format: VideoFormat, model: String) throws -> String {
        let large = format.size == .p1080 && model.hasPrefix("sora-2-pro")
        switch format.aspect {
        case .vertical: return large ? "1080x1920" : "720x1280"
        case .landscape: return large ? "1920x1080" : "1280x720"
        case .square:
            throw JobFailure(.invalidRequest, "Sora makes 9:16 and 16:9 video, not 1:1", providerCode: "unsupported-aspect")
        }
    }

    /// The create form, as OpenAI's SDK sends it: `seconds` is a string field like every
    /// multipart field; the first frame is the `input_reference` file.
    static func form(_ request: VideoRequest, image: InputImages.Image?, boundary: String) throws -> MultipartForm {
        let model = model(request.model)
        var form = MultipartForm(boundary: boundary)
        form.add("model", model)
        form.add("prompt", request.prompt)
        form.add("seconds", String(seconds(request.duration)))
        form.add("size", try size(request.format, model: model))
        if let image { form.add("input_reference", file: image.data, fileName: image.fileName, type: image.mediaType) }
        return form
    }

    /// The first frame, when the mode uses one; Sora takes no last frame and no references.
    static func inputReference(_ request: VideoRequest, context: GenerationContext) throws -> InputImages.Image? {
        switch request.mode {
        case .text: return nil
        case .imageToVideo: return try InputImages(request: request, context: context).first(.firstFrame)
        case .firstLastFrame, .references:
            throw JobFailure(.invalidRequest, "Sora takes a first frame only, not \(request.mode.rawValue)",
                             providerCode: "unsupported-mode")
        }
    }

    /// What a Video object (`GET /videos/{id}`) says about the job.
    func status(_ json: JSONValue, id: String) throws -> JobStatus {
        let name = endpoint.flavor.name
        switch json["status"]?.stringValue {
        case "queued":
            return .queued(position: nil)
        case "in_progress":
            return .running(progress: json["progress"]?.doubleValue.map { min(1, max(0, $0 / 100)) })
        case "completed":
            let model = json["model"]?.stringValue ?? "sora-2"
            let seconds = json["seconds"].flatMap { $0.stringValue.flatMap(Double.init) ?? $0.doubleValue }
            let cost = seconds.flatMap { s in prices.first { $0.id == model }?.cost(seconds: s) }
            return .succeeded(ResultLocator(url: endpoint.url("videos/\(id)/content").absoluteString, cost: cost,
                                            details: ["video": .string(id), "model": .string(model)]))
        case "failed":
            let said = ProviderErrorEnvelope(json: json)
            let text = "\(said.code ?? "") \(said.message ?? "")".lowercased()
            let refused = ["moderation", "policy", "safety", "blocked"].contains { text.contains($0) }
            return .failed(JobFailure(refused ? .moderation : .failed,
                                      "\(name) failed video \(id): \(said.message ?? "no reason given")",
                                      providerCode: said.code))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no status"
            throw JobFailure(.transient, "\(name)'s report on video \(id) has \(shown)")
        }
    }
}
