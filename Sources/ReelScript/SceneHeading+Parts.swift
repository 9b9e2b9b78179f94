import ReelModel

extension SceneHeading {
    /// The heading split into setting, location, time of day and qualifiers.
    ///
    /// English headings: a leading `INT`, `EXT`, `EST`, `INT./EXT`, `EXT./INT`, `I/E`,
    /// `INTERIOR`/`EXTERIOR`… sets the setting (`EST` is exterior). The parts after the
    /// place are separated by dashes (`-` with a space on a side, `–`, `—`; `PRE-DAWN` and
    /// `SMITH-JONES` are one word) and read from the end while they are times or
    /// qualifiers; what is left is the location, inner dashes kept
    /// (`INT. SMITH HOUSE - KITCHEN - NIGHT` → `SMITH HOUSE - KITCHEN`, night). A part may
    /// hold several, split by `/` or in brackets: `NIGHT (1973)`, `DAY [FLASHBACK]`,
    /// `DAY / DRIVING`, `(PRESENT) DAY`, `[THE STORM]`. So one place has one location
    /// whatever its time or qualifiers: `INT. WILL'S BEDROOM - NIGHT (1973)` and
    /// `INT. WILL'S BEDROOM - DAY [FLASHBACK]` are both `WILL'S BEDROOM`.
    ///
    /// Qualifiers: anything in `()`/`[]`/`（）`/`【】` after the place, a year or decade
    /// (`1973`, `1970S`), known words (FLASHBACK, PRESENT DAY, DREAM, MONTAGE, DRIVING,
    /// MOVING, CONTINUOUS, LATER…; 回忆, 闪回, 梦境…), jumps (`TEN YEARS LATER`), a time
    /// with modifiers (`ANOTHER DAY`, `LATER THAT NIGHT`, which also give the time), and
    /// any other word in a part that names a time (`DAY / BY THE RIVER`). They are kept
    /// as written, in order.
    ///
    /// Chinese headings (any CJK in the text): the words may come in any order, separated by
    /// spaces, `。`, `·`, `—`, `-` or `，` — `内景 厨房 夜`, `外景。街道 — 黄昏`, `日 内 咖啡馆`.
    /// `内景`/`内`/`室内` are interior, `外景`/`外`/`室外` exterior, `内外景`/`内/外` both.
    ///
    /// Times: DAY, MORNING, AFTERNOON, NOON and 日/白天/早上/上午/中午/下午 are `.day`
    /// (there is no morning case: a morning is lit as day; first light is dawn); NIGHT,
    /// MIDNIGHT and 夜/晚上/深夜/凌晨 `.night`; DAWN, PRE-DAWN, SUNRISE, DAYBREAK, EARLY
    /// MORNING and 晨/清晨/黎明 `.dawn`; DUSK, SUNSET, EVENING, TWILIGHT, MAGIC HOUR and
    /// 昏/黄昏/傍晚 `.dusk`; CONTINUOUS, LATER, MOMENTS LATER, SAME and 连续/稍后/同时 are
    /// qualifiers that give `.unspecified`. Without a setting the heading is `.interior`;
    /// without a time `.unspecified`.
    public var parts: (setting: Setting, location: String, timeOfDay: TimeOfDay, qualifiers: [String]) {
        let plain = ScriptText.plain(text)
        if plain.contains(where: \.isCJK) { return HeadingSplit.chinese(plain) }
        return HeadingSplit.english(plain)
    }
}

/// The two ways of splitting a heading.
enum HeadingSplit {
    typealias Parts = (setting: Setting, location: String, timeOfDay: TimeOfDay, qualifiers: [String])

    static func english(_ text: String) -> Parts {
        var setting = Setting.interior
        var rest = Substring(text)
        let upper = text.uppercased()
        if upper.count == text.count,
           let (word, value) = HeadingWords.englishSettings.first(where: {
               upper.hasPrefix($0.0) && !HeadingWords.startsWord(upper.dropFirst($0.0.count))
           }) {
            setting = value
            rest = rest.dropFirst(word.count)
        }
        rest = rest.drop { HeadingWords.isSeparator($0) || $0 == "." || $0 == ":" }
        var segments = dashSegments(rest)
        var times: [TimeOfDay] = []
        var qualifiers: [String] = []
        while segments.count > 1, let found = tail(rest[segments[segments.count - 1]]) {
            times.insert(contentsOf: found.times, at: 0)
            qualifiers.insert(contentsOf: found.qualifiers, at: 0)
            segments.removeLast()
        }
        var place = segments.isEmpty ? rest[rest.endIndex...] : rest[segments[0].lowerBound..<segments[segments.count - 1].upperBound]
        let (bare, bracketed) = trailingBrackets(place)
        place = bare
        qualifiers.insert(contentsOf: bracketed, at: 0)
        if times.isEmpty, let time = HeadingWords.time(of: place), !place.isEmpty, place.count < text.count {
            times = [time]
            place = ""
        }
        return (setting, place.trimmingSeparators(), times.first { $0 != .unspecified } ?? .unspecified, qualifiers)
    }

    static func chinese(_ text: String) -> Parts {
        var setting: Setting?
        var times: [TimeOfDay] = []
        var qualifiers: [String] = []
        var locationStart: String.Index?
        var locationEnd: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            if let close = closingBracket(for: text[i]), let end = text[text.index(after: i)...].firstIndex(of: close) {
                let inner = text[text.index(after: i)..<end].trimmingSeparators()
                if !inner.isEmpty { qualifiers.append(inner) }
                i = text.index(after: end)
                continue
            }
            guard !HeadingWords.isSeparator(text[i]) else {
                i = text.index(after: i)
                continue
            }
            let end = text[i...].firstIndex { HeadingWords.isSeparator($0) || closingBracket(for: $0) != nil } ?? text.endIndex
            var token = text[i..<end]
            if setting == nil, let (word, value) = HeadingWords.glued(token) {
                setting = value
                token = token.dropFirst(word.count)
            }
            if token.isEmpty {
                // the whole token was a setting
            } else if setting == nil, let value = HeadingWords.settingWord(token) {
                setting = value
            } else if let time = HeadingWords.time(of: token) {
                times.append(time)
                if time == .unspecified { qualifiers.append(String(token)) }
            } else if locationStart != nil, HeadingWords.isQualifier(token) {
                qualifiers.append(String(token))
            } else {
                locationStart = locationStart ?? token.startIndex
                locationEnd = token.endIndex
            }
            i = end
        }
        var location = ""
        if let start = locationStart, let end = locationEnd { location = String(text[start..<end]) }
        return (setting ?? .interior, location, times.first { $0 != .unspecified } ?? .unspecified, qualifiers)
    }

    // MARK: Pieces

    /// The ranges between dashes that separate parts: an en or em dash, or a hyphen with
    /// whitespace on at least one side.
    static func dashSegments(_ s: Substring) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = s.startIndex
        var previous: Character?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            let next = s.index(after: i)
            let separates = c == "–" || c == "—"
                || (c == "-" && ((previous?.isWhitespace ?? true) || next == s.endIndex || s[next].isWhitespace))
            if separates {
                result.append(start..<i)
                start = next
            }
            previous = c
            i = next
        }
        result.append(start..<s.endIndex)
        return result.filter { !s[$0].trimmingSeparators().isEmpty }
    }

    /// What a part after the place holds, when it is only times and qualifiers.
    static func tail(_ part: Substring) -> (times: [TimeOfDay], qualifiers: [String])? {
        var times: [TimeOfDay] = []
        var qualifiers: [String] = []
        var unknown: [String] = []
        var words: [Substring] = []
        var i = part.startIndex
        var textStart = i
        func flushText(_ end: String.Index) {
            words += part[textStart..<end].split(separator: "/").filter { !$0.trimmingSeparators().isEmpty }
        }
        while i < part.endIndex {
            if let close = closingBracket(for: part[i]), let end = part[part.index(after: i)...].firstIndex(of: close) {
                flushText(i)
                let inner = part[part.index(after: i)..<end].trimmingSeparators()
                if !inner.isEmpty { words.append(Substring("\u{1}" + inner)) }
                i = part.index(after: end)
                textStart = i
                continue
            }
            i = part.index(after: i)
        }
        flushText(part.endIndex)
        for word in words {
            if word.first == "\u{1}" {
                qualifiers.append(String(word.dropFirst()))
            } else if let time = HeadingWords.time(of: word) {
                times.append(time)
                if time == .unspecified { qualifiers.append(word.trimmingSeparators()) }
            } else if let time = HeadingWords.modifiedTime(of: Substring(word.trimmingSeparators())) {
                times.append(time)
                qualifiers.append(word.trimmingSeparators())
            } else if HeadingWords.isQualifier(word) {
                qualifiers.append(word.trimmingSeparators())
            } else {
                unknown.append(word.trimmingSeparators())
                qualifiers.append(word.trimmingSeparators())
            }
        }
        guard !words.isEmpty, unknown.isEmpty || times.contains(where: { $0 != .unspecified }) else { return nil }
        return (times, qualifiers)
    }

    /// `place (1973) [DREAM]` → `place` and `["1973", "DREAM"]`.
    static func trailingBrackets(_ s: Substring) -> (Substring, [String]) {
        var rest = s
        var found: [String] = []
        while true {
            let trimmed = rest[..<(rest.lastIndex { !$0.isWhitespace }.map(rest.index(after:)) ?? rest.startIndex)]
            guard let last = trimmed.last, let open = openingBracket(for: last),
                  let start = trimmed.dropLast().lastIndex(of: open), start > trimmed.startIndex else { break }
            let inner = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)].trimmingSeparators()
            if !inner.isEmpty { found.insert(inner, at: 0) }
            rest = trimmed[..<start]
        }
        return (rest, found)
    }

    static func closingBracket(for c: Character) -> Character? {
        switch c {
        case "(": ")"
        case "[": "]"
        case "（": "）"
        case "【": "】"
        default: nil
        }
    }

    static func openingBracket(for c: Character) -> Character? {
        switch c {
        case ")": "("
        case "]": "["
        case "）": "（"
        case "】": "【"
        default: nil
        }
    }
}
