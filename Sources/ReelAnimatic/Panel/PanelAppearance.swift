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

    static let garments = ["coat", "raincoat", "jacket", "dress", "shirt", "blouse", "sweater", "jumper", "hoodie", "uniform",
                           "suit", "cardigan", "robe", "gown", "overalls", "vest", "t-shirt", "top", "parka", "qipao", "scarf",
                           "外套", "大衣", "风衣", "雨衣", "裙", "衬衫", "毛衣", "卫衣", "制服", "西装", "校服", "开衫", "旗袍", "夹克",
                           "上衣", "T恤", "长袍", "围巾", "工作服", "马甲"]
    static let hairWords = ["hair", "haired", "发", "头发"]
    static let old = ["elderly", "old man", "old woman", "grandmother", "grandfather", "grandma", "grandpa", "(60s)", "(70s)",
                      "(80s)", "老人", "老太", "老头", "奶奶", "爷爷", "外婆", "外公", "年迈", "花白", "白发"]

    /// True when `word` is followed by `noun` within a few words (`short black hair`).
    static func near(_ word: String, _ noun: String, in text: String) -> Bool {
        var from = text.startIndex
        while let found = text.range(of: word, range: from..<text.endIndex) {
            from = found.upperBound
            if text[found.upperBound...].prefix(16).contains(noun) { return true }
        }
        return false
    }

    /// The appearance `description` names; nil when it names nothing a panel draws.
    public static func read(_ description: String) -> PanelAppearance? {
        let text = description.lowercased()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var look = PanelAppearance()
        // Each colour word with what follows it closely: hair, or a garment.
        for (words, rgb) in colours {
            for word in words {
                var from = text.startIndex
                while let found = text.range(of: word, range: from..<text.endIndex) {
                    from = found.upperBound
                    // Whole English words only (`red` is not in `covered`).
                    if word.unicodeScalars.allSatisfy(\.isASCII) {
                        let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
                        let after = found.upperBound == text.endIndex ? " " : text[found.upperBound]
                        if before.isLetter || after.isLetter { continue }
                    }
                    // What the colour is of: hair close after it, else a garment after it.
                    let window = String(text[found.upperBound...].prefix(18))
                    let hairAt = hairWords.compactMap { window.range(of: $0)?.lowerBound }.min()
                    let garmentAt = garments.compactMap { window.range(of: $0)?.lowerBound }.min()
                    if let hairAt, window.distance(from: window.startIndex, to: hairAt) <= 8, garmentAt.map({ hairAt < $0 }) ?? true {
                        if look.hairColor == nil { look.hairColor = rgb }
                    } else if garmentAt != nil, look.costume == nil {
                        look.costume = rgb
                    }
                }
            }
        }
        if look.hairColor == nil, old.contains(where: { text.contains($0) }) { look.hairColor = 0xB9B9BD }
        if ["bun", "发髻", "丸子头", "盘发"].contains(where: { text.contains($0) }) {
            look.hair = .bun
        } else if ["bob", "波波头", "齐肩"].contains(where: { text.contains($0) }) {
            look.hair = .bob
        } else if Self.near("long", "hair", in: text) || ["ponytail", "braid", "长发", "马尾", "辫"].contains(where: { text.contains($0) }) {
            look.hair = .long
        } else if Self.near("short", "hair", in: text) || ["crew cut", "buzz", "cropped", "短发", "寸头", "平头"].contains(where: { text.contains($0) }) {
            look.hair = .short
        }
        return look == PanelAppearance() ? nil : look
    }
}
