import Foundation
import ReelEngine
import ReelModel

/// PixVerse as a configurable provider: `PIXVERSE_API_KEY`, the international host by default
/// (`providers.pixverse.base_url: https://app-api.pixverseai.cn` for China).
extension PixVerseVideoProvider {
    public static let entry = ProviderEntry(
        id: "pixverse", name: "PixVerse", defaultBaseURL: "https://app-api.pixverse.ai", credentials: ["PIXVERSE_API_KEY"],
        video: { config, support in try PixVerseVideoProvider(config: config, support: support) },
        check: { config, support in try await PixVerseVideoProvider(config: config, support: support).check() })

    /// The docs' price: 100 credits to the dollar; set `providers.pixverse.options.credit_price`
    /// to what your credits cost.
    public static let defaultCreditPrice = Money(micros: 10_000, currency: "USD")

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let key = try config.credential("PIXVERSE_API_KEY")
        client = TaskClient(name: "PixVerse", baseURL: config.baseURL,
                            auth: .signed { ["API-KEY": key.reveal(), "Ai-trace-id": UUID().uuidString.lowercased()] },
                            support: support, catalog: config.models, vendorFailure: Self.vendorFailure)
        pollInterval = support.pollInterval ?? 6
        creditPrice = config.options["credit_price"].flatMap { Money(parsing: $0) } ?? Self.defaultCreditPrice
    }

    /// Asks for a video that cannot exist: anything but an auth refusal means the key was accepted.
    public func check() async throws -> String {
        do {
            _ = try await client.send("GET", "openapi/v2/video/result/0", unknown: [400, 404], doing: "check the key")
        } catch let failure as JobFailure where failure.reason == .invalidRequest || failure.reason == .failed {
            // "No such video" is the expected answer.
        }
        return "key accepted"
    }
}
