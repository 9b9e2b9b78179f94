import Foundation
import ReelEngine
import ReelModel

/// Luma's two wire formats.
///
/// Left open by the docs: an idempotency key (none is documented for either API), whether
/// the two APIs accept the same keys (both are read from `LUMA_API_KEY`), the exact
/// `failure_reason` texts of the legacy API (moderation is recognised by its wording), the
/// answer to a poll of an unknown id (taken to be 404), and the claim (from a secondary
/// source) that image-anchored Ray 3.2 clips are always 5 s.
extension LumaVideoProvider {
    /// The model asked for; `default` is `ray-2` (Dream Machine) or `ray-3.2` (Agents).
    static func model(_ name: String, flavor: API) -> String {
        guard name == "default" || name.isEmpty else { return name }
        return flavor == .agents ? "ray-3.2" : "ray-2"
    }

    /// `"5s"`, `"9s"`, `"10s"`: Luma's durations are strings with a unit.
    static func duration(_ request: VideoRequest) -> JSONValue { .string("\(Int(request.duration.seconds.rounded()))s") }

    /// The body of the legacy `POST /generations/video`; text only (keyframes need public URLs).
    static func dreamMachineBody(_ request: VideoRequest) throws -> JSONValue {
        guard request.images.allSatisfy({ $0.role == .overlay }) else {
            throw InputImages.needsPublicURL("Luma Dream Machine")
        }
        return ["model": .string(model(request.model, flavor: .dreamMachine)), "prompt": .string(request.prompt),
                "aspect_ratio": .string(request.format.aspect.rawValue), "duration": duration(request),
                "resolution": .string(request.format.size.rawValue)]
    }

    /// The body of the Agents `POST /generations` with `type: video`; frames inline.
    static func agentsBody(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        var video: [String: JSONValue] = ["duration": duration(request), "resolution": .string(request.format.size.rawValue)]
        switch request.mode {
        case .text: break
        case .references:
            throw JobFailure(.invalidRequest, "Luma Agents takes reference images only for images, not video; use a first frame",
                             providerCode: "no-references")
        case .imageToVideo, .firstLastFrame:
            guard let first = try images.first(.firstFrame) else {
                throw JobFailure(.invalidRequest, "Luma image-to-video needs a first frame and the request has none")
            }
            video["start_frame"] = ["data": .string(first.base64), "media_type": .string(first.mediaType)]
            if request.mode == .firstLastFrame, let last = try images.first(.lastFrame) {
                video["end_frame"] = ["data": .string(last.base64), "media_type": .string(last.mediaType)]
            }
        }
        return ["type": "video", "model": .string(model(request.model, flavor: .agents)), "prompt": .string(request.prompt),
                "aspect_ratio": .string(request.format.aspect.rawValue), "video": .object(video)]
    }

    static let dreamMachineStates: [String: TaskPhase] = ["queued": .queued, "dreaming": .running, "completed": .succeeded,
                                                          "failed": .failed]
    static let agentsStates: [String: TaskPhase] = ["queued": .queued, "processing": .running, "completed": .succeeded,
                                                    "failed": .failed]

    /// Agents `failure_code`s that say more than "failed".
    static let agentsFailures: [String: JobFailure.Reason] = [
        "content_moderated": .moderation, "budget_exhausted": .budget, "invalid_request": .invalidRequest,
        "image_too_large": .invalidRequest, "unsupported_format": .invalidRequest, "corrupt_input": .invalidRequest,
        "output_not_found": .expired,
    ]

    static func status(_ json: JSONValue, jobID: String, flavor: API, client: TaskClient) throws -> JobStatus {
        let agents = flavor == .agents
        return try client.status(jobID: jobID, state: json["state"]?.stringValue, table: agents ? agentsStates : dreamMachineStates,
                              url: { agents ? videoOutput(json) : json["assets"]?["video"]?.stringValue }) {
            let said = TaskClient.said(json["failure_reason"]) ?? "no reason given"
            let code = agents ? TaskClient.said(json["failure_code"], limit: 64) : nil
            var reason = code.flatMap { agentsFailures[$0] } ?? .failed
            let lowered = said.lowercased()
            if code == nil, ["moderation", "policy", "not allowed", "inappropriate"].contains(where: { lowered.contains($0) }) {
                reason = .moderation
            }
            return JobFailure(reason, "\(client.name) failed generation \(jobID): \(said)", providerCode: code ?? "failed")
        }
    }

    /// The first video in an Agents answer's `output`.
    static func videoOutput(_ json: JSONValue) -> String? {
        json["output"]?.arrayValue?.first(where: { $0["type"] != "image" })?["url"]?.stringValue
    }
}
