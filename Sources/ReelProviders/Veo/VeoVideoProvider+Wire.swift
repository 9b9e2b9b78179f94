import Foundation
import ReelEngine
import ReelModel

/// Veo's wire format on the Gemini API: the `predictLongRunning` body and what an
/// operation means.
///
/// Left open by the docs (provider-apis §2, §14): the docs table writes `durationSeconds` as
/// a string while the SDK and third-party code send an integer — Reel sends the integer;
/// images go as the SDK sends them (`bytesBase64Encoded` + `mimeType`), not the REST
/// samples' `inlineData`; `seed` is not sent (the SDK refuses it in Gemini-API mode);
/// `personGeneration` is left to the server's default, which depends on the mode and the
/// user's region; operations carry no progress Reel could find documented.
extension VeoVideoProvider {
    /// Reel's `default` is `veo-3.1-fast-generate-preview`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "veo-3.1-fast-generate-preview" : name }

    /// Whole seconds, rounded up (the router fitted the length to 4, 6 or 8).
    static func seconds(_ duration: RationalTime) -> Int { max(1, Int(duration.seconds.rounded(.up))) }

    /// `models/…/operations/…` as the API names operations: polled as it is, never a URL.
    static func isOperationName(_ name: String) -> Bool {
        name.hasPrefix("models/") && name.contains("/operations/") && !name.contains("..") && !name.contains("?")
            && !name.contains("#") && !name.contains("//")
    }

    /// The `predictLongRunning` body. `instances[0]` holds the prompt and the images
    /// (`image`, `lastFrame`, up to three `referenceImages` of type `asset`); `parameters`
    /// holds `aspectRatio`, `durationSeconds` (an integer), `resolution` (1080p only for
    /// 8-second clips), `negativePrompt` and `sampleCount: 1`.
    static func body(_ request: VideoRequest, images: InputImages) throws -> JSONValue {
        var instance: [String: JSONValue] = ["prompt": .string(request.prompt)]
        switch request.mode {
        case .text:
            break
        case .imageToVideo, .firstLastFrame:
            guard let first = try images.first(.firstFrame) else {
                throw JobFailure(.invalidRequest, "a Veo \(request.mode.rawValue) take needs a first frame")
            }
            instance["image"] = encoded(first)
            if request.mode == .firstLastFrame {
                guard let last = try images.first(.lastFrame) else {
                    throw JobFailure(.invalidRequest, "a Veo first-last take needs a last frame")
                }
                instance["lastFrame"] = encoded(last)
            }
        case .references:
            let references = try images.references(limit: 3)
            guard !references.isEmpty else { throw JobFailure(.invalidRequest, "a Veo references take needs a reference image") }
            instance["referenceImages"] = .array(references.map { ["image": encoded($0), "referenceType": "asset"] })
        }
        let seconds = seconds(request.duration)
        let aspect: String
        switch request.format.aspect {
        case .vertical: aspect = "9:16"
        case .landscape: aspect = "16:9"
        case .square: throw JobFailure(.invalidRequest, "Veo makes 16:9 and 9:16 video, not 1:1", providerCode: "unsupported-aspect")
        }
        var parameters: [String: JSONValue] = [
            "aspectRatio": .string(aspect), "durationSeconds": .int(Int64(seconds)), "sampleCount": 1,
            "resolution": .string(request.format.size == .p1080 && seconds == 8 ? "1080p" : "720p"),
        ]
        if let negative = request.negativePrompt, !negative.isEmpty { parameters["negativePrompt"] = .string(negative) }
        return ["instances": [.object(instance)], "parameters": .object(parameters)]
    }

    /// An image as the SDK serialises it.
    static func encoded(_ image: InputImages.Image) -> JSONValue {
        ["bytesBase64Encoded": .string(image.base64), "mimeType": .string(image.mediaType)]
    }

    /// What an operation says: running until `done`; then an error, a video, or nothing at
    /// all (a safety filter removed every sample — a refusal, which Google does not bill).
    func status(_ json: JSONValue, operation: String) throws -> JobStatus {
        guard json["done"]?.boolValue == true else { return .running(progress: nil) }
        if let error = json["error"], error.objectValue != nil {
            let said = ProviderErrorEnvelope(json: ["error": error])
            let status = error["status"]?.stringValue ?? ""
            let text = (said.message ?? "").lowercased()
            let reason: JobFailure.Reason
            switch status {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE": reason = .invalidRequest
            case "PERMISSION_DENIED", "UNAUTHENTICATED": reason = .auth
            default: reason = text.contains("safety") || text.contains("policy") ? .moderation : .failed
            }
            return .failed(JobFailure(reason, "Veo failed the video: \(said.message ?? "no reason given")",
                                      providerCode: status.isEmpty ? said.code : status))
        }
        let response = json["response"]?["generateVideoResponse"]
        guard let uri = response?["generatedSamples"]?.arrayValue?.first?["video"]?["uri"]?.stringValue, !uri.isEmpty else {
            let reasons = response?["raiMediaFilteredReasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let why = reasons.isEmpty ? "no video came back" : reasons.map(Redaction.message).joined(separator: "; ")
            return .failed(JobFailure(.moderation, "Veo's safety filter kept the video back: \(why)", providerCode: "rai-filtered"))
        }
        let model = operation.split(separator: "/").dropFirst().first.map(String.init) ?? "veo"
        return .succeeded(ResultLocator(url: uri, cost: nil, details: ["model": .string(model)]))
    }
}
