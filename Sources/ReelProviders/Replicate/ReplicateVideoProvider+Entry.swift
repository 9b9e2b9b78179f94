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
        image: { config, support in try ReplicateImageProvider(config: config, support: support) },
        check: { config, support in try await ReplicateVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(setup: HostedSetup(client: try Self.client(config: config, support: support), config: config,
                                     pollInterval: support.pollInterval ?? 5))
    }

    /// The API's client, for video and images: `REPLICATE_API_TOKEN` as a bearer token.
    static func client(config: ProviderConfig, support: AdapterSupport) throws -> TaskClient {
        TaskClient(name: "Replicate", baseURL: config.baseURL, auth: .bearer(try config.credential("REPLICATE_API_TOKEN")),
                   support: support)
    }

    /// `GET /account`: whose token it is.
    public func check() async throws -> String {
        let account = try await client.call("GET", client.url("account"), doing: "read the account")
        return account["username"]?.stringValue.map { "key accepted for \(Redaction.message($0))" } ?? "key accepted"
    }
}
