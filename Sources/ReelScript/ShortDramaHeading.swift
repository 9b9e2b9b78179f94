import ReelModel

/// A scene heading of a Chinese short-drama script, read from its many written forms.
///
/// Forms: `1-1 夜 内 出租屋`, `1-1 李少安家 日 内`, `第1场 日 外 街道`, `场1-1`, `第壹場，小湖邊，晨`,
/// `23-1，外，武當山玄嶽門，日`, `1 张三卧室 日内`, `※ 1-2 天台 夜 外`, `山村,夜,外`, `内景 客厅 清晨`.
/// The words after the number come in any order, split by spaces or commas; `日内`/`夜外` are
/// a time and a setting glued together; a last part listing names with `、` is the cast.
/// A heading without a number needs both a setting and a time, so `夜深了` stays action.
struct ShortDramaHeading: Hashable {
    /// `1-1`, `3`: the number as written (Chinese numerals as digits); nil when unnumbered.
    var number: String?
    var setting: Setting?
    var location: String
    /// The time word, in a form ``SceneHeading/parts`` reads (`夜`, `清晨`).
    var time: String?
    /// Names listed in the heading (`第壹場，小湖邊，晨，張穎、王靜`).
    var cast: [String] = []
    /// True when the number was written with `场`/`第…场` (so it is a scene even alone).
    var named = false

    /// Only a number, its words on the next line (`场1-1`).
    var isNumberOnly: Bool { number != nil && setting == nil && time == nil && location.isEmpty }

    /// The heading in the model's terms: `内景 出租屋 夜`, numbered `1-1`.
    var sceneHeading: SceneHeading {
        let settingWord = setting.map { s -> String in
            switch s {
            case .interior: "内景"
            case .exterior: "外景"
            case .interiorExterior: "内外景"
            }
        }
        let text = [settingWord, location, time].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return SceneHeading(text: text, sceneNumber: number)
    }

    /// Reads `line` as a heading; nil when it is not one. A number alone (`场1-1`, `第2场`)
    /// is a heading whose words are on the next line.
    init?(_ line: Substring) {
        // `.内景 出租屋 夜`: a heading forced the Fountain way is a heading here too.
        let forced = line.first == "." && line.dropFirst().first.map { $0 != "." && !$0.isWhitespace } == true
        var rest = ShortDramaText.trim((forced ? line.dropFirst() : line).drop { "#※*＊ ".contains($0) })
        while rest.hasSuffix("*") { rest = ShortDramaText.trim(rest.dropLast()) }
        let numbered = ShortDramaHeading.number(prefixOf: &rest)
        let number = numbered?.number
        named = numbered?.named ?? false
        guard rest.count <= 40, !rest.contains(where: { "！？!?…“”\"「」：".contains($0) }) else { return nil }
        self.number = number
        self.location = ""
        var places: [Substring] = []
        for token in rest.split(whereSeparator: ShortDramaHeading.isSeparator) {
            if let (time, setting) = ShortDramaVocabulary.glued(token) {
                if let time { self.time = self.time ?? time }
                if let setting { self.setting = self.setting ?? setting }
            } else if let place = ShortDramaVocabulary.settingPrefix(token), setting == nil {
                setting = place.setting
                places.append(place.rest)
            } else if token.contains("、"), !places.isEmpty {
                cast += ShortDramaText.names(in: token)
            } else {
                places.append(token)
            }
        }
        location = places.joined(separator: " ")
        if number == nil {
            guard forced || (setting != nil && time != nil && !location.isEmpty && places.count <= 3) else { return nil }
        } else if !rest.isEmpty {
            guard setting != nil || time != nil, places.count <= 3 else { return nil }
        }
    }

    /// Takes a leading scene number off `rest`: `第12场`, `第壹場`, `场1-1`, `1-1`, `12`.
    private static func number(prefixOf rest: inout Substring) -> (number: String, named: Bool)? {
        var s = rest
        var number: String
        var named = true
        if s.hasPrefix("第"), let end = s.firstIndex(where: { "场場幕".contains($0) }),
           let n = ShortDramaText.integer(s[s.index(after: s.startIndex)..<end]) {
            number = String(n)
            s = s[s.index(after: end)...]
        } else {
            named = s.hasPrefix("场") || s.hasPrefix("場")
            if named { s = s.dropFirst() }
            let digits = s.prefix { $0.isASCII && ($0.isNumber || $0 == "-") || "－—–".contains($0) }
            let groups = digits.split(whereSeparator: { !$0.isNumber }).map(String.init)
            guard !groups.isEmpty, groups.count <= 3, digits.first?.isNumber == true else { return nil }
            s = s.dropFirst(digits.count)
            // `1 张三卧室`, `1-1，外`: the number stands apart; `1999年` is not a number.
            guard s.isEmpty || isSeparator(s.first!) || s.first == "：" || s.first == ":" || s.first == "." || s.first == "、"
            else { return nil }
            number = groups.joined(separator: "-")
        }
        rest = ShortDramaText.trim(s.drop { isSeparator($0) || "：:.、".contains($0) })
        return (number, named)
    }

    static func isSeparator(_ c: Character) -> Bool {
        c.isWhitespace || "，,。|｜—–-".contains(c)
    }
}

/// The words of short-drama headings: settings and times.
enum ShortDramaVocabulary {
    static let settings: [String: Setting] = [
        "内": .interior, "內": .interior, "内景": .interior, "內景": .interior, "室内": .interior, "室內": .interior,
        "外": .exterior, "外景": .exterior, "室外": .exterior,
        "内外": .interiorExterior, "內外": .interiorExterior, "内外景": .interiorExterior, "內外景": .interiorExterior,
        "内/外": .interiorExterior, "外/内": .interiorExterior,
    ]

    /// Time words, each mapped to the word ``SceneHeading/parts`` reads.
    static let times: [String: String] = [
        "日": "日", "白天": "白天", "白日": "日", "晝": "日", "昼": "日", "早": "早上", "早上": "早上", "上午": "上午",
        "中午": "中午", "午": "中午", "下午": "下午",
        "夜": "夜", "晚": "夜", "夜晚": "夜晚", "晚上": "晚上", "深夜": "深夜", "午夜": "午夜", "半夜": "半夜", "凌晨": "凌晨",
        "晨": "晨", "清晨": "清晨", "黎明": "黎明", "拂晓": "拂晓", "日出": "日出",
        "昏": "黄昏", "黄昏": "黄昏", "黃昏": "黄昏", "傍晚": "傍晚", "日落": "日落",
    ]

    /// `日内`, `夜外`, `内日` (a time and a setting glued), a bare time, or a bare setting.
    static func glued(_ token: Substring) -> (time: String?, setting: Setting?)? {
        let word = String(token)
        if let time = times[word] { return (time, nil) }
        if let setting = settings[word] { return (nil, setting) }
        for split in 1..<max(word.count, 1) {
            let head = String(word.prefix(split)), tail = String(word.dropFirst(split))
            if let time = times[head], let setting = settings[tail] { return (time, setting) }
            if let setting = settings[head], let time = times[tail] { return (time, setting) }
        }
        return nil
    }

    /// `内景客厅`: a setting glued to the place.
    static func settingPrefix(_ token: Substring) -> (setting: Setting, rest: Substring)? {
        for word in ["内外景", "內外景", "内景", "內景", "外景"] where token.hasPrefix(word) && token.count > word.count {
            if let setting = settings[word] { return (setting, token.dropFirst(word.count)) }
        }
        return nil
    }
}
