import Foundation
import ReelEngine
import ReelModel

/// Vidu's wire format.
///
/// Left open by the docs: an idempotency key (none), the `err_code` values (those naming an
/// audit or a policy are taken as moderation), the answer to a query of an unknown task
/// (taken to be 404), the JSON type of `credits` (a number or a numeric string are both read),
/// the result-link lifetime (about an hour, unconfirmed: the file is fetched at once), the
/// price of a credit (an estimate; configurable), and what `audio` costs (the field is in the
/// request schemas that mirror Vidu's API; the built-in catalog's Q3 models take it).
extension ViduVideoProvider {
    /// The model asked for; `default` is `viduq1` (every mode, 5 s).
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "viduq1" : name }

    static func endpoint(_ mode: GenerationMode) -> String {
        switch mode {
        case .text: "text2video"
        case .imageToVideo: "img2video"
        case .firstLastFrame: "start-end2video"
        case .references: "reference2video"
        }
    }

    /// The create body: `duration` and `seed` integers, images as data URIs. `audio: true`
    /// (Vidu's audio-and-video output, the Q3 models') only when the project keeps a model's
    /// own sound (`audio: native`); otherwise left out, as before.
    static func body(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)),
            "prompt": .string(request.prompt),
            "duration": .int(Int64(request.duration.seconds.rounded())),
            "seed": .int(Int64(request.seed % (1 << 31))),
            "resolution": .string(request.format.size == .p480 ? "540p" : request.format.size.rawValue),
        ]
        let sent: [InputImages.Image]
        switch request.mode {
        case .text:
            sent = []
        case .imageToVideo:
            sent = try images.first(.firstFrame).map { [$0] } ?? []
        case .firstLastFrame:
            sent = try [images.first(.firstFrame), images.first(.lastFrame)].compactMap { $0 }
            guard sent.count == 2 else { throw JobFailure(.invalidRequest, "Vidu start-end video needs a first and a last frame") }
        case .references:
            sent = try images.references(limit: 7)
        }
        if request.mode != .text {
            guard !sent.isEmpty else { throw JobFailure(.invalidRequest, "Vidu \(endpoint(request.mode)) needs images and the request has none") }
            body["images"] = .array(sent.map { .string($0.dataURI) })
        }
        if request.mode == .text || request.mode == .references {
            body["aspect_ratio"] = .string(request.format.aspect.rawValue)
        }
        if request.sound == true { body["audio"] = .bool(true) }
        return .object(body)
    }

    /// Vidu's states (`queueing` is also spelled `queuing`).
    static let states: [String: TaskPhase] = ["created": .queued, "queueing": .queued, "queuing": .queued,
                                              "processing": .running, "success": .succeeded, "failed": .failed]

    static func status(_ json: JSONValue, jobID: String, client: TaskClient, creditPrice: Money?) throws -> JobStatus {
        try client.status(jobID: jobID, state: json["state"]?.stringValue, table: states,
                       url: { json["creations"]?.arrayValue?.first?["url"]?.stringValue },
                       cost: TaskClient.cost(units: json["credits"], price: creditPrice)) {
            let code = TaskClient.said(json["err_code"], limit: 64) ?? "failed"
            let lowered = code.lowercased()
            let flagged = ["audit", "policy", "illegal", "sensitive", "moderat"].contains { lowered.contains($0) }
            return JobFailure(flagged ? .moderation : .failed, "Vidu failed task \(jobID) (\(code))", providerCode: code)
        }
    }
}
