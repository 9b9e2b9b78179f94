import Foundation
import ReelEngine
import ReelModel

/// Keyframes from Kling's image models (Kolors), with the same keys as Kling's video:
/// `POST /v1/images/generations` makes a task, `GET /v1/images/generations/{id}` reports it,
/// and the picture is downloaded from `task_result.images[0].url`. A task, not a call: a run
/// killed while Kling draws resumes from the journaled task id and never pays twice (the
/// synchronous image APIs cannot).
///
/// One reference image at most (who is in frame first), as bare base64 in `image`; with
/// Kling 1.5 it is marked `image_reference: subject` (the docs' mirrors say 1.5 needs it).
/// Creates carry the job's idempotency key as `external_task_id`, as the video API does.
///
/// Left open by the sources (docs/reference image-models §3): the multi-reference endpoints
/// (`multi-image2image`, `omni-image`; not used), whether `external_task_id` is taken by the
/// image API (mirrors only), the literal `failed` state, the result link's lifetime.
public struct KlingImageProvider: ImageGenerator, CustomStringConvertible, CustomReflectable {
    public let client: TaskClient
    public let pollInterval: Double
    /// What one Kling unit costs (shared with the video adapter's setting).
    public let unitPrice: Money?

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "kling", name: "Kling images", media: [.image], isLocal: false, isDeterministic: false,
                           pollInterval: pollInterval, timeout: 600, revision: 1)
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = try KlingVideoProvider.client(config: config, support: support)
        pollInterval = support.pollInterval ?? 3
        unitPrice = config.options["unit_price"].flatMap { Money(parsing: $0) } ?? KlingVideoProvider.defaultUnitPrice
    }

    public func normalize(_ request: ImageRequest) -> ImageRequest { request.forRemoteModel(Self.model(request.model)) }

    public func estimate(_ request: ImageRequest) -> Money? {
        client.catalog.first { $0.id == Self.model(request.model) }?.cost(seconds: 0)
    }

    public func submit(_ request: ImageRequest, context: GenerationContext) async throws -> ProviderHandle {
        let reference = try InputImages(request: request, context: context).references(limit: 1).first
        let body = Self.body(request, reference: reference, key: context.idempotencyKey)
        do {
            return try await client.create("v1/images/generations", body: body, provider: "kling", idPath: ["data", "task_id"])
        } catch let lost as JobFailure where lost.providerCode == JobFailure.answerLost {
            // Whether the image API honours external_task_id is not confirmed (mirrors only):
            // a create sent again could be a second paid task, so a lost answer is not resent.
            throw JobFailure.notResent(lost)
        } catch let refused as JobFailure where refused.reason == .invalidRequest {
            // A create resent after its answer was lost is refused for its external_task_id;
            // the task made the first time is found by that id.
            let found = try? await client.send("GET", "v1/images/generations/\(context.idempotencyKey)", unknown: [400, 404],
                                               doing: "look for the image task already made")
            guard let found, found["data"]?["task_id"]?.stringValue != nil else { throw refused }
            return try client.handle(found, provider: "kling", idPath: ["data", "task_id"])
        }
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        guard let json = try await client.report("v1/images/generations/\(handle.jobID)", jobID: handle.jobID) else {
            return client.forgotten(handle.jobID)
        }
        let data = json["data"] ?? .null
        return try client.status(jobID: handle.jobID, state: data["task_status"]?.stringValue, table: KlingVideoProvider.states,
                                 url: { data["task_result"]?["images"]?.arrayValue?.first?["url"]?.stringValue },
                                 cost: TaskClient.cost(units: data["final_unit_deduction"], price: unitPrice)) {
            KlingVideoProvider.taskFailure(data, jobID: handle.jobID)
        }
    }

    /// The still, typed by its link's name or Kling's answer; the reported units, else the catalog's price.
    public func fetch(_ result: ResultLocator, request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "Kling reported a finished image without a link") }
        return try await client.download(link, into: context.blobs, mediaType: nil, cost: result.cost ?? estimate(request),
                                         details: ["model": .string(Self.model(request.model))])
    }

    public var description: String { "KlingImageProvider(\(Redaction.url(client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(client.baseURL)], displayStyle: .struct) }
}

extension KlingImageProvider {
    /// Reel's `default` is Kling 2.1's image model.
    static func model(_ name: String) -> String { name == "default" || name.isEmpty ? "kling-v2-1" : name }

    /// The aspects Kling draws, as width ÷ height.
    static let aspects: [(String, Double)] = [("16:9", 16 / 9), ("9:16", 9 / 16), ("1:1", 1), ("4:3", 4 / 3), ("3:4", 3 / 4),
                                              ("3:2", 3 / 2), ("2:3", 2 / 3)]

    /// The aspect nearest the frame's.
    public static func aspect(width: Int, height: Int) -> String {
        InputImages.nearestAspect(width: width, height: height, among: aspects)
    }

    /// The create body: one picture, the frame's aspect, 2K for frames over 1400 pixels on a side (1080p).
    static func body(_ request: ImageRequest, reference: InputImages.Image?, key: String) -> JSONValue {
        let model = model(request.model)
        var body: [String: JSONValue] = [
            "model_name": .string(model), "prompt": .string(request.prompt), "n": 1,
            "aspect_ratio": .string(aspect(width: request.width, height: request.height)),
            "external_task_id": .string(key),
        ]
        if max(request.width, request.height) > 1400 { body["resolution"] = "2k" }
        if let reference {
            body["image"] = .string(reference.base64)
            if model == "kling-v1-5" { body["image_reference"] = "subject" }
        }
        return .object(body)
    }
}
