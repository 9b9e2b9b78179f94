import Foundation
import ReelModel

extension ModelCapabilities {
    /// What voicing `characters` characters costs, for models priced per 1,000 characters
    /// (speech); the per-clip price otherwise; nil when the model has no price.
    public func cost(characters: Int) -> Money? {
        guard let price else { return nil }
        switch price.per {
        case .thousandCharacters: return price.amount * (Double(characters) / 1000)
        case .clip, .image: return price.amount
        case .second, .millionTokens: return nil
        }
    }

    /// What a chat of `tokens` tokens (prompt and reply) costs, for models priced per
    /// million tokens; nil otherwise.
    public func cost(tokens: Int) -> Money? {
        guard let price, price.per == .millionTokens else { return nil }
        return price.amount * (Double(tokens) / 1_000_000)
    }
}
