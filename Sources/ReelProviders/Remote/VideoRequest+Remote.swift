import Foundation
import ReelModel

/// What the remote video adapters share in reading a ``VideoRequest``: the cache-key form,
/// whole seconds, the seed in 32 bits, extra fields.
extension VideoRequest {
    /// The request as a remote video model's cache key needs it: the brief reduced to the
    /// shot id (``ShotBrief/promptOnly``), the overlay layers dropped, `model` as the vendor's
    /// model id. A change of blocking or caption that the prompt does not carry makes no new
    /// (paid) take. Every remote video adapter's `normalize` starts here.
    ///
    /// - Parameter keepingSubjects: keep which subject each reference image locks, for an API
    ///   that names them (PixVerse's fusion); others drop it, so the takes they made before
    ///   images named subjects keep their keys (a job in flight is never sent twice).
    public func forRemoteModel(_ model: String, keepingSubjects: Bool = false) -> VideoRequest {
        var r = self
        r.brief = brief.promptOnly
        r.images = images.filter { $0.role != .overlay }.map { input in
            var input = input
            if !keepingSubjects { input.subject = nil }
            return input
        }
        r.model = model
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
