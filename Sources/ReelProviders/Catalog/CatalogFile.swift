import Foundation
import ReelModel

/// The catalog as it is written in YAML (or JSON): the built-in list, a user's
/// `~/.config/reel/models.yaml` and a project's `models.yaml` all have this shape.
///
/// ```yaml
/// schema: reel.models/1
/// models:
///   - provider: kling
///     id: kling-v2-6
///     modes: [text, image, first-last, references]
///     durations: [5, 10]
///     aspects: ["16:9", "9:16", "1:1"]
///     sizes: [720p, 1080p]
///     max_references: 4
///     native_audio: true
///     quality: 8
///     price: { amount: "0.07", currency: USD, per: second, source: "klingai.com pricing, 2026-10" }
/// ```
public struct CatalogFile: Codable, Sendable, Hashable {
    public static let schema = "reel.models/1"

    public var schema: String?
    public var models: [Entry]

    public init(schema: String? = CatalogFile.schema, models: [Entry]) {
        self.schema = schema
        self.models = models
    }

    /// One model, as written.
    public struct Entry: Codable, Sendable, Hashable {
        public var provider: String
        public var id: String
        public var name: String?
        public var medium: ProviderDescriptor.Medium?
        public var modes: [GenerationMode]?
        public var durations: [Double]?
        /// `[min, max]` in whole seconds, for models that make any length in between.
        public var durationRange: [Double]?
        public var aspects: [VideoFormat.Aspect]?
        public var sizes: [VideoFormat.Size]?
        public var maxReferences: Int?
        public var nativeAudio: Bool?
        public var quality: Int?
        public var price: PriceEntry?
        public var notes: String?

        enum CodingKeys: String, CodingKey {
            case provider, id, name, medium, modes, durations, aspects, sizes, quality, price, notes
            case durationRange = "duration_range"
            case maxReferences = "max_references"
            case nativeAudio = "native_audio"
        }
    }

    /// `{ amount: "0.07", currency: USD, per: second, source: … }`.
    public struct PriceEntry: Codable, Sendable, Hashable {
        public var amount: String
        public var currency: String?
        public var per: Price.Unit
        public var source: String?
    }

    /// The models, checked: each problem names the entry (`models[3] kling/kling-v2-6`).
    public func capabilities(source: String) throws -> [ModelCapabilities] {
        if let schema, schema != Self.schema {
            throw ReelError(.configuration, "the model catalog is \(schema), this Reel reads \(Self.schema)", at: source,
                            hint: "write `schema: \(Self.schema)` or update Reel")
        }
        var problems: [String] = []
        var out: [ModelCapabilities] = []
        for (i, e) in models.enumerated() {
            let at = "models[\(i)] \(e.provider)/\(e.id)"
            var price: Price?
            if let p = e.price {
                if let amount = Money(parsing: p.amount, defaultCurrency: (p.currency ?? "USD").uppercased()) {
                    price = Price(amount: amount, per: p.per, source: p.source ?? "estimate")
                } else {
                    problems.append("\(at): price amount '\(p.amount)' is not a number")
                }
            }
            var range: ClosedRange<Double>?
            if let r = e.durationRange {
                if r.count == 2, r[0] > 0, r[0] <= r[1] { range = r[0]...r[1] } else {
                    problems.append("\(at): duration_range must be [min, max] seconds")
                }
            }
            if let q = e.quality, !(1...10).contains(q) { problems.append("\(at): quality must be 1…10") }
            if e.id.isEmpty || e.provider.isEmpty { problems.append("\(at): provider and id must not be empty") }
            out.append(ModelCapabilities(id: e.id, provider: ProviderID(e.provider), name: e.name, medium: e.medium ?? .video,
                                         modes: e.modes ?? [.text], durations: e.durations, durationRange: range,
                                         aspects: e.aspects ?? VideoFormat.Aspect.allCases, sizes: e.sizes ?? [.p720],
                                         maxReferences: e.maxReferences ?? 0, nativeAudio: e.nativeAudio ?? false,
                                         quality: e.quality ?? 5, price: price, notes: e.notes))
        }
        if !problems.isEmpty {
            throw ReelError(.configuration, "the model catalog has problems: " + problems.joined(separator: "; "), at: source,
                            hint: "fix the entries named; `reel providers catalog` prints the built-in one as an example")
        }
        return out
    }
}
