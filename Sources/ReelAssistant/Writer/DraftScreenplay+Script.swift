import Foundation
import ReelModel

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
                out.append("    " + name + (about.isEmpty ? "" : " (\(about.replacingOccurrences(of: "、", with: "，")))"))
            }
        }
        out.append("")
        for scene in scenes {
            let time = oneLine(scene.time).uppercased()
            out.append("\(scene.interior ? "INT." : "EXT.") \(oneLine(scene.place).uppercased()) - \(time.isEmpty ? "DAY" : time)")
            out.append("")
            for beat in scene.beats {
                switch beat {
                case .action(let text):
                    for paragraph in paragraphs(text) {
                        // A line all in capitals would read as a character's cue: `!` forces action.
                        out.append((paragraph == paragraph.uppercased() && paragraph.contains(where: \.isLetter) ? "!" : "") + paragraph)
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
                let about = oneLine(c.description).replacingOccurrences(of: "、", with: "，")
                return Self.name(c.name) + (about.isEmpty ? "" : "（\(about)）")
            }.joined(separator: "、"))
        }
        for (i, scene) in scenes.enumerated() {
            out.append("")
            out.append("1-\(i + 1) \(Self.chineseTime(scene.time)) \(scene.interior ? "内" : "外") \(oneLine(scene.place))")
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

    /// A Fountain cue: the name in capitals; `@` before a name capitals cannot mark (林晚).
    static func cue(_ name: String) -> String {
        let upper = name.uppercased().replacingOccurrences(of: "\n", with: " ")
        return upper.contains(where: { $0.isASCII && $0.isLetter }) ? upper : "@" + upper
    }

    /// A name for `角色：台词`: no colons or brackets of its own.
    static func name(_ name: String) -> String {
        name.filter { !":：()（）、\n".contains($0) }
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
        return word.contains(where: { Language.isCJK($0.unicodeScalars.first!) }) ? word.filter { !$0.isWhitespace } : "日"
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
