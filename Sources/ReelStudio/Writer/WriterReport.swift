import Foundation
import ReelModel

/// What the language model did for a command (`new`, `revise`, `plan --planner llm`): every
/// call, whether it was answered from the cache, what it needed mending, and what it cost.
public struct WriterReport: Sendable, Codable, Hashable {
    /// One call to the language model, as a job.
    public struct Call: Sendable, Codable, Hashable {
        /// `outline` or `screenplay`.
        public var step: String
        /// 2 for the retry that sent the first reply's problems back.
        public var attempt: Int
        public var cached: Bool
        public var tokens: Int?
        public var cost: Money?
        /// What the reply needed mending (`fence`, `trailing-comma`…), or its problems when it was not usable.
        public var repairs: [String]
        public var problems: [String]
    }

    public var provider: String
    public var model: String
    public var calls: [Call]
    /// What the calls cost, per currency (a cached call costs nothing again).
    public var spent: [Money]
    /// True when a call was paid for at a price the catalog does not know: `spent` is short.
    public var unpriced: Bool

    init(writer: Studio.Writer, calls: [Call]) {
        provider = writer.provider.rawValue
        model = writer.model
        self.calls = calls
        let paid = calls.filter { !$0.cached }
        spent = Money.totals(paid.compactMap(\.cost))
        unpriced = paid.contains { $0.cost == nil }
    }

    /// `2 calls, 1 from the cache, 1,234 tokens, $0.0012` — what a command prints.
    public var summary: String {
        let cached = calls.filter(\.cached).count
        var parts = [calls.count == 1 ? "1 call" : "\(calls.count) calls"]
        if cached > 0 { parts.append(cached == calls.count ? "from the cache" : "\(cached) from the cache") }
        let tokens = calls.filter { !$0.cached }.compactMap(\.tokens).reduce(0, +)
        if tokens > 0 { parts.append("\(tokens) tokens") }
        parts += spent.map(\.description)
        if unpriced { parts.append("cost unknown: \(model) has no price in the catalog (models.yaml)") }
        return parts.joined(separator: ", ")
    }
}
