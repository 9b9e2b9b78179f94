import Foundation
import ReelEngine
import ReelModel

/// Veo as a configurable provider: `GEMINI_API_KEY`, and the Gemini API's base URL (or
/// `providers.veo.base_url`, `REEL_VEO_BASE_URL`).
extension VeoVideoProvider {
    public static let entry = ProviderEntry(
        id: "veo", name: "Veo (Gemini API)", defaultBaseURL: "https://generativelanguage.googleapis.com/v1beta",
        credentials: ["GEMINI_API_KEY"],
        video: { config, support in try VeoVideoProvider(config: config, support: support) },
        check: { config, support in try await VeoVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("GEMINI_API_KEY"), transport: support.transport,
                  pollInterval: support.pollInterval ?? 10, requestTimeout: support.requestTimeout, probe: support.probe,
                  prices: config.models)
    }

    /// Lists the models: one cheap authenticated call.
    public func check() async throws -> String {
        let response = try await transport.send(HTTPRequest(url: api("models"), headers: headers(["Accept": "application/json"]),
                                                            timeout: requestTimeout))
        try policy.check(response, doing: "check the key")
        let veo = response.json?["models"]?.arrayValue?.filter { $0["name"]?.stringValue?.contains("veo") == true }.count ?? 0
        return "key accepted; \(veo) Veo models"
    }
}
