import Foundation
import ReelEngine
import ReelModel

/// Seedance as a configurable provider: `ARK_API_KEY`, and the Ark host (Beijing) unless
/// `providers.seedance.base_url` / `REEL_SEEDANCE_BASE_URL` names another (BytePlus
/// ModelArk: `https://ark.ap-southeast.bytepluses.com/api/v3`).
extension SeedanceVideoProvider {
    public static let entry = ProviderEntry(
        id: "seedance", name: "Seedance (Volcengine Ark / BytePlus ModelArk)",
        defaultBaseURL: "https://ark.cn-beijing.volces.com/api/v3", credentials: ["ARK_API_KEY"],
        video: { config, support in try SeedanceVideoProvider(config: config, support: support) },
        check: { config, support in try await SeedanceVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let client = TaskClient(name: "Seedance", baseURL: config.baseURL,
                                      auth: .bearer(try config.credential("ARK_API_KEY")), support: support)
        self.init(setup: HostedSetup(client: client, config: config, pollInterval: support.pollInterval ?? 10))
    }

    /// Lists one task: an accepted key answers 200.
    public func check() async throws -> String {
        var parts = URLComponents(url: client.url("contents/generations/tasks"), resolvingAgainstBaseURL: false)!
        parts.queryItems = [URLQueryItem(name: "page_num", value: "1"), URLQueryItem(name: "page_size", value: "1")]
        let answer = try await client.call("GET", parts.url!, doing: "list tasks")
        let total = answer["total"]?.intValue.map { "; \($0) tasks on record" } ?? ""
        return "key accepted\(total)"
    }
}
