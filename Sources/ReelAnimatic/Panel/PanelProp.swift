import Foundation

/// Something a character holds or rides that the action names and the panel draws: an open
/// umbrella over them, a suitcase at their side, an e-bike under them. Read from the shot's
/// action line in English or Chinese; it goes to the character the same sentence names (or
/// the only one in frame).
public enum PanelProp: String, Hashable, Sendable, Codable, CaseIterable {
    case umbrella, suitcase, bike

    /// The words that name it: English as whole words (plurals too), Chinese as written.
    var words: [String] {
        switch self {
        case .umbrella: ["umbrella", "umbrellas", "parasol", "伞"]
        case .suitcase: ["suitcase", "suitcases", "luggage", "trolley case", "行李箱", "皮箱", "拉杆箱"]
        case .bike: ["e-bike", "ebike", "bike", "bikes", "bicycle", "bicycles", "scooter", "moped", "motorbike",
                     "电动车", "电瓶车", "电驴", "自行车", "单车", "摩托"]
        }
    }

    /// The props `action` gives each of `names` (the figures in frame, in order): the figure a
    /// sentence naming a prop also names first, else — with one figure in frame — that figure.
    public static func read(_ action: String, names: [String]) -> [PanelProp?] {
        var props = [PanelProp?](repeating: nil, count: names.count)
        guard !names.isEmpty, !action.isEmpty else { return props }
        let sentences = action.lowercased().split(whereSeparator: { ".!?;。！？；\n".contains($0) }).map(String.init)
        for sentence in sentences {
            for prop in allCases where prop.words.contains(where: { named($0, in: sentence) }) {
                let holder = names.indices
                    .compactMap { i in Self.firstMention(of: names[i], in: sentence).map { (i, $0) } }
                    .min { $0.1 < $1.1 }?.0 ?? (names.count == 1 ? 0 : nil)
                if let holder, props[holder] == nil { props[holder] = prop }
            }
        }
        return props
    }

    /// Whether `word` stands in `text` as a word (CJK: anywhere).
    static func named(_ word: String, in text: String) -> Bool {
        guard word.unicodeScalars.first.map({ $0.value < 0x2E80 }) == true else { return text.contains(word) }
        var start = text.startIndex
        while let r = text.range(of: word, range: start..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            start = r.upperBound
        }
        return false
    }

    /// Where a character's name (or, for a Latin name, its first word: `Maya` of `MAYA CHEN`) first stands in `text`.
    static func firstMention(of name: String, in text: String) -> String.Index? {
        let full = name.lowercased()
        let first = full.split(separator: " ").first.map(String.init) ?? full
        return [full, first].compactMap { word -> String.Index? in
            guard !word.isEmpty, named(word, in: text) else { return nil }
            return text.range(of: word)?.lowerBound
        }.min()
    }
}
