import Foundation
import ReelEngine
import ReelModel

/// MiniMax as a configurable provider: `MINIMAX_API_KEY`, the international host by default
/// (`providers.minimax.base_url: https://api.minimaxi.com` for mainland-China keys); Hailuo
/// video and, with `voices: minimax`, speech; with `music: minimax` or a song's
/// `provider: minimax`, music and songs.
extension MiniMaxVideoProvider {
    public static let entry = ProviderEntry(
        id: "minimax", name: "MiniMax Hailuo", defaultBaseURL: "https://api.minimax.io", credentials: ["MINIMAX_API_KEY"],
        video: { config, support in try MiniMaxVideoProvider(config: config, support: support) },
        speech: { config, support in try MiniMaxSpeechProvider(config: config, support: support) },
        music: { config, support in try MiniMaxMusic(config: config, support: support) },
        voices: MiniMaxSpeechProvider.voices, takesOtherVoices: true,
        check: { config, support in try await MiniMaxVideoProvider(config: config, support: support).check() })

    public init(config: ProviderConfig, support: AdapterSupport) throws {
        let key = try config.credential("MINIMAX_API_KEY")
        client = TaskClient(name: "MiniMax Hailuo", baseURL: config.baseURL, auth: .bearer(key), support: support,
                            catalog: config.models, vendorFailure: Self.vendorFailure)
        pollInterval = support.pollInterval ?? 10
    }

    /// Queries a task that cannot exist: anything but an auth refusal (1004, 401) means the
    /// key was accepted.
    public func check() async throws -> String {
        do {
            _ = try await client.send("GET", "v1/query/video_generation", query: ["task_id": "0"], unknown: [404],
                                   doing: "check the key")
        } catch let failure as JobFailure where failure.reason == .invalidRequest {
            // "No such task" is the expected answer.
        }
        return "key accepted"
    }
}
