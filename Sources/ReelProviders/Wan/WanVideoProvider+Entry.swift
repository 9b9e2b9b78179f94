import Foundation
import ReelEngine
import ReelModel

/// Wan as a configurable provider: `DASHSCOPE_API_KEY`, and the Singapore host unless
/// `providers.wan.base_url` / `REEL_WAN_BASE_URL` names another (Beijing:
/// `https://dashscope.aliyuncs.com`; key, model and host must be in the same region).
extension WanVideoProvider {
    public static let entry = ProviderEntry(
        id: "wan", name: "Wan (Alibaba DashScope)", defaultBaseURL: "https://dashscope-intl.aliyuncs.com",
        credentials: ["DASHSCOPE_API_KEY"],
        video: { config, support in try WanVideoProvider(config: config, support: support) },
        check: { config, support in try await WanVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let client = TaskClient(name: "DashScope", baseURL: config.baseURL,
                                      auth: .bearer(try config.credential("DASHSCOPE_API_KEY")), support: support)
        self.init(setup: HostedSetup(client: client, config: config, pollInterval: support.pollInterval ?? 15))
    }

    /// Asks for a task that cannot exist: an accepted key gets `UNKNOWN` (or a 404).
    public func check() async throws -> String {
        let url = client.url("api/v1/tasks/reel-credentials-check")
        guard let report = try await client.report(url, jobID: "reel-credentials-check", gone: [400, 404]) else {
            return "key accepted"
        }
        try Self.checkCode(report, doing: "check the key")
        return "key accepted"
    }
}
