import Foundation
import ReelEngine
import ReelModel

/// PixVerse's wire format (docs/reference image-models §6).
///
/// Left open by the docs: an idempotency key (none); the casing of the upload's id (`img_id`
/// in the docs' examples, `ImgID` in PixVerse's MCP: both are read); the JSON type of
/// `video_id` (an integer in the SDKs, a string in one proxy's example: both are read); states
/// 2 and 3 (taken as queued and running, as the MCP does); a task deleted (6) is a failure.
extension PixVerseVideoProvider {
    /// The model asked for; `default` is `v5`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "v5" : name }

    static func endpoint(_ mode: GenerationMode) -> String {
        switch mode {
        case .text: "text"
        case .imageToVideo: "img"
        case .firstLastFrame: "transition"
        case .references: "fusion"
        }
    }

    /// The most references a fusion takes (the docs and the MCP: 1 to 3).
    static let maxReferences = 3

    /// The images a mode sends, in the order the body names them.
    static func images(_ request: VideoRequest, _ images: InputImages) throws -> [InputImages.Image] {
        let sent: [InputImages.Image]
        switch request.mode {
        case .text:
            return []
        case .imageToVideo:
            sent = try images.first(.firstFrame).map { [$0] } ?? []
        case .firstLastFrame:
            sent = try [images.first(.firstFrame), images.first(.lastFrame)].compactMap { $0 }
            guard sent.count == 2 else { throw JobFailure(.invalidRequest, "PixVerse transition needs a first and a last frame") }
        case .references:
            sent = try images.references(limit: maxReferences)
        }
        guard !sent.isEmpty else {
            throw JobFailure(.invalidRequest, "PixVerse \(endpoint(request.mode)) needs images and the request has none")
        }
        return sent
    }

    /// The quality asked for: the film's size (480p goes as 540p, the nearest PixVerse makes).
    static func quality(_ format: VideoFormat) -> String { format.size == .p480 ? "540p" : format.size.rawValue }

    /// The create body: integers for `duration`, `seed` and image ids; the aspect only where
    /// the picture does not come from an image (text, fusion).
    static func body(_ request: VideoRequest, images: [InputImages.Image], ids: [Int64]) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)),
            "prompt": .string(request.prompt),
            "duration": .int(Int64(request.duration.seconds.rounded())),
            "quality": .string(quality(request.format)),
            "seed": .int(Int64(request.seed % 2_147_483_648)),
            "motion_mode": "normal",
        ]
        if let negative = request.negativePrompt, !negative.isEmpty { body["negative_prompt"] = .string(negative) }
        switch request.mode {
        case .text:
            body["aspect_ratio"] = .string(request.format.aspect.rawValue)
        case .imageToVideo:
            body["img_id"] = .int(ids[0])
        case .firstLastFrame:
            body["first_frame_img"] = .int(ids[0])
            body["last_frame_img"] = .int(ids[1])
        case .references:
            let names = refNames(images.map(\.input.subject))
            body["image_references"] = .array(zip(zip(images, ids), names).map { pair, name in
                ["type": .string(pair.0.input.subject?.rawValue.hasPrefix("loc:") == true ? "background" : "subject"),
                 "img_id": .int(pair.1), "ref_name": .string(name)]
            })
            // The prompt names each reference as `@ref_name` followed by a space.
            body["prompt"] = .string(request.prompt + " With " + names.map { "@\($0) " }.joined())
            body["aspect_ratio"] = .string(request.format.aspect.rawValue)
        }
        return .object(body)
    }

    /// A `ref_name` per reference: the subject's slug in the characters the API allows
    /// (letters, digits, `_`; at most 30), made unique (`maya`, `maya_2`); `ref1`… for none.
    public static func refNames(_ subjects: [SubjectID?]) -> [String] {
        var names: [String] = []
        for (i, subject) in subjects.enumerated() {
            let slug = subject.map { String($0.rawValue.split(separator: ":").last ?? "") } ?? ""
            var base = String(slug.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(24))
            if base.isEmpty || base.allSatisfy({ $0 == "_" }) { base = "ref\(i + 1)" }
            var name = base, n = 1
            while names.contains(name) {
                n += 1
                name = "\(base)_\(n)"
            }
            names.append(name)
        }
        return names
    }

    /// PixVerse's states: 1 done, 5 generating, 7 refused by moderation, 8 failed, 6 deleted
    /// (2 and 3 pending and in progress, as PixVerse's MCP reads them).
    static let states: [String: TaskPhase] = ["1": .succeeded, "2": .queued, "3": .running, "5": .running,
                                              "6": .failed, "7": .failed, "8": .failed]

    static func status(_ resp: JSONValue, jobID: String, client: TaskClient, creditPrice: Money?) throws -> JobStatus {
        let state = TaskClient.said(resp["status"])
        return try client.status(jobID: jobID, state: state, table: states, url: { resp["url"]?.stringValue },
                                 cost: TaskClient.cost(units: resp["credits"], price: creditPrice)) {
            switch state {
            case "7": JobFailure(.moderation, "PixVerse's moderation refused video \(jobID)", providerCode: "7")
            case "6": JobFailure(.failed, "PixVerse deleted video \(jobID) before it was fetched", providerCode: "6")
            default: JobFailure(.failed, "PixVerse failed video \(jobID)", providerCode: state)
            }
        }
    }

    /// The `{ErrCode, ErrMsg, Resp}` envelope: a nonzero `ErrCode` is a refusal, whatever the
    /// HTTP status says.
    @Sendable static func vendorFailure(_ response: HTTPResponse, _ json: JSONValue?, _ action: String) -> JobFailure? {
        guard let code = json?["ErrCode"]?.intValue, code != 0 else { return nil }
        let said = TaskClient.said(json?["ErrMsg"]).map { ": \($0)" } ?? ""
        let reason: JobFailure.Reason
        switch code {
        case 10001...10005: reason = .auth
        case 500044: reason = .rateLimited
        case 500063: reason = .moderation
        case 500090: reason = .budget
        case 400011, 400012, 400017: reason = .invalidRequest
        default: reason = HTTPStatusPolicy.reason(forStatus: response.status) ?? .failed
        }
        let suffix = reason == .auth ? " (check PIXVERSE_API_KEY)" : reason == .budget ? " (the account is out of credits)" : ""
        return JobFailure(reason, "PixVerse refused to \(action) (code \(code))\(said)\(suffix)",
                          retryAfter: reason == .rateLimited ? HTTPStatusPolicy.retryAfter(response.headers) : nil,
                          providerCode: "\(code)")
    }
}
