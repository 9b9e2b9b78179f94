import ReelModel

extension SceneHeading {
    /// The heading split into setting, location and time of day.
    ///
    /// English headings: a leading `INT`, `EXT`, `EST`, `INT./EXT`, `EXT./INT`, `I/E`,
    /// `INTERIOR`/`EXTERIOR`… sets the setting (`EST` is exterior); the trailing `-`/`–`/`—`
    /// parts that are times are the time; what is between is the location, inner dashes kept
    /// (`INT. SMITH HOUSE - KITCHEN - NIGHT` → `SMITH HOUSE - KITCHEN`, night).
    ///
    /// Chinese headings (any CJK in the text): the words may come in any order, separated by
    /// spaces, `。`, `·`, `—`, `-` or `，` — `内景 厨房 夜`, `外景。街道 — 黄昏`, `日 内 咖啡馆`.
    /// `内景`/`内`/`室内` are interior, `外景`/`外`/`室外` exterior, `内外景`/`内/外` both.
    ///
    /// Times: DAY, MORNING, AFTERNOON, NOON and 日/白天/早上/上午/中午/下午 are `.day`
    /// (there is no morning case: a morning is lit as day; first light is dawn); NIGHT,
    /// MIDNIGHT and 夜/晚上/深夜/凌晨 `.night`; DAWN, SUNRISE, DAYBREAK and 晨/清晨/黎明 `.dawn`;
    /// DUSK, SUNSET, EVENING, TWILIGHT, MAGIC HOUR and 昏/黄昏/傍晚 `.dusk`; CONTINUOUS, LATER,
    /// MOMENTS LATER, SAME and 连续/稍后/同时 are removed from the location but give
    /// `.unspecified`. Without a setting the heading is `.interior`; without a time
    /// `.unspecified`.
    public var parts: (setting: Setting, location: String, timeOfDay: TimeOfDay) {
        let plain = ScriptText.plain(text)
        if plain.contains(where: \.isCJK) { return HeadingWords.splitChinese(plain) }
        return HeadingWords.splitEnglish(plain)
    }
}

/// The vocabulary of scene headings and the two ways of splitting them.
private enum HeadingWords {
    static func splitEnglish(_ text: String) -> (setting: Setting, location: String, timeOfDay: TimeOfDay) {
        var setting = Setting.interior
        var rest = Substring(text)
        let upper = text.uppercased()
        if upper.count == text.count,
           let (word, value) = englishSettings.first(where: { upper.hasPrefix($0.0) && !startsWord(upper.dropFirst($0.0.count)) }) {
            setting = value
            rest = rest.dropFirst(word.count)
        }
        rest = rest.drop { isSeparator($0) || $0 == "." || $0 == ":" }
        var times: [TimeOfDay] = []
        while let dash = rest.lastIndex(where: { dashes.contains($0) }) {
            guard let time = time(of: rest[rest.index(after: dash)...]) else { break }
            times.insert(time, at: 0)
            rest = rest[..<dash]
        }
        if times.isEmpty, let time = time(of: rest), !rest.isEmpty, rest.count < text.count {
            times = [time]
            rest = ""
        }
        let location = rest.trimmingSeparators()
        return (setting, location, times.first { $0 != .unspecified } ?? .unspecified)
    }

    static func splitChinese(_ text: String) -> (setting: Setting, location: String, timeOfDay: TimeOfDay) {
        var setting: Setting?
        var times: [TimeOfDay] = []
        var locationStart: String.Index?
        var locationEnd: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            guard !isSeparator(text[i]) else {
                i = text.index(after: i)
                continue
            }
            let end = text[i...].firstIndex(where: isSeparator) ?? text.endIndex
            var token = text[i..<end]
            if setting == nil, let (word, value) = glued(token) {
                setting = value
                token = token.dropFirst(word.count)
            }
            if token.isEmpty {
                // the whole token was a setting
            } else if setting == nil, let value = settingWord(token) {
                setting = value
            } else if let time = time(of: token) {
                times.append(time)
            } else {
                locationStart = locationStart ?? token.startIndex
                locationEnd = token.endIndex
            }
            i = end
        }
        var location = ""
        if let start = locationStart, let end = locationEnd { location = String(text[start..<end]) }
        return (setting ?? .interior, location, times.first { $0 != .unspecified } ?? .unspecified)
    }

    // MARK: Words

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
        "NIGHT": .night, "NIGHTTIME": .night, "MIDNIGHT": .night, "LATE NIGHT": .night,
        "DAWN": .dawn, "SUNRISE": .dawn, "DAYBREAK": .dawn, "FIRST LIGHT": .dawn,
        "DUSK": .dusk, "SUNSET": .dusk, "EVENING": .dusk, "TWILIGHT": .dusk, "MAGIC HOUR": .dusk, "GOLDEN HOUR": .dusk,
        "CONTINUOUS": .unspecified, "LATER": .unspecified, "MOMENTS LATER": .unspecified,
        "A MOMENT LATER": .unspecified, "SAME": .unspecified, "SAME TIME": .unspecified,
        "日": .day, "白天": .day, "白日": .day, "日间": .day, "早上": .day, "上午": .day, "中午": .day, "下午": .day,
        "夜": .night, "夜晚": .night, "晚上": .night, "夜间": .night, "深夜": .night, "午夜": .night, "半夜": .night,
        "凌晨": .night, "夜里": .night,
        "晨": .dawn, "清晨": .dawn, "黎明": .dawn, "拂晓": .dawn, "日出": .dawn, "破晓": .dawn,
        "昏": .dusk, "黄昏": .dusk, "傍晚": .dusk, "日落": .dusk, "薄暮": .dusk,
        "连续": .unspecified, "稍后": .unspecified, "同时": .unspecified, "片刻后": .unspecified,
    ]

    static let dashes: Set<Character> = ["-", "–", "—"]

    static func isSeparator(_ c: Character) -> Bool {
        c.isWhitespace || "。·・．—–-，,、：:".contains(c)
    }

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

private extension Substring {
    func trimmingSeparators() -> String {
        let start = firstIndex { !HeadingWords.isSeparator($0) } ?? endIndex
        let end = self[start...].lastIndex { !HeadingWords.isSeparator($0) }.map(index(after:)) ?? start
        return String(self[start..<end])
    }
}
