import Foundation

/// A language Reel speaks, writes subtitles in and plans for.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
    case english = "en"
    case chinese = "zh"

    /// The language most of `text` is written in: Chinese when at least a fifth of its
    /// letters are CJK characters, English otherwise.
    public static func detect(_ text: String) -> Language {
        var cjk = 0
        var letters = 0
        for ch in text {
            if ch.isCJK, !(ch.isPunctuation || ch.isWhitespace) {
                cjk += 1
                letters += 1
            } else if ch.isLetter {
                letters += 1
            }
        }
        guard letters > 0 else { return .english }
        return cjk * 5 >= letters ? .chinese : .english
    }

    /// Speaking units per second at the brisk pace of short drama: words for English,
    /// characters for Chinese.
    public var speakingRate: Double {
        switch self {
        case .english: 3.0
        case .chinese: 4.2
        }
    }

    /// Reading units per second for on-screen action: a viewer takes in a described
    /// action a little faster than it would be read aloud.
    public var readingRate: Double {
        switch self {
        case .english: 3.4
        case .chinese: 6.0
        }
    }

    /// Counts speaking units in `text`: words for English, CJK characters plus Latin
    /// words for Chinese.
    public func units(in text: String) -> Int {
        var count = 0
        var inWord = false
        for ch in text {
            if ch.isCJK {
                if !(ch.isPunctuation || ch.isSymbol) { count += 1 }
                inWord = false
            } else if ch.isLetter || ch.isNumber {
                if !inWord { count += 1 }
                inWord = true
            } else if ch == "'" || ch == "’" {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }
}
