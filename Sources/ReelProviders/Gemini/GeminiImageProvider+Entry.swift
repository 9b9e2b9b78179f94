import Foundation
import ReelModel

extension GeminiImageProvider {
    /// Gemini's image models as a configurable provider: the same `GEMINI_API_KEY` and API as
    /// Veo (`providers.gemini.base_url`, `REEL_GEMINI_BASE_URL`); `keyframes: gemini`.
    public static let entry = ProviderEntry(
        id: "gemini", name: "Gemini images (Gemini API)", defaultBaseURL: "https://generativelanguage.googleapis.com/v1beta",
        credentials: ["GEMINI_API_KEY"],
        image: { config, support in try GeminiImageProvider(config: config, support: support) },
        check: { config, support in try await GeminiImageProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("GEMINI_API_KEY"), transport: support.transport,
                  requestTimeout: support.requestTimeout, prices: config.models)
    }
}
