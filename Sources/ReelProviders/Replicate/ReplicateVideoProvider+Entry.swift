import Foundation
import ReelEngine
import ReelModel

/// Replicate as a configurable provider: `REPLICATE_API_TOKEN` (Bearer) and
/// `https://api.replicate.com/v1` unless `providers.replicate.base_url` names another.
extension ReplicateVideoProvider {
    public static let entry = ProviderEntry(
        id: "replicate", name: "Replicate", defaultBaseURL: "https://api.replicate.com/v1",
        credentials: ["REPLICATE_API_TOKEN"],
        video: { config, support in try ReplicateVideoProvider(config: config, support: support) },
        check: { config, support in try await ReplicateVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let client = TaskClient(name: "Replicate", baseURL: config.baseURL,
                                      auth: .bearer(try config.credential("REPLICATE_API_TOKEN")), support: support)
        self.init(setup: HostedSetup(client: client, config: config, pollInterval: support.pollInterval ?? 5))
    }

    /// `GET /account`: whose token it is.
    public func check() async throws -> String {
        let account = try await client.call("GET", client.url("account"), doing: "read the account")
        return account["username"]?.stringValue.map { "key accepted for \(Redaction.message($0))" } ?? "key accepted"
    }
}
