import Foundation
import ReelModel

/// The vocabulary of scene headings: settings, times of day, and the qualifiers that may
/// follow a heading's time (`FLASHBACK`, `1973`, `DRIVING`, `回忆`).
enum HeadingWords {
    static let englishSettings: [(String, Setting)] = [
        ("INT./EXT.", .interiorExterior), ("INT./EXT", .interiorExterior), ("INT/EXT.", .interiorExterior),
        ("INT/EXT", .interiorExterior), ("EXT./INT.", .interiorExterior), ("EXT./INT", .interiorExterior),
        ("EXT/INT.", .interiorExterior), ("EXT/INT", .interiorExterior), ("I./E.", .interiorExterior),
        ("I/E.", .interiorExterior), ("I/E", .interiorExterior), ("E/I.", .interiorExterior), ("E/I", .interiorExterior),
        ("INTERIOR", .interior), ("INT.", .interior), ("INT", .interior),
        ("EXTERIOR", .exterior), ("EXT.", .exterior), ("EXT", .exterior), ("EST.", .exterior), ("EST", .exterior),
    ]

    static let chineseSettings: [String: Setting] = [
        "内景": .interior, "内": .interior, "室内": .interior,
        "外景": .exterior, "外": .exterior, "室外": .exterior,
        "内外景": .interiorExterior, "外内景": .interiorExterior, "内/外": .interiorExterior,
        "外/内": .interiorExterior, "内外": .interiorExterior, "内/外景": .interiorExterior,
    ]

    static let times: [String: TimeOfDay] = [
        "DAY": .day, "DAYTIME": .day, "MORNING": .day, "AFTERNOON": .day, "NOON": .day, "MIDDAY": .day,
        "LATE MORNING": .day, "LATE AFTERNOON": .day, "HIGH NOON": .day,
        "NIGHT": .night, "NIGHTTIME": .night, "MIDNIGHT": .night, "LATE NIGHT": .night, "DEAD OF NIGHT": .night,
        "DAWN": .dawn, "SUNRISE": .dawn, "DAYBREAK": .dawn, "FIRST LIGHT": .dawn, "PRE-DAWN": .dawn, "PREDAWN": .dawn,
        "EARLY MORNING": .dawn,
        "DUSK": .dusk, "SUNSET": .dusk, "EVENING": .dusk, "TWILIGHT": .dusk, "MAGIC HOUR": .dusk, "GOLDEN HOUR": .dusk,
        "SUNDOWN": .dusk, "NIGHTFALL": .dusk, "EARLY EVENING": .dusk, "BLUE HOUR": .dusk,
        "CONTINUOUS": .unspecified, "LATER": .unspecified, "MOMENTS LATER": .unspecified,
        "A MOMENT LATER": .unspecified, "SAME": .unspecified, "SAME TIME": .unspecified,
        "日": .day, "白天": .day, "白日": .day, "日间": .day, "早上": .day, "上午": .day, "中午": .day, "下午": .day,
        "夜": .night, "夜晚": .night, "晚上": .night, "夜间": .night, "深夜": .night, "午夜": .night, "半夜": .night,
        "凌晨": .night, "夜里": .night,
        "晨": .dawn, "清晨": .dawn, "黎明": .dawn, "拂晓": .dawn, "日出": .dawn, "破晓": .dawn,
        "昏": .dusk, "黄昏": .dusk, "傍晚": .dusk, "日落": .dusk, "薄暮": .dusk,
        "连续": .unspecified, "稍后": .unspecified, "同时": .unspecified, "片刻后": .unspecified,
    ]

    /// Words that may stand before a time and make it another time of the same kind:
    /// `ANOTHER DAY`, `THE NEXT MORNING`, `LATER THAT NIGHT`, `PRESENT DAY`.
    static let timeModifiers: Set<String> = [
        "ANOTHER", "NEXT", "THE", "SAME", "PRESENT", "FOLLOWING", "LATER", "EARLIER", "THAT", "ONE", "SOME",
        "EARLY", "LATE", "A", "FEW", "DAYS", "YEARS", "WEEKS", "MONTHS", "HOURS",
    ]

    /// Qualifiers a heading may end with, besides years (`1973`, `1970S`), anything in
    /// brackets, and phrases ending in LATER, EARLIER, AGO or BEFORE.
    static let qualifiers: Set<String> = [
        "FLASHBACK", "FLASH BACK", "END FLASHBACK", "BACK TO PRESENT", "BACK TO SCENE", "PRESENT", "PRESENT DAY",
        "THE PRESENT", "PAST", "THE PAST", "FUTURE", "THE FUTURE", "DREAM", "DREAM SEQUENCE", "FANTASY", "NIGHTMARE",
        "MEMORY", "VISION", "MONTAGE", "SERIES OF SHOTS", "INTERCUT", "SLOW MOTION", "DRIVING", "MOVING", "TRAVELING",
        "TRAVELLING", "SIMULTANEOUS", "ESTABLISHING", "RAIN", "RAINING", "SNOW", "SNOWING", "STORM", "B&W",
        "BLACK AND WHITE", "SUPER", "TITLE", "ON TV", "ON SCREEN", "POV", "CONT'D", "CONT’D",
        "回忆", "闪回", "梦境", "梦", "幻想", "现在", "过去", "多年后", "次日", "同日", "雨", "雪",
    ]

    static let dashes: Set<Character> = ["-", "–", "—"]

    static func isSeparator(_ c: Character) -> Bool {
        c.isWhitespace || separators.contains(c)
    }

    private static let separators: Set<Character> = ["。", "·", "・", "．", "—", "–", "-", "，", ",", "、", "：", ":"]

    static func startsWord(_ s: Substring) -> Bool {
        s.first.map { $0.isLetter || $0.isNumber } ?? false
    }

    /// The time a heading part names (`NIGHT`, `(CONTINUOUS)`, `黄昏`), or nil.
    static func time(of part: Substring) -> TimeOfDay? {
        var word = part.trimmingSeparators().uppercased()
        if word.hasPrefix("("), word.hasSuffix(")") { word = String(word.dropFirst().dropLast()) }
        while word.hasSuffix(".") { word.removeLast() }
        return times[word]
    }

    /// The time of a phrase like `ANOTHER DAY` or `LATER THAT NIGHT`: modifiers, then a time.
    static func modifiedTime(of part: Substring) -> TimeOfDay? {
        let words = part.uppercased().split(whereSeparator: \.isWhitespace)
        guard words.count >= 2 else { return nil }
        for cut in 1..<words.count where words[..<cut].allSatisfy({ timeModifiers.contains(String($0)) }) {
            if let time = times[words[cut...].joined(separator: " ").trimmingCharacters(in: ["."])] { return time }
        }
        return nil
    }

    /// A qualifier that may end a heading: a known word, a year or decade, or a jump in time.
    static func isQualifier(_ part: Substring) -> Bool {
        var word = part.trimmingSeparators().uppercased()
        while word.hasSuffix(".") { word.removeLast() }
        if qualifiers.contains(word) { return true }
        let core = word.filter { $0 != "'" && $0 != "’" }
        let body = core.hasSuffix("S") ? core.dropLast() : Substring(core)
        if body.allSatisfy({ $0.isASCII && $0.isNumber }), body.count == 4 || (body.count == 2 && core.hasSuffix("S")) {
            return true // 1973, 1970s, '70s
        }
        return ["LATER", "EARLIER", "AGO", "BEFORE"].contains { word.hasSuffix(" " + $0) }
    }

    static func settingWord(_ token: Substring) -> Setting? {
        if let value = chineseSettings[String(token)] { return value }
        let upper = token.uppercased()
        return englishSettings.first { $0.0 == upper || $0.0 == upper + "." }?.1
    }

    /// `内景厨房`: a two- or three-character setting glued to the location.
    static func glued(_ token: Substring) -> (String, Setting)? {
        for word in ["内外景", "外内景", "内景", "外景"] where token.hasPrefix(word) && token.count > word.count {
            if let value = chineseSettings[word] { return (word, value) }
        }
        return nil
    }
}

extension Substring {
    func trimmingSeparators() -> String {
        let start = firstIndex { !HeadingWords.isSeparator($0) } ?? endIndex
        let end = self[start...].lastIndex { !HeadingWords.isSeparator($0) }.map(index(after:)) ?? start
        return String(self[start..<end])
    }
}
