import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// One take against a real ComfyUI (see docs/COMFYUI.md): `REEL_INTEGRATION=1` and either
/// `REEL_COMFYUI_URL` (a running server) or `REEL_COMFYUI_DIR` (a checkout to start).
@Suite(.enabled(if: RealComfyUI.configured,
                "needs REEL_INTEGRATION=1 and REEL_COMFYUI_URL or REEL_COMFYUI_DIR (see docs/COMFYUI.md)"))
struct ComfyUIIntegrationTests {

    /// `EmptyImage` → `SaveImage`: runs on any ComfyUI, no weights.
    static let workflow: JSONValue = [
        "1": ["class_type": "EmptyImage", "_meta": ["title": "reel:width,height"],
              "inputs": ["width": 64, "height": 64, "batch_size": 1, "color": 3_355_443]],
        "2": ["class_type": "SaveImage", "inputs": ["images": ["1", 0], "filename_prefix": "reel-integration"]],
    ]

    @Test func aWeightlessWorkflowRunsOnARealServer() async throws {
        let dir = TemporaryDirectory("reel-comfyui-it")
        defer { dir.remove() }
        let server = try await RealComfyUI.start(environment: RealComfyUI.environment, dir: dir)
        defer { server.stop() }
        let h = try AdapterHarness(dir: dir)
        let path = dir.file("workflow.json")
        try Data(Self.workflow.canonical.utf8).write(to: path)
        let config = ProviderConfig(id: "comfyui", baseURL: server.url, credentials: [:], options: ["workflow": path.path])
        let adapter = try ComfyUIVideoProvider(config: config, support: AdapterSupport(pollInterval: 0.5, requestTimeout: 30))
        #expect(try await adapter.check().hasPrefix("ComfyUI"))
        let summary = try await h.run(adapter, request: AdapterHarness.request(seconds: 1))
        let output = try #require(summary.outputs["video:S01-02#1"], "\(summary.failures)")
        #expect(output.asset.mediaType == "image/png")
        #expect(h.blobs.contains(output.asset))
    }
}
