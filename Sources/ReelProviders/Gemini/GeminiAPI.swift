import Foundation
import ReelModel

/// What every adapter on the Gemini API shares (Veo's videos, Gemini's images): paths under
/// the base URL (`…/v1beta`), and the key in `x-goog-api-key` — never a `?key=` query, so
/// no URL Reel keeps or shows holds it.
enum GeminiAPI {
    /// `path` under `base`, which may or may not end in a slash; `models/x:generateContent`
    /// keeps its colon.
    static func url(_ base: URL, _ path: String) -> URL {
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        return URL(string: root + "/" + path) ?? base.appendingPathComponent(path)
    }

    /// The signing header, and `extra`.
    static func headers(_ key: Secret, _ extra: [String: String] = [:]) -> [String: String] {
        var all = extra
        all["x-goog-api-key"] = key.reveal()
        return all
    }
}
