import Foundation

/// Makes text from the outside safe to show: URLs lose their query (signatures, tokens),
/// credentials are blanked, and long text is cut short.
///
/// Every message built from a provider's answer goes through here before it reaches a
/// ``JobFailure``, the journal or the terminal.
public enum Redaction {
    /// The longest provider message kept, in characters.
    public static let maxMessageLength = 200

    /// `scheme://host[:port]/path`, without user info, query or fragment.
    public static func url(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(a URL)" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? "(a URL)"
    }

    /// `scheme://host/path` for a URL in text form; the text itself when it does not parse.
    public static func url(_ text: String) -> String {
        guard let parsed = URL(string: text), parsed.scheme != nil else { return message(text) }
        return url(parsed)
    }

    /// Provider text cleaned for a message: one line, URLs without queries, anything that
    /// looks like a credential blanked, at most ``maxMessageLength`` characters.
    public static func message(_ text: String) -> String {
        var t = text.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
        t = stripQueries(t)
        for pattern in secretPatterns {
            t = t.replacingOccurrences(of: pattern, with: "$1[redacted]", options: [.regularExpression, .caseInsensitive])
        }
        if t.count > maxMessageLength {
            t = String(t.prefix(maxMessageLength - 1)) + "…"
        }
        return t
    }

    /// Patterns whose second part is a secret; the first group is kept.
    static let secretPatterns: [String] = [
        #"(bearer\s+)[A-Za-z0-9._~+/=-]+"#,
        #"((?:api[_-]?key|access[_-]?token|token|secret|signature|password|sig|key)\s*[=:]\s*"?)[^\s"&,;]+"#,
        #"(\b)sk-[A-Za-z0-9_-]{8,}"#,
        #"(\b)AIza[0-9A-Za-z_-]{20,}"#,
    ]

    /// Removes the `?query` and `#fragment` of every URL in `text`.
    static func stripQueries(_ text: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: #"((?:https?|wss?)://[^\s"'<>?#]+)[?#][^\s"'<>]*"#) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "$1")
    }
}
