import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// The simulated provider's wire format: what a create sends, what a report means.
extension SimulatedVideoProvider {
    /// The model asked for, with Reel's `default` mapped to the simulator's `sim-1`.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "sim-1" : name }

    /// The body of `POST /v1/generations`. Field types matter: `duration_ms`, `width` and
    /// `height` are JSON integers; `fps` and `seed` are strings (a UInt64 does not survive
    /// a JSON number).
    /// A first frame (image-to-video) and a last frame (first-last) go as PNG or JPEG data URIs.
    static func body(_ request: VideoRequest, images: InputImages? = nil) throws -> JSONValue {
        let rate = request.format.frameRate
        var body: [String: JSONValue] = [
            "model": .string(model(request.model)),
            "prompt": .string(request.prompt),
            "duration_ms": .int(request.duration.milliseconds),
            "width": .int(Int64(request.format.width)),
            "height": .int(Int64(request.format.height)),
            "fps": .string(rate.denominator == 1 ? "\(rate.numerator)" : "\(rate.numerator)/\(rate.denominator)"),
            "seed": .string(String(request.seed)),
            "label": .string(request.brief.shot.rawValue),
        ]
        if let negative = request.negativePrompt, !negative.isEmpty { body["negative_prompt"] = .string(negative) }
        if request.sound == true { body["audio"] = true }
        if request.mode == .imageToVideo || request.mode == .firstLastFrame, let images {
            if let first = try images.first(.firstFrame) { body["first_frame"] = .string(first.dataURI) }
            if let last = try images.first(.lastFrame) { body["last_frame"] = .string(last.dataURI) }
        }
        return .object(body)
    }

    /// What a report from `GET /v1/generations/{id}` says about the job.
    static func status(_ json: JSONValue, jobID: String) throws -> JobStatus {
        switch json["status"]?.stringValue {
        case "queued":
            return .queued(position: json["queue_position"]?.intValue.map(Int.init))
        case "running":
            return .running(progress: json["progress"]?.doubleValue)
        case "succeeded":
            guard let url = json["result"]?["url"]?.stringValue, !url.isEmpty else {
                throw JobFailure(.transient, "the simulated provider reported job \(jobID) done without a result link")
            }
            return .succeeded(ResultLocator(url: url, cost: cost(json["cost"]), details: ["job": .string(jobID)]))
        case "failed":
            let code = json["error"]?["code"]?.stringValue ?? "failed"
            let said = json["error"]?["message"]?.stringValue.map(Redaction.message) ?? "no reason given"
            let reason: JobFailure.Reason = code == "moderation" ? .moderation : .failed
            return .failed(JobFailure(reason, "the simulated provider failed job \(jobID): \(said)",
                                      providerCode: String(Redaction.message(code).prefix(64))))
        case let other:
            let shown = other.map { "'\(Redaction.message($0).prefix(20))'" } ?? "no status"
            throw JobFailure(.transient, "the simulated provider's report on job \(jobID) has \(shown)")
        }
    }

    /// `{"amount":"0.25","currency":"USD"}` as Money; nil when absent or unreadable.
    static func cost(_ json: JSONValue?) -> Money? {
        guard let amount = json?["amount"]?.stringValue else { return nil }
        let currency = json?["currency"]?.stringValue ?? "USD"
        return Money(parsing: amount, defaultCurrency: currency.uppercased())
    }

    /// Checks the download is the size that was asked for.
    static func check(_ info: MediaInfo, request: VideoRequest) throws {
        let format = request.format
        if let width = info.width, let height = info.height, width != format.width || height != format.height {
            throw JobFailure(.failed, "the simulated provider made \(width)x\(height) but \(format.width)x\(format.height) was asked")
        }
    }
}
