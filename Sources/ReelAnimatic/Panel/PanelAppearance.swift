import Foundation

/// What a character's description says the panels should draw: the colour of what they wear,
/// their hair's colour and style, grey hair with age. Read from the words of the cast's
/// description (`reel cast add MAYA --description "short black hair, red raincoat"`, or the
/// writer's), in English or Chinese; what it does not say stays the character's own colours.
public struct PanelAppearance: Hashable, Sendable, Codable {
    public enum Hair: String, Hashable, Sendable, Codable { case short, long, bun, bob }

    /// Costume colour, `0xRRGGBB`.
    public var costume: UInt32?
    public var hairColor: UInt32?
    public var hair: Hair?

    public init(costume: UInt32? = nil, hairColor: UInt32? = nil, hair: Hair? = nil) {
        self.costume = costume
        self.hairColor = hairColor
        self.hair = hair
    }

    /// Colour words, English then Chinese, with the colour each is drawn in.
    static let colours: [(words: [String], rgb: UInt32)] = [
        (["crimson", "scarlet", "red", "红", "赤"], 0xC8322F),
        (["navy", "藏青", "藏蓝", "深蓝"], 0x24345E),
        (["blue", "蓝"], 0x3567C8),
        (["yellow", "mustard", "黄"], 0xE0B024),
        (["olive", "khaki", "军绿", "卡其"], 0x7A7A3E),
        (["green", "绿"], 0x2E9057),
        (["purple", "violet", "lilac", "紫"], 0x7E4CB8),
        (["orange", "橙", "橘"], 0xE2762B),
        (["pink", "rose", "粉"], 0xE07AA3),
        (["black", "黑"], 0x222226),
        (["white", "cream", "ivory", "白", "米白"], 0xEDEAE2),
        (["silver", "grey", "gray", "灰", "银"], 0x8C8F96),
        (["brown", "tan", "camel", "棕", "褐", "咖啡"], 0x7A5236),
        (["beige", "米色", "米黄"], 0xD8C7A4),
        (["blonde", "blond", "golden", "金"], 0xD9B45A),
    ]

    static let garments = ["coat", "raincoat", "overcoat", "trench", "jacket", "dress", "shirt", "blouse", "sweater", "jumper",
                           "hoodie", "uniform", "suit", "cardigan", "robe", "gown", "overalls", "vest", "t-shirt", "parka",
                           "qipao", "scarf", "apron", "tunic", "kimono", "hanfu",
                           "外套", "大衣", "风衣", "雨衣", "裙", "衬衫", "毛衣", "卫衣", "制服", "西装", "校服", "开衫", "旗袍", "夹克",
                           "上衣", "T恤", "长袍", "围巾", "工作服", "马甲", "汉服", "围裙"]
    /// Hair, as words (`hair`) or as Chinese compounds (a bare 发 is also in 沙发, 出发, 发呆).
    static let hairWords = ["hair", "haired", "头发", "发色", "长发", "短发", "卷发", "直发", "发型", "发髻", "马尾"]
    static let old = ["elderly", "old man", "old woman", "grandmother", "grandfather", "grandma", "grandpa", "(60s)", "(70s)",
                      "(80s)", "老人", "老太", "老头", "奶奶", "爷爷", "外婆", "外公", "年迈", "花白", "白发"]
    /// Where one thing said ends: a colour is of what follows it in its own clause.
    static let clauseEnds: Set<Character> = [",", "，", "、", ";", "；", "。", ".", "!", "！", "?", "？", "/", "(", ")", "（", "）", "\n"]

    /// True when `word` stands in `text` at `range` as a word of its own (English), or at all (Chinese).
    static func whole(_ text: String, _ range: Range<String.Index>, _ word: String) -> Bool {
        guard word.unicodeScalars.allSatisfy(\.isASCII) else { return true }
        let before = range.lowerBound == text.startIndex ? " " : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? " " : text[range.upperBound]
        // `chair`, `suitcase` and `covered` hold no `hair`, `suit` or `red`.
        return !before.isLetter && !after.isLetter
    }

    /// Where `words` first stand in `text` as words of their own, or nil.
    static func first(_ words: [String], in text: String) -> String.Index? {
        words.compactMap { word -> String.Index? in
            var from = text.startIndex
            while let found = text.range(of: word, range: from..<text.endIndex) {
                if whole(text, found, word) { return found.lowerBound }
                from = found.upperBound
            }
            return nil
        }.min()
    }

    /// True when `text` has any of `words` as a word of its own.
    static func says(_ words: [String], in text: String) -> Bool { first(words, in: text) != nil }

    /// True when `word` is followed by `noun` within a few words (`short black hair`).
    static func near(_ word: String, _ noun: String, in text: String) -> Bool {
        var from = text.startIndex
        while let found = text.range(of: word, range: from..<text.endIndex) {
            from = found.upperBound
            guard whole(text, found, word) else { continue }
            let rest = String(text[found.upperBound...].prefix(16))
            if let at = first([noun], in: rest), !rest[..<at].contains(where: clauseEnds.contains) { return true }
        }
        return false
    }

    /// The appearance `description` names; nil when it names nothing a panel draws.
    public static func read(_ description: String) -> PanelAppearance? {
        let text = description.lowercased()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var look = PanelAppearance()
        // Every colour word where it stands, in order: a colour is of what follows it, up to the
        // end of its clause or the next colour (`blue eyes, black coat`: the coat is black).
        var found: [(at: String.Index, end: String.Index, rgb: UInt32)] = []
        for (words, rgb) in colours {
            for word in words {
                var from = text.startIndex
                while let hit = text.range(of: word, range: from..<text.endIndex) {
                    from = hit.upperBound
                    if whole(text, hit, word) { found.append((hit.lowerBound, hit.upperBound, rgb)) }
                }
            }
        }
        // One colour per place: the longer word where two overlap (米白 over 白, 深蓝 over 蓝).
        found.sort { $0.at != $1.at ? $0.at < $1.at : $0.end > $1.end }
        found = found.reduce(into: []) { kept, hit in
            if let last = kept.last, hit.at < last.end { return }
            kept.append(hit)
        }
        for (i, colour) in found.enumerated() {
            var end = i + 1 < found.count ? found[i + 1].at : text.endIndex
            if let stop = text[colour.end..<end].firstIndex(where: clauseEnds.contains) { end = stop }
            let span = String(text[colour.end..<end].prefix(18))
            // 白发, 黑发, 金发: the colour straight before 发 is the hair's.
            let hairAt = span.hasPrefix("发") ? span.startIndex : first(hairWords, in: span)
            let garmentAt = first(garments, in: span)
            if let hairAt, span.distance(from: span.startIndex, to: hairAt) <= 8, garmentAt.map({ hairAt < $0 }) ?? true {
                if look.hairColor == nil { look.hairColor = colour.rgb }
            } else if garmentAt != nil, look.costume == nil {
                look.costume = colour.rgb
            }
        }
        if look.hairColor == nil, says(old, in: text) { look.hairColor = 0xB9B9BD }
        if says(["bun", "buns", "updo", "发髻", "丸子头", "盘发"], in: text) {
            look.hair = .bun
        } else if says(["bob cut", "bobbed", "bob haircut", "波波头", "齐肩"], in: text) {
            look.hair = .bob
        } else if near("long", "hair", in: text) || says(["ponytail", "braid", "braids", "长发", "马尾", "辫子"], in: text) {
            look.hair = .long
        } else if near("short", "hair", in: text) || says(["crew cut", "buzz cut", "短发", "寸头", "平头"], in: text) {
            look.hair = .short
        }
        return look == PanelAppearance() ? nil : look
    }
}
