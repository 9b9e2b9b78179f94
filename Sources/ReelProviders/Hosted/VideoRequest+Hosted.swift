import Foundation
import ReelModel

/// What the hosted adapters (Seedance, Wan, fal, Replicate, ComfyUI) share in reading a
/// ``VideoRequest``: the cache-key form, whole seconds, the seed in 32 bits, extra fields.
extension VideoRequest {
    /// This request with the brief's animatic-only fields blanked and overlays dropped: a
    /// change of blocking or caption that the prompt does not carry makes no new take.
    public func blankingBrief() -> VideoRequest {
        var r = self
        r.brief = ShotBrief(shot: brief.shot, setting: .interior, timeOfDay: .unspecified, location: "", mood: .calm,
                            size: .medium, move: .static, angle: .eyeLevel, purpose: .action, figures: [], action: "",
                            language: .english)
        r.images = images.filter { $0.role != .overlay }
        return r
    }

    /// The length in whole seconds (rounded up: the cut trims, it never holds), at least 1.
    public var wholeSeconds: Int64 { max(1, Int64(duration.seconds.rounded(.up))) }

    /// The seed as APIs with a 32-bit seed take it (0 … 2³²−1).
    public var seed32: Int64 { Int64(seed % (1 << 32)) }

    /// The `extra` object of `options`: vendor fields sent as they are, overriding Reel's.
    public var extraFields: [String: JSONValue] { options?["extra"]?.objectValue ?? [:] }

    /// A string option (`options.workflow`).
    public func option(_ name: String) -> String? { options?[name]?.stringValue }
}
