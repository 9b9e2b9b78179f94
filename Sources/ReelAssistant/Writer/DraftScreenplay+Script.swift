import Foundation
import ReelModel
import ReelScript

extension DraftScreenplay {
    /// The screenplay as a file Reel reads: Fountain in English, the short-drama format
    /// (`1-1 夜 内 出租屋`, `△` action, `角色：台词`) in Chinese. The characters and their
    /// descriptions go on the title page (`Characters:` / `人物：`), where the cast finds them.
    /// - Parameter credit: who wrote it, on the title page (`Reel's writer with deepseek/deepseek-chat`).
    public func script(language: Language, credit: String) -> String {
        language == .chinese ? shortDrama(credit: credit) : fountain(credit: credit)
    }

    func fountain(credit: String) -> String {
        var out = ["Title: \(oneLine(title))", "Credit: \(oneLine(credit))"]
        if !characters.isEmpty {
            out.append("Characters:")
            for c in characters {
                let about = oneLine(c.description)
                let name = Self.cue(c.name).trimmingCharacters(in: CharacterSet(charactersIn: "@"))
                out.append("    " + name + (about.isEmpty ? "" : " (\(Self.plainDescription(about)))"))
            }
        }
        out.append("")
        for scene in scenes {
            let time = oneLine(scene.time).uppercased()
            out.append("\(scene.interior ? "INT." : "EXT.") \(Self.place(scene.place).uppercased()) - \(time.isEmpty ? "DAY" : time)")
            out.append("")
            for beat in scene.beats {
                switch beat {
                case .action(let text):
                    for paragraph in paragraphs(text) {
                        // A line that would read as something else (a cue in capitals, `Int. car…` as a
                        // heading, `> …` as a transition, `#1 fan` as a section): `!` forces action.
                        out.append((Self.readsAsAction(paragraph) ? "" : "!") + paragraph)
                        out.append("")
                    }
                case .line(let name, let text, let aside):
                    out.append(Self.cue(name))
                    if let aside { out.append("(" + oneLine(aside).trimmingCharacters(in: CharacterSet(charactersIn: "()（）")) + ")") }
                    out.append(contentsOf: paragraphs(text))
                    out.append("")
                }
            }
        }
        return out.joined(separator: "\n")
    }

    func shortDrama(credit: String) -> String {
        var out = ["剧名：\(oneLine(title))", "编剧：\(oneLine(credit))"]
        if !characters.isEmpty {
            out.append("人物：" + characters.map { c in
                let about = Self.plainDescription(oneLine(c.description))
                return Self.name(c.name) + (about.isEmpty ? "" : "（\(about)）")
            }.joined(separator: "、"))
        }
        for (i, scene) in scenes.enumerated() {
            out.append("")
            out.append("1-\(i + 1) \(Self.chineseTime(scene.time)) \(scene.interior ? "内" : "外") \(Self.chinesePlace(scene.place))")
            for beat in scene.beats {
                switch beat {
                case .action(let text):
                    out.append(contentsOf: paragraphs(text).map { "△" + $0 })
                case .line(let name, let text, let aside):
                    let tone = aside.map { "（" + oneLine($0).trimmingCharacters(in: CharacterSet(charactersIn: "()（）")) + "）" } ?? ""
                    out.append(Self.name(name) + tone + "：" + paragraphs(text).joined(separator: " "))
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What the parsers read back from the script, checked against the draft: every scene a
    /// heading, every line spoken by its character. Each problem names the scene or line, in
    /// words the model can act on (a place the heading rules cannot read, a name that reads
    /// as something else).
    public func readBackProblems(language: Language) -> [String] {
        let text = script(language: language, credit: "Reel")
        let play = language == .chinese ? ShortDrama.parse(text) : Fountain.parse(text)
        let headings = play.elements.filter { if case .sceneHeading = $0.content { true } else { false } }.count
        let spoken = play.elements.compactMap { if case .dialogue(let d) = $0.content { d } else { nil } }
        var problems: [String] = []
        if headings != scenes.count {
            for (i, scene) in scenes.enumerated() {
                let one = DraftScreenplay(title: "x", characters: [], scenes: [Scene(place: scene.place, interior: scene.interior, time: scene.time)])
                let alone = language == .chinese ? ShortDrama.parse(one.script(language: language, credit: "Reel"))
                                                 : Fountain.parse(one.script(language: language, credit: "Reel"))
                if !alone.elements.contains(where: { if case .sceneHeading = $0.content { true } else { false } }) {
                    problems.append("scenes[\(i)].place '\(scene.place)' does not make a scene heading: name the place in a few plain words")
                }
            }
            if problems.isEmpty { problems.append("the script reads back as \(headings) scenes, not \(scenes.count): keep places and actions plain") }
        }
        if spoken.count != lineCount {
            let speakers = Set(spoken.map { $0.character.trimmingCharacters(in: CharacterSet(charactersIn: "@ ")).lowercased() })
            let lost = Set(scenes.flatMap(\.beats).compactMap { beat -> String? in
                if case .line(let name, _, _) = beat { return name } else { return nil }
            }).filter { !speakers.contains(Self.name($0).lowercased()) && !speakers.contains(Self.cue($0).lowercased()) }
            problems.append(lost.isEmpty
                ? "the script reads back with \(spoken.count) spoken lines, not \(lineCount): give each line its own beat"
                : "the lines of \(lost.sorted().joined(separator: ", ")) do not read as dialogue: give the character a plain name (no titles or punctuation)")
        }
        return problems
    }

    /// A Fountain cue: the name in capitals; `@` before a name capitals cannot mark (林晚).
    static func cue(_ name: String) -> String {
        let upper = name.uppercased().replacingOccurrences(of: "\n", with: " ")
        return upper.contains(where: { $0.isASCII && $0.isLetter }) ? upper : "@" + upper
    }

    /// A name for `角色：台词`: no colons or brackets of its own.
    static func name(_ name: String) -> String {
        name.filter { !":：()（）、\n".contains($0) }
    }

    /// A description inside brackets: no brackets or list marks of its own.
    static func plainDescription(_ text: String) -> String {
        var out = text
        for (mark, with) in [("、", "，"), ("（", "，"), ("）", ""), ("(", ", "), (")", "")] { out = out.replacingOccurrences(of: mark, with: with) }
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        out = out.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: ",,", with: ",")
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "，, "))
    }

    /// A place for an `INT.` heading: without an `INT.`/`EXT.` of its own.
    static func place(_ text: String) -> String {
        var place = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        for prefix in ["INT./EXT.", "INT.", "EXT.", "INT ", "EXT ", "I/E "] where place.uppercased().hasPrefix(prefix) {
            place = String(place.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return place.isEmpty ? "SOMEWHERE" : place
    }

    /// A place for `1-1 夜 内 出租屋`: one word, no quotes or marks, no 内/外 of its own.
    static func chinesePlace(_ text: String) -> String {
        var place = text.filter { !$0.isWhitespace && !"“”\"'‘’！!：:…。，,、？?《》「」".contains($0) }
        for prefix in ["内景", "外景", "内", "外"] where place.hasPrefix(prefix) && place.count > prefix.count {
            place = String(place.dropFirst(prefix.count))
        }
        return place.isEmpty ? "某处" : place
    }

    /// True when a paragraph reads as action on its own.
    static func readsAsAction(_ paragraph: String) -> Bool {
        if paragraph == paragraph.uppercased() && paragraph.contains(where: \.isLetter) { return false }
        guard let element = Fountain.parse("INT. X - DAY\n\n" + paragraph + "\n").elements.dropFirst().first else { return true }
        if case .action = element.content { return true }
        return false
    }

    static let chineseTimes: [String: String] = [
        "DAY": "日", "NIGHT": "夜", "MORNING": "晨", "DAWN": "晨", "DUSK": "昏", "EVENING": "昏", "SUNSET": "昏",
        "AFTERNOON": "日", "NOON": "日", "CONTINUOUS": "日", "LATER": "日",
    ]

    /// `夜` for `NIGHT`; Chinese times as written; `日` when none is given.
    static func chineseTime(_ time: String) -> String {
        let word = time.trimmingCharacters(in: .whitespaces)
        if word.isEmpty { return "日" }
        if let mapped = chineseTimes[word.uppercased()] { return mapped }
        for (english, chinese) in [("NIGHT", "夜"), ("DUSK", "昏"), ("EVENING", "昏"), ("DAWN", "晨"), ("MORNING", "晨")]
        where word.uppercased().contains(english) { return chinese }
        return word.contains(where: { Language.isCJK($0.unicodeScalars.first!) }) ? word.filter { !$0.isWhitespace } : "日"
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
