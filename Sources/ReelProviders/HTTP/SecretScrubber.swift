import Foundation
import ReelEngine
import ReelModel
import Synchronization

/// The exact secrets one adapter was built with, and the tokens made from them, removed
/// from every text that comes back from its provider, whatever shape the text has.
///
/// ``Redaction`` recognises credentials by their look (`Bearer x`, `key=x`); a provider
/// that answers "Invalid credentials (received x)" slips past any pattern. The scrubber
/// knows the values themselves: each configured ``Secret`` (raw, percent-encoded and
/// JSON-escaped) and every token an adapter derives from them (a signed JWT, base64 of
/// `user:key`), which the adapter ``register(_:)``s where it makes it. Every occurrence
/// becomes ``mask``.
///
/// ``ScrubbingTransport`` runs every answer and every transport failure through one, so
/// whatever an adapter builds from them (errors, handles, details) is clean before it
/// reaches the journal, an event or the terminal.
///
/// ```swift
/// let secrets = SecretScrubber(config.credentials.values)
/// secrets.register(jwt)
/// secrets.scrub("Invalid credentials (received \(key))")   // "Invalid credentials (received [redacted])"
/// ```
public final class SecretScrubber: Sendable {
    /// What a secret is replaced with.
    public static let mask = "[redacted]"
    /// Shorter values are not scrubbed: they would blank ordinary words, and no real key is this short.
    public static let minimumLength = 6
    /// Derived tokens are made per request (a JWT is signed anew each time); the newest
    /// this many are kept, far more than can be in flight at once.
    public static let derivedLimit = 512

    private struct State {
        var fixed: [String] = []
        var derived: [String] = []
    }

    private let state = Mutex(State())

    /// A scrubber for `secrets` (configured credentials).
    public init(_ secrets: some Sequence<Secret>) {
        let values = secrets.map { $0.reveal() }
        state.withLock { $0.fixed = Self.forms(of: values) }
    }

    /// A scrubber that knows nothing yet.
    public convenience init() { self.init([Secret]()) }

    /// Adds a token derived from the secrets (a signed JWT, an encoded `user:key`), so an
    /// echo of it is scrubbed too. Call it where the token is made, before it is sent.
    public func register(_ token: String) {
        let forms = Self.forms(of: [token])
        guard !forms.isEmpty else { return }
        state.withLock { state in
            state.derived.removeAll { forms.contains($0) }
            state.derived.append(contentsOf: forms)
            if state.derived.count > Self.derivedLimit { state.derived.removeFirst(state.derived.count - Self.derivedLimit) }
        }
    }

    /// Every form scrubbed, longest first (so a token is replaced before a secret inside it).
    var needles: [String] {
        state.withLock { $0.fixed + $0.derived }.sorted { $0.count > $1.count }
    }

    /// True when nothing would be scrubbed.
    public var isEmpty: Bool { state.withLock { $0.fixed.isEmpty && $0.derived.isEmpty } }

    /// `text` with every secret replaced by ``mask``.
    public func scrub(_ text: String) -> String {
        var out = text
        for needle in needles where out.contains(needle) {
            out = out.replacingOccurrences(of: needle, with: Self.mask)
        }
        return out
    }

    /// `data` with every secret's UTF-8 bytes replaced by ``mask``'s.
    public func scrub(_ data: Data) -> Data {
        var out = data
        let mask = Data(Self.mask.utf8)
        for needle in needles.map({ Data($0.utf8) }) {
            var from = out.startIndex
            while let found = out.range(of: needle, in: from..<out.endIndex) {
                out.replaceSubrange(found, with: mask)
                from = found.lowerBound + mask.count
            }
        }
        return out
    }

    /// `failure` with its message and code scrubbed.
    public func scrub(_ failure: JobFailure) -> JobFailure {
        var out = failure
        out.message = scrub(failure.message)
        out.providerCode = failure.providerCode.map(scrub)
        return out
    }

    /// `error` scrubbed: a ``JobFailure`` keeps its reason; any other error whose
    /// description holds a secret becomes its classified failure, scrubbed.
    public func scrub(_ error: any Error) -> any Error {
        if let failure = error as? JobFailure { return scrub(failure) }
        let text = String(describing: error)
        guard needles.contains(where: { text.contains($0) }) else { return error }
        return scrub(JobFailure.classify(error))
    }

    /// The forms a value travels in: as is, percent-encoded (a query, a form body) and
    /// JSON-escaped (`/` as `\/`, as some servers write it).
    static func forms(of values: [String]) -> [String] {
        var out: [String] = []
        for value in values where value.count >= minimumLength {
            var forms = [value]
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) {
                forms.append(encoded)
            }
            forms.append(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "/", with: "\\/"))
            for form in forms where !out.contains(form) { out.append(form) }
        }
        return out
    }
}
