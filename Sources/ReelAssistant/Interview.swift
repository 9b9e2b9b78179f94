import Foundation
import ReelModel

/// Interview-first (`reel new --interview`): the questions a writer needs answered before
/// drafting — genre, audience, who the characters are, how it ends, its tone, its length —
/// as data, so the CLI asks them in the terminal and the API or an agent asks them its own
/// way. Questions the idea already answers are skipped (a length written in it, a genre or a
/// tone named in it); the answers go into the brief the writer drafts from.
public enum Interview {
    /// One question, in both languages, with an example answer.
    public struct Question: Hashable, Sendable, Codable {
        public var id: String
        public var ask: String
        public var example: String
    }

    struct Entry {
        var id: String
        var ask: (en: String, zh: String)
        var example: (en: String, zh: String)
        /// Words that, in the idea, mean it is already answered.
        var answeredBy: [String]
    }

    static let entries: [Entry] = [
        Entry(id: "genre", ask: ("What kind of story is it? (reversal, romance, suspense, comedy, a product spot…)", "什么类型的故事？（逆袭、甜宠、悬疑、喜剧、产品广告……）"),
              example: ("suspense", "悬疑"),
              answeredBy: ["reversal", "romance", "romantic", "love story", "suspense", "thriller", "mystery", "horror", "comedy", "comic",
                           "funny", "movie trailer", "film trailer", "product ad", "an ad", "advert", "逆袭", "甜宠", "爱情", "恋爱", "悬疑", "惊悚",
                           "恐怖", "喜剧", "搞笑", "广告片", "产品广告", "预告片"]),
        Entry(id: "audience", ask: ("Who is it for, and where will it play?", "给谁看？在哪个平台播放？"),
              example: ("young office workers, on Douyin", "年轻上班族，抖音"), answeredBy: ["audience", "观众", "抖音", "快手", "douyin", "tiktok", "youtube"]),
        Entry(id: "characters", ask: ("Who are the main characters? (a name and a few words each)", "主要人物是谁？（名字和几句描述）"),
              example: ("Lin, 28, a courier; her mother, 60", "林晚，28岁，外卖员；母亲，60岁"), answeredBy: []),
        Entry(id: "ending", ask: ("How does it end? (a twist, a reunion, an open question…)", "结局是什么？（反转、团聚、开放式……）"),
              example: ("they reconcile without saying so", "两人没说出口，却和好了"), answeredBy: ["the ending", "ends with", "ends when", "结局"]),
        Entry(id: "tone", ask: ("What tone? (warm, dark, funny, tense…)", "什么基调？（温暖、黑暗、幽默、紧张……）"),
              example: ("warm, quiet", "温暖、克制"),
              answeredBy: ["funny", "tense", "bittersweet", "melancholy", "heartwarming", "gritty", "lighthearted", "温暖", "黑暗", "幽默", "紧张",
                           "治愈", "虐心", "热血", "燃向"]),
        Entry(id: "length", ask: ("How long, in seconds?", "多长？（秒）"), example: ("90", "90"), answeredBy: []),
    ]

    /// The questions the idea leaves open, in `language`. A length is answered by `60s`,
    /// `90 秒`, `2 minutes` or `2分钟` in the idea; the others by words that name their answer.
    public static func questions(for idea: String, language: Language) -> [Question] {
        return entries.filter { entry in
            if entry.id == "length" { return seconds(in: idea) == nil }
            return !entry.answeredBy.contains { says(idea, $0) }
        }.map { entry in
            Question(id: entry.id, ask: language == .chinese ? entry.ask.zh : entry.ask.en,
                     example: language == .chinese ? entry.example.zh : entry.example.en)
        }
    }

    /// The idea with the answers written under it, for the writer: `Genre: suspense`.
    public static func brief(idea: String, answers: [String: String]) -> String {
        let labels = ["genre": "Genre", "audience": "Audience and platform", "characters": "Main characters",
                      "ending": "Ending", "tone": "Tone"]
        var lines = [idea.trimmingCharacters(in: .whitespacesAndNewlines)]
        for entry in entries {
            guard let label = labels[entry.id], let answer = answers[entry.id]?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !answer.isEmpty else { continue }
            lines.append("\(label): \(answer)")
        }
        return lines.joined(separator: "\n")
    }

    /// True when `text` says `phrase`: as whole words in English (`dark` is not in `after-darkness`…
    /// but `after dark` still names no tone: phrases are chosen to be unambiguous), as written in Chinese.
    static func says(_ text: String, _ phrase: String) -> Bool {
        guard phrase.unicodeScalars.allSatisfy(\.isASCII) else { return text.contains(phrase) }
        let escaped = NSRegularExpression.escapedPattern(for: phrase)
        return text.range(of: "\\b\(escaped)\\b", options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// A film length written in `text`: `60s`, `90 sec`, `90秒`, `2 minutes`, `2分钟` (10–600 s),
    /// the first that is one — `the 80s` or `1990s` are decades, not lengths.
    public static func seconds(in text: String) -> Int? {
        let pattern = #"(?<![\d.])(\d{1,3})\s*(seconds?\b|secs?\b|s\b|秒|minutes?\b|mins?\b|分钟)"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let numberRange = Range(match.range(at: 1), in: text), let unitRange = Range(match.range(at: 2), in: text),
                  let number = Int(text[numberRange]) else { continue }
            let unit = text[unitRange].lowercased()
            // `the 80s`: a two-digit number ending in 0 before a bare `s` after "the" is a decade.
            let before = text[..<numberRange.lowerBound].lowercased()
            if unit == "s", before.hasSuffix("the ") || before.hasSuffix("'") { continue }
            let seconds = unit.hasPrefix("m") || unit == "分钟" ? number * 60 : number
            if (10...600).contains(seconds) { return seconds }
        }
        return nil
    }

    /// An answer to the length question: a length as `seconds(in:)` reads it, or a bare number of seconds.
    public static func seconds(answer: String) -> Int? {
        let trimmed = answer.trimmingCharacters(in: .whitespaces)
        if let plain = Int(trimmed) { return (10...600).contains(plain) ? plain : nil }
        return seconds(in: trimmed)
    }
}
