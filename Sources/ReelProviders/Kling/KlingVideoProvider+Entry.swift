import Foundation
import ReelEngine
import ReelModel

/// Kling as a configurable provider: `KLING_ACCESS_KEY` and `KLING_SECRET_KEY`, the global
/// host by default (`providers.kling.base_url: https://api-beijing.klingai.com` for China).
extension KlingVideoProvider {
    public static let entry = ProviderEntry(
        id: "kling", name: "Kling", defaultBaseURL: "https://api-singapore.klingai.com",
        credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
        video: { config, support in try KlingVideoProvider(config: config, support: support) },
        image: { config, support in try KlingImageProvider(config: config, support: support) },
        check: { config, support in try await KlingVideoProvider(config: config, support: support).check() })

    /// An estimate of one unit's price (resource packs sell units at about this); set
    /// `providers.kling.options.unit_price` to what your pack cost.
    public static let defaultUnitPrice = Money(micros: 140_000, currency: "USD")

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        client = try Self.client(config: config, support: support)
        pollInterval = support.pollInterval ?? 5
        unitPrice = config.options["unit_price"].flatMap { Money(parsing: $0) } ?? Self.defaultUnitPrice
    }

    /// The client both Kling adapters (video and images) talk through: a fresh HS256 JWT per
    /// request from the key pair, Kling's business codes classified.
    static func client(config: ProviderConfig, support: AdapterSupport) throws -> TaskClient {
        let access = try config.credential("KLING_ACCESS_KEY")
        let secret = try config.credential("KLING_SECRET_KEY")
        let secrets = support.secrets
        let auth = TaskClient.Auth.signed {
            let token = KlingToken.make(accessKey: access.reveal(), secretKey: secret.reveal())
            // The JWT is a secret of its own: an answer that echoes it is scrubbed.
            secrets.register(token)
            return ["Authorization": "Bearer " + token]
        }
        return TaskClient(name: "Kling", baseURL: config.baseURL, auth: auth, support: support, catalog: config.models,
                          vendorFailure: Self.vendorFailure)
    }

    /// Lists one text-to-video task: any answer but an auth refusal means the keys work.
    public func check() async throws -> String {
        _ = try await client.require("GET", "v1/videos/text2video", query: ["pageNum": "1", "pageSize": "1"],
                                  doing: "check the keys")
        return "keys accepted"
    }
}
