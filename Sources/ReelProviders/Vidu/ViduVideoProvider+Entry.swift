import Foundation
import ReelEngine
import ReelModel

/// Vidu as a configurable provider: `VIDU_API_KEY`, the international host by default
/// (`providers.vidu.base_url: https://api.vidu.cn` for China).
extension ViduVideoProvider {
    public static let entry = ProviderEntry(
        id: "vidu", name: "Vidu", defaultBaseURL: "https://api.vidu.com", credentials: ["VIDU_API_KEY"],
        video: { config, support in try ViduVideoProvider(config: config, support: support) },
        check: { config, support in try await ViduVideoProvider(config: config, support: support).check() })

    /// An estimate of one credit's price (the API's launch price); set
    /// `providers.vidu.options.credit_price` to what your credits cost.
    public static let defaultCreditPrice = Money(micros: 50_000, currency: "USD")

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let key = try config.credential("VIDU_API_KEY")
        client = TaskClient(name: "Vidu", baseURL: config.baseURL, auth: .header(scheme: "Token", secret: key), support: support,
                            catalog: config.models)
        pollInterval = support.pollInterval ?? 5
        creditPrice = config.options["credit_price"].flatMap { Money(parsing: $0) } ?? Self.defaultCreditPrice
    }

    /// Asks for a task that cannot exist: `400`/`404` mean the key was accepted.
    public func check() async throws -> String {
        _ = try await client.send("GET", "ent/v2/tasks/0/creations", unknown: [400, 404], doing: "check the key")
        return "key accepted"
    }
}
