import Foundation
import ReelEngine
import ReelModel

/// The simulated provider as a configurable provider: `SIM_API_KEY`, and the URL that
/// `reel dev simulate` prints as `REEL_SIM_BASE_URL` (or `providers.sim.base_url`).
extension SimulatedVideoProvider {
    public static let entry = ProviderEntry(
        id: "sim", name: "Simulated provider", defaultBaseURL: "http://127.0.0.1:8787", credentials: ["SIM_API_KEY"],
        video: { config, support in try SimulatedVideoProvider(config: config, support: support) },
        image: { config, support in
            SimulatedImageProvider(baseURL: config.baseURL, apiKey: try config.credential("SIM_API_KEY").reveal(),
                                   transport: support.transport, requestTimeout: support.requestTimeout, prices: config.models)
        },
        // A critic only: it answers pictures with a critique, and refuses text alone.
        text: { config, support in try OpenAIChatModel(config: config, support: support, flavor: .simulated) },
        check: { config, support in try await SimulatedVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        self.init(baseURL: config.baseURL, apiKey: try config.credential("SIM_API_KEY").reveal(),
                  transport: support.transport, pollInterval: support.pollInterval ?? 2,
                  requestTimeout: support.requestTimeout, probe: support.probe)
    }

    /// Asks for a job that cannot exist: `404` means the key was accepted.
    public func check() async throws -> String {
        _ = try await client.send("GET", "v1/generations/reel-credentials-check", unknown: [404], doing: "check the key")
        return "key accepted"
    }
}
