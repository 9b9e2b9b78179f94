import Foundation
import ReelModel

/// Every remote provider Reel has an adapter for.
public enum ProviderDirectory {
    public static let all: [ProviderEntry] = [
        SimulatedVideoProvider.entry,
        OpenAIEndpoint.openaiEntry,
        OpenAIEndpoint.azureEntry,
        VeoVideoProvider.entry,
        GeminiImageProvider.entry,
        ElevenLabsSpeechProvider.entry,
        KlingVideoProvider.entry,
        RunwayVideoProvider.entry,
        LumaVideoProvider.entry,
        LumaVideoProvider.agentsEntry,
        MiniMaxVideoProvider.entry,
        ViduVideoProvider.entry,
        PixVerseVideoProvider.entry,
        SeedanceVideoProvider.entry,
        SeedreamImageProvider.entry,
        WanVideoProvider.entry,
        FalVideoProvider.entry,
        ReplicateVideoProvider.entry,
        ComfyUIVideoProvider.entry,
    ] + OpenAIEndpoint.chatEntries

    public static func entry(_ id: ProviderID) -> ProviderEntry? { all.first { $0.id == id } }
}
