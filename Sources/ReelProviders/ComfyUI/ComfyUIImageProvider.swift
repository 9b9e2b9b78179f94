import Foundation
import ReelEngine
import ReelModel

/// Keyframes from the user's own ComfyUI image workflow: an API-format JSON file named by
/// `providers.comfyui.options.image_workflow`, with the same `reel:*` slots as a video
/// workflow (`reel:prompt`, `reel:seed`, `reel:width`, `reel:height`, a `reel:reference`
/// `LoadImage` per reference the catalog's `max_references` lets in; docs/COMFYUI.md).
///
/// Queued, polled and read exactly as a video take is (``ComfyUIVideoProvider``): the same
/// client id for the same still (a retried submit finds its prompt instead of queueing it
/// twice), `/history` as the truth, the saved image through `/view`. The workflow is the
/// model: its content digest is the request's model (`workflow:<digest>`), so editing the
/// file makes new stills and never reuses old ones.
public struct ComfyUIImageProvider: ImageGenerator, CustomStringConvertible, CustomReflectable {
    /// The video adapter this shares its client, uploads and history with.
    let comfy: ComfyUIVideoProvider

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "comfyui", name: "ComfyUI (image workflow)", media: [.image], isLocal: false,
                           isDeterministic: false, pollInterval: comfy.setup.pollInterval, timeout: 1800)
    }

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        comfy = try ComfyUIVideoProvider(config: config, support: support)
    }

    /// The image workflow file, from the provider's options.
    var workflowPath: String? { comfy.config.options["image_workflow"] }

    /// Keeps the prompt, the size, the seed and the references; the model names the workflow's
    /// contents (`workflow:<digest>`), so a changed workflow makes new stills.
    public func normalize(_ request: ImageRequest) -> ImageRequest {
        let digest = workflowPath.flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) }
            .map { "workflow:" + Hashing.sha256($0).rawValue.prefix(16) }
        return request.forRemoteModel(digest ?? (request.model.isEmpty ? "default" : request.model))
    }

    /// Self-hosted: nothing to pay a provider.
    public func estimate(_ request: ImageRequest) -> Money? { nil }

    public func submit(_ request: ImageRequest, context: GenerationContext) async throws -> ProviderHandle {
        guard let path = workflowPath else {
            throw JobFailure(.invalidRequest, "ComfyUI needs an image workflow for keyframes: set providers.comfyui.options.image_workflow "
                             + "to an API-format JSON file (docs/COMFYUI.md)", providerCode: "no-image-workflow")
        }
        let workflow = try ComfyUIWorkflow(contentsOf: URL(fileURLWithPath: path))
        let clientID = ComfyUIVideoProvider.clientID(context.idempotencyKey)
        if let queued = try await comfy.existingPrompt(clientID: clientID) {
            return ProviderHandle(provider: descriptor.id, jobID: queued, extra: ["client_id": .string(clientID)])
        }
        let images = try await comfy.upload(InputImages(request: request, context: context), for: workflow)
        let values = ComfyUIWorkflow.Values(prompt: request.prompt, negative: "", seed: Int64(request.seed % (1 << 53)),
                                            width: request.width, height: request.height, frames: 1, fps: 1, images: images)
        return try await comfy.queue(try workflow.filled(with: values), clientID: clientID)
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        try await comfy.poll(handle, stills: true)
    }

    /// The still the workflow saved, typed by its name (a video file is refused: keyframes are pictures).
    public func fetch(_ result: ResultLocator, request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else { throw JobFailure(.transient, "ComfyUI reported success without an output file") }
        let name = result.details?["filename"]?.stringValue ?? ""
        guard let type = TaskClient.mediaType(fileName: name), ["image/png", "image/jpeg", "image/webp"].contains(type) else {
            throw JobFailure(.invalidRequest, "the image workflow saved \(name.isEmpty ? "no picture" : name), not a picture; "
                             + "end it with a SaveImage node")
        }
        return try await comfy.client.download(link, into: context.blobs, mediaType: type, cost: nil, details: result.details,
                                               authorized: true)
    }

    public var description: String { "ComfyUIImageProvider(\(Redaction.url(comfy.client.baseURL)))" }
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": Redaction.url(comfy.client.baseURL)], displayStyle: .struct) }
}
