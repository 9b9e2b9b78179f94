import Foundation
import ReelModel

/// What one model of one provider can make, and what it charges: the router's facts.
///
/// These live in a data file (the built-in catalog, overridable per user and per project),
/// not in code: models and prices change monthly.
public struct ModelCapabilities: Hashable, Sendable, Codable {
    /// The model name the provider's API takes: `kling-v2-6`, `veo-3.1-fast-generate-preview`.
    public var id: String
    public var provider: ProviderID
    public var name: String?
    public var medium: ProviderDescriptor.Medium
    /// How it can be asked: from text, from a first frame, from references, between frames.
    public var modes: [GenerationMode]
    /// The lengths it makes, in seconds, when it makes only some.
    public var durations: [Double]?
    /// The range it makes (whole seconds), when it makes any length in it.
    public var durationRange: ClosedRange<Double>?
    public var aspects: [VideoFormat.Aspect]
    public var sizes: [VideoFormat.Size]
    /// How many reference images it takes at most.
    public var maxReferences: Int
    /// It makes its own sound (dialogue, effects).
    public var nativeAudio: Bool
    /// 1 (rough) … 10 (best), for the `best` policy.
    public var quality: Int
    public var price: Price?
    public var notes: String?

    public init(id: String, provider: ProviderID, name: String? = nil, medium: ProviderDescriptor.Medium = .video,
                modes: [GenerationMode] = [.text, .imageToVideo], durations: [Double]? = nil,
                durationRange: ClosedRange<Double>? = nil, aspects: [VideoFormat.Aspect] = VideoFormat.Aspect.allCases,
                sizes: [VideoFormat.Size] = [.p720], maxReferences: Int = 0, nativeAudio: Bool = false, quality: Int = 5,
                price: Price? = nil, notes: String? = nil) {
        self.id = id
        self.provider = provider
        self.name = name
        self.medium = medium
        self.modes = modes
        self.durations = durations
        self.durationRange = durationRange
        self.aspects = aspects
        self.sizes = sizes
        self.maxReferences = maxReferences
        self.nativeAudio = nativeAudio
        self.quality = quality
        self.price = price
        self.notes = notes
    }

    /// `kling/kling-v2-6`.
    public var qualifiedName: String { "\(provider)/\(id)" }

    /// The length this model would make for a shot of `seconds`: the shot's own when it
    /// can, else the nearest it can (never shorter when a longer one exists, so the cut
    /// trims rather than holds).
    public func fittedDuration(for seconds: Double) -> Double {
        if let range = durationRange {
            let whole = seconds.rounded(.up)
            return min(range.upperBound, max(range.lowerBound, whole))
        }
        guard let durations, !durations.isEmpty else { return seconds }
        let sorted = durations.sorted()
        return sorted.first { $0 >= seconds - 0.001 } ?? sorted.last!
    }

    /// What it would cost for a clip of `seconds`.
    public func cost(seconds: Double) -> Money? {
        guard let price else { return nil }
        switch price.per {
        case .second: return price.amount * seconds
        case .clip, .image: return price.amount
        case .thousandCharacters, .millionTokens: return nil
        }
    }
}

/// What a model charges.
public struct Price: Hashable, Sendable, Codable {
    /// What ``Price/amount`` is charged for: a second of video, a clip, an image, a thousand
    /// characters of speech or a million tokens. The raw value is the catalog's `per:`.
    public enum Unit: String, Hashable, Sendable, Codable {
        case second, clip, image
        case thousandCharacters = "1k-characters"
        /// Language models: prompt and reply tokens together, at one blended rate.
        case millionTokens = "1m-tokens"
    }

    public var amount: Money
    public var per: Unit
    /// Where the figure comes from; `estimate` when it was not confirmed first-hand.
    public var source: String

    public init(amount: Money, per: Unit, source: String = "estimate") {
        self.amount = amount
        self.per = per
        self.source = source
    }
}
