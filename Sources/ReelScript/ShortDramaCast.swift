import Foundation
import ReelModel

extension Screenplay {
    /// The title-page key that lists the cast, one entry per value: `小雨（女，24岁）`.
    ///
    /// Short-drama scripts write it as `人物：小雨、阿杰` lines (``ShortDrama``); a Fountain
    /// title page may carry it too (`人物:` or `Characters:` with indented names).
    public static let castKey = "人物"

    /// The cast listed on the title page (`人物` or `Characters`), entries as written.
    public var listedCast: [String] {
        for key in [Screenplay.castKey, "Characters", "Cast"] {
            if let field = titlePage.first(where: { $0.key.caseInsensitiveCompare(key) == .orderedSame }) {
                return field.values.flatMap { ShortDramaText.names(in: Substring($0), splitOnSpaces: false) }
            }
        }
        return []
    }
}
