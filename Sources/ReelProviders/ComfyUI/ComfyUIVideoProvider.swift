import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// A self-hosted ComfyUI server (`http://127.0.0.1:8188` by default) running the user's
/// workflow: an API-format JSON file named by `options.workflow` (in the request or in
/// `providers.comfyui.options.workflow`), whose `reel:*` slots receive the take (see
/// ``ComfyUIWorkflow`` and docs/COMFYUI.md).
///
/// Input images are uploaded (`POST /upload/image`), the graph queued (`POST /prompt`
/// with a `client_id` made from the idempotency key), and `GET /history/{prompt_id}` polled
/// — the source of truth, so a resumed job needs no socket. A retried submit first looks
/// for a prompt of the same `client_id` in `/queue` and `/history`, so a create that timed
/// out is not queued twice. The saved file is read through `/view`.
///
/// ComfyUI has no key; `COMFYUI_API_KEY`, when set, is sent as a Bearer token (for proxies).
public struct ComfyUIVideoProvider: HostedVideoAdapter {
    public static var providerID: ProviderID { "comfyui" }
    public static var providerName: String { "ComfyUI" }
    public let setup: HostedSetup

    public init(setup: HostedSetup) { self.setup = setup }

    /// Keeps what changes the output, and the workflow's content digest, so editing the
    /// workflow file makes new takes.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        var r = request.forRemoteModel(Self.model(request.model, mode: request.mode))
        var options = r.options?.objectValue ?? [:]
        if let path = workflowPath(request) {
            options["workflow"] = .string(path)
            if let data = try? Data(contentsOf: URL(fileURLWithPath: path)) {
                options["workflow_sha256"] = .string(Hashing.sha256(data).rawValue)
            }
        }
        r.options = options.isEmpty ? nil : .object(options)
        return r
    }

    /// The workflow decides the model: the name is kept as given (`default` when empty).
    public static func model(_ name: String, mode: GenerationMode) -> String { name.isEmpty ? "default" : name }

    /// The workflow file: the request's `options.workflow`, else the provider's.
    func workflowPath(_ request: VideoRequest) -> String? {
        request.option("workflow") ?? config.options["workflow"]
    }

    public func submit(_ request: VideoRequest, context: GenerationContext) async throws -> ProviderHandle {
        guard let path = workflowPath(request) else {
            throw JobFailure(.invalidRequest, "ComfyUI needs a workflow: set options.workflow to an API-format JSON file",
                             providerCode: "no-workflow")
        }
        let workflow = try ComfyUIWorkflow(contentsOf: URL(fileURLWithPath: path))
        let clientID = Self.clientID(context.idempotencyKey)
        if let queued = try await existingPrompt(clientID: clientID) {
            return ProviderHandle(provider: descriptor.id, jobID: queued, extra: ["client_id": .string(clientID)])
        }
        let images = try await upload(InputImages(request: request, context: context), for: workflow)
        return try await queue(try workflow.filled(with: Self.values(request, images: images)), clientID: clientID)
    }

    /// Queues a filled workflow (`POST /prompt`) for `clientID`; a refused one names its node.
    func queue(_ graph: JSONValue, clientID: String) async throws -> ProviderHandle {
        let response = try await client.exchange("POST", client.url("prompt"),
                                             body: ["prompt": graph, "client_id": .string(clientID)])
        if let refused = Self.refusal(response) { throw refused }
        try client.check(response, doing: "queue the workflow")
        let answer = try client.object(response, doing: "queue the workflow")
        guard let id = answer["prompt_id"]?.stringValue, !id.isEmpty else {
            throw JobFailure(.transient, "ComfyUI queued the workflow but its answer has no prompt_id")
        }
        return ProviderHandle(provider: descriptor.id, jobID: id, extra: ["client_id": .string(clientID)])
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await poll(handle, stills: false)
    }

    /// Where the prompt stands: its history once it ran (`stills`: reading the picture it
    /// saved, for a keyframe), else its place in the queue.
    func poll(_ handle: ProviderHandle, stills: Bool) async throws -> JobStatus {
        if let status = try await history(handle.jobID, stills: stills) { return status }
        let queue = try await client.call("GET", client.url("queue"), doing: "list the queue")
        if Self.ids(queue["queue_running"]).contains(handle.jobID) { return .running(progress: nil) }
        if let position = Self.ids(queue["queue_pending"]).firstIndex(of: handle.jobID) { return .queued(position: position) }
        // Finished between the two reads, or lost (the server restarted).
        return try await history(handle.jobID, stills: stills) ?? client.forgotten(handle.jobID)
    }

    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "ComfyUI reported success without an output file") }
        let name = result.details?["filename"]?.stringValue ?? ""
        let type = TaskClient.mediaType(fileName: name) ?? "video/mp4"
        let cost = catalogCost(for: request)
        return try await client.download(link, into: context.blobs, mediaType: type, cost: cost, details: result.details,
                                         authorized: true)
    }
}
