import Foundation
import ReelEngine
import ReelModel

/// fal as a configurable provider: `FAL_KEY` (sent as `Authorization: Key …`) and the
/// queue host, `https://queue.fal.run`, unless `providers.fal.base_url` names another.
extension FalVideoProvider {
    public static let entry = ProviderEntry(
        id: "fal", name: "fal.ai", defaultBaseURL: "https://queue.fal.run", credentials: ["FAL_KEY"],
        video: { config, support in try FalVideoProvider(config: config, support: support) },
        image: { config, support in try FalImageProvider(config: config, support: support) },
        lipSync: { config, support in try FalLipSync(config: config, support: support) },
        check: { config, support in try await FalVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(setup: HostedSetup(client: try Self.client(config: config, support: support), config: config,
                                     pollInterval: support.pollInterval ?? 5))
    }

    /// The queue's client, for video and images: `FAL_KEY` as `Authorization: Key …`.
    static func client(config: ProviderConfig, support: AdapterSupport) throws -> TaskClient {
        TaskClient(name: "fal", baseURL: config.baseURL, auth: .header(scheme: "Key", secret: try config.credential("FAL_KEY")),
                   support: support)
    }

    /// Asks for the status of a request that cannot exist: 404 means the key was accepted.
    public func check() async throws -> String {
        let url = client.url("fal-ai/kling-video/requests/00000000-0000-0000-0000-000000000000/status")
        _ = try await client.report(url, jobID: "00000000", gone: [400, 404, 422])
        return "key accepted"
    }
}
