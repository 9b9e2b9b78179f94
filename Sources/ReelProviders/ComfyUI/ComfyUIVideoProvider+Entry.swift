import Foundation
import ReelEngine
import ReelModel

/// ComfyUI as a configurable provider: no key (optional `COMFYUI_API_KEY`, sent as Bearer
/// to a proxy), `http://127.0.0.1:8188` unless `providers.comfyui.base_url` names another,
/// `providers.comfyui.options.workflow` for the default workflow file, and
/// `providers.comfyui.options.image_workflow` for keyframes (``ComfyUIImageProvider``).
extension ComfyUIVideoProvider {
    public static let entry = ProviderEntry(
        id: "comfyui", name: "ComfyUI (self-hosted)", defaultBaseURL: "http://127.0.0.1:8188", credentials: [],
        optionalCredentials: ["COMFYUI_API_KEY"],
        video: { config, support in try ComfyUIVideoProvider(config: config, support: support) },
        image: { config, support in try ComfyUIImageProvider(config: config, support: support) },
        makesImages: { $0.options["image_workflow"] != nil },
        check: { config, support in try await ComfyUIVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let client = TaskClient(name: "ComfyUI", baseURL: config.baseURL,
                                      auth: config.credentials["COMFYUI_API_KEY"].map(TaskClient.Auth.bearer),
                                      support: support)
        self.init(setup: HostedSetup(client: client, config: config, pollInterval: support.pollInterval ?? 2, timeout: 3600))
    }

    /// `GET /system_stats`: the server answers, and says its version.
    public func check() async throws -> String {
        let stats = try await client.call("GET", client.url("system_stats"), doing: "report its system")
        let version = stats["system"]?["comfyui_version"]?.stringValue.map { " \(Redaction.message($0))" } ?? ""
        return "ComfyUI\(version) reachable"
    }
}
