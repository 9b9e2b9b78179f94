import Foundation
import ReelModel

/// Every remote provider Reel has an adapter for.
public enum ProviderDirectory {
    public static let all: [ProviderEntry] = [
        SimulatedVideoProvider.entry,
        SeedanceVideoProvider.entry,
        WanVideoProvider.entry,
        FalVideoProvider.entry,
        ReplicateVideoProvider.entry,
        ComfyUIVideoProvider.entry,
    ]

    public static func entry(_ id: ProviderID) -> ProviderEntry? { all.first { $0.id == id } }
}
