import Foundation
import ReelModel

/// The sounds a script's words ask for: rain in the action or the heading, a door that
/// slams, a phone that rings, 雷声, 敲门.
///
/// English entries are whole words (`*` takes any ending); Chinese ones are found anywhere,
/// so they are the words that cannot hide inside others (`下雨`, never `雨`, which is in
/// names such as 林雨; `知了声`, never `知了`, which is in 得知了). Words that are more often
/// something else are left out or asked for in a phrase: `waves` (she waves), `storms` (he
/// storms out), `wind` (wind a watch), `knocks` (knocks over), a bare `ring` (a prop), `door`
/// (most doors are only opened), 小雨 and 大海 (names), 风声 (a rumour), 脚步 (停下脚步).
public enum SoundWords {
    static let words: [(effect: SoundEffect, entries: [WordText.Entry])] = [
        (.rain, ["rain", "rains", "raining", "rained", "rainy", "rainstorm", "thunderstorm", "downpour", "drizzle", "drizzling",
                 "下雨", "大雨", "暴雨", "细雨", "雨声", "雨水", "雨夜", "雨中", "淋雨", "雨点", "阵雨", "雷雨", "雨幕"]),
        (.wind, ["windy", "gust", "gusts", "gale", "howling wind", "wind howls", "wind blows", "wind whistles",
                 "狂风", "大风", "寒风", "冷风", "刮风", "风呼啸", "风吹"]),
        (.sea, ["ocean", "sea", "seaside", "seashore", "shoreline", "breakers", "beach", "waves crash", "crashing waves",
                "海浪", "海边", "海滩", "浪花", "沙滩", "海风"]),
        (.traffic, ["traffic", "honk*", "car horn*", "rush hour", "车流", "鸣笛", "喇叭声", "车水马龙", "堵车"]),
        (.fire, ["fireplace", "campfire", "bonfire", "hearth", "crackling fire", "篝火", "壁炉", "火堆", "柴火"]),
        (.crickets, ["crickets chirp*", "chirping crickets", "cicada", "cicadas", "蟋蟀", "蝉鸣", "虫鸣", "知了声"]),
        (.clock, ["ticking", "tick-tock", "clock ticks", "grandfather clock", "滴答", "挂钟", "时钟"]),
        (.thunder, ["thunder*", "lightning", "雷声", "打雷", "惊雷", "雷鸣", "闪电", "雷雨"]),
        (.door, ["slams the door", "slammed the door", "slam the door", "slams shut", "slammed shut", "door slams",
                 "door slammed", "slamming door", "摔门", "甩上门", "踹开门", "踹门", "砰地关上"]),
        (.knock, ["knock on", "knocks on", "knocked on", "knocking", "knock at", "knocks at", "a knock", "敲门", "叩门"]),
        (.footsteps, ["footstep*", "footfall*", "脚步声"]),
        (.phone, ["phone rings", "phone ringing", "phone buzzes", "phone buzzing", "phone vibrates", "ringtone",
                  "电话响", "手机响", "电话铃", "手机铃声", "手机震动"]),
        (.glass, ["shatters", "shattered", "shattering", "摔碎", "打碎", "碎裂", "玻璃碎", "碎了一地"]),
    ]

    /// Words that say a sound has ended: a sentence holding one names none.
    static let ending: [WordText.Entry] = ["stopped", "stops", "ceased", "ceases", "no longer", "is over", "has passed",
                                            "停了", "停止", "不再", "雨停", "风停"]

    /// The sounds `text` names, each once, in ``SoundEffect`` order. A sentence saying the
    /// sound has ended (`The rain has stopped.`, `窗外，雨停了。`) names none.
    public static func effects(in text: String) -> [SoundEffect] {
        heard(in: text).map(\.effect)
    }

    /// The sounds `text` names, each once, in ``SoundEffect`` order, with where the sentence
    /// first naming each begins, as a share of the text (0 at its start): a knock at the end
    /// of an action is heard late in its shot.
    public static func heard(in text: String) -> [(effect: SoundEffect, at: Double)] {
        guard !text.isEmpty else { return [] }
        var found: [SoundEffect: Double] = [:]
        let total = Double(text.unicodeScalars.count)
        var offset = 0
        for sentence in text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: { ".!?。！？\n".unicodeScalars.contains($0) }) {
            defer { offset += sentence.count + 1 }
            guard !sentence.isEmpty else { continue }
            let words = WordText(String(String.UnicodeScalarView(sentence)))
            guard !words.containsAny(ending) else { continue }
            for (effect, entries) in Self.words where found[effect] == nil && words.containsAny(entries) {
                found[effect] = Double(offset) / total
            }
        }
        return SoundEffect.allCases.compactMap { effect in found[effect].map { (effect, $0) } }
    }

    /// The ambiences a scene heading names: a qualifier such as `RAIN` or `雨`, or a word of
    /// the heading (`EXT. BEACH - NIGHT`).
    public static func ambiences(heading: String, qualifiers: [String]) -> [SoundEffect] {
        var found = effects(in: heading).filter(\.isAmbience)
        if qualifiers.contains(where: { $0 == "雨" || $0.uppercased() == "RAIN" }), !found.contains(.rain) { found.append(.rain) }
        return SoundEffect.allCases.filter(found.contains)
    }
}
