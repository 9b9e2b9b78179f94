import Foundation
import ReelEngine
import ReelModel

/// Luma as two configurable providers, one per API, both with `LUMA_API_KEY`.
extension LumaVideoProvider {
    /// The legacy Dream Machine API (Ray 2).
    public static let entry = ProviderEntry(
        id: "luma", name: "Luma Dream Machine", defaultBaseURL: "https://api.lumalabs.ai/dream-machine/v1",
        credentials: ["LUMA_API_KEY"],
        video: { config, support in try LumaVideoProvider(.dreamMachine, config: config, support: support) },
        check: { config, support in try await LumaVideoProvider(.dreamMachine, config: config, support: support).check() })

    /// The Agents API (Ray 3.2).
    public static let agentsEntry = ProviderEntry(
        id: "luma-agents", name: "Luma Agents", defaultBaseURL: "https://agents.lumalabs.ai/v1",
        credentials: ["LUMA_API_KEY"],
        video: { config, support in try LumaVideoProvider(.agents, config: config, support: support) },
        check: { config, support in try await LumaVideoProvider(.agents, config: config, support: support).check() })

    public init(_ flavor: API, config: ProviderConfig, support: AdapterSupport) throws {
        let key = try config.credential("LUMA_API_KEY")
        self.flavor = flavor
        client = TaskClient(name: flavor == .agents ? "Luma Agents" : "Luma Dream Machine", baseURL: config.baseURL,
                            auth: .bearer(key), support: support, catalog: config.models)
        pollInterval = support.pollInterval ?? 4
    }

    /// Asks for a generation that cannot exist: `404` means the key was accepted.
    public func check() async throws -> String {
        _ = try await client.send("GET", "generations/00000000-0000-4000-8000-000000000000", unknown: [404],
                               doing: "check the key")
        return "key accepted"
    }
}
