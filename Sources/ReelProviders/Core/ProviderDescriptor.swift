import Foundation
import ReelModel

/// Who a provider is, what it makes, and how to treat its jobs.
public struct ProviderDescriptor: Hashable, Sendable, Codable {
    /// A kind of output: what a provider makes, and what each catalog model makes.
    public enum Medium: String, Hashable, Sendable, Codable, CaseIterable {
        case image, video, speech, music, effects, lipsync, text
    }

    public var id: ProviderID
    public var name: String
    public var media: Set<Medium>
    /// Runs on this machine, without keys or network.
    public var isLocal: Bool
    /// Same request, same output.
    public var isDeterministic: Bool
    /// Seconds between polls when the provider does not say.
    public var pollInterval: Double
    /// Give up polling (and retry by polling again later) after this many seconds.
    public var timeout: Double
    /// Goes up when the same request would now give a different output (a local renderer
    /// changed); part of every cache key, so old results are not reused.
    public var revision: Int

    public init(id: ProviderID, name: String, media: Set<Medium>, isLocal: Bool, isDeterministic: Bool,
                pollInterval: Double = 5, timeout: Double = 900, revision: Int = 1) {
        self.id = id
        self.name = name
        self.media = media
        self.isLocal = isLocal
        self.isDeterministic = isDeterministic
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.revision = revision
    }
}
