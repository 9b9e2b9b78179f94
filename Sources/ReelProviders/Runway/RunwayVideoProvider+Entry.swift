import Foundation
import ReelEngine
import ReelModel

/// Runway as a configurable provider: `RUNWAYML_API_SECRET`.
extension RunwayVideoProvider {
    public static let entry = ProviderEntry(
        id: "runway", name: "Runway", defaultBaseURL: "https://api.dev.runwayml.com", credentials: ["RUNWAYML_API_SECRET"],
        video: { config, support in try RunwayVideoProvider(config: config, support: support) },
        check: { config, support in try await RunwayVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let secret = try config.credential("RUNWAYML_API_SECRET")
        client = TaskClient(name: "Runway", baseURL: config.baseURL, auth: .bearer(secret), support: support,
                            catalog: config.models, headers: ["X-Runway-Version": RunwayVideoProvider.apiVersion])
        pollInterval = support.pollInterval ?? 6
    }

    /// Reads the organization: the key works, and how many credits are left.
    public func check() async throws -> String {
        let json = try await client.require("GET", "v1/organization", doing: "check the key")
        return json["creditBalance"]?.intValue.map { "key accepted; \($0) credits left" } ?? "key accepted"
    }
}
