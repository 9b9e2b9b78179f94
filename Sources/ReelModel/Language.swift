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
        // By scalar (a character's class is its first scalar's; combining marks are skipped):
        // many times faster than iterating `Character`s, with the same counts.
        for s in text.unicodeScalars {
            if s.value < 0x80 {
                if (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A { letters += 1 }
                continue
            }
            if isHan(s) {
                // A Han ideograph is a CJK letter: no property lookup needed.
                cjk += 1
                letters += 1
                continue
            }
            let p = s.properties
            if p.isGraphemeExtend { continue }
            if isCJK(s), !(isPunctuation(p) || p.isWhitespace) {
                cjk += 1
                letters += 1
            } else if p.isAlphabetic {
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
        for s in text.unicodeScalars {
            if s.value < 0x80 {
                let lower = s.value | 0x20
                if (lower >= 0x61 && lower <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39) {
                    if !inWord { count += 1 }
                    inWord = true
                } else if s.value != 0x27 {
                    inWord = false
                }
                continue
            }
            if Language.isHan(s) {
                count += 1
                inWord = false
                continue
            }
            let p = s.properties
            if p.isGraphemeExtend { continue }
            if Language.isCJK(s) {
                if !(Language.isPunctuation(p) || Language.isSymbol(p)) { count += 1 }
                inWord = false
            } else if p.isAlphabetic || p.numericType != nil {
                if !inWord { count += 1 }
                inWord = true
            } else if s != "’" {
                inWord = false
            }
        }
        return count
    }

    /// `Character.isCJK` for one scalar: Han, kana, Hangul and their punctuation.
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF00...0xFFEF, 0xAC00...0xD7AF, 0x20000...0x2FA1F:
            true
        default:
            false
        }
    }

    /// A Han ideograph (the CJK blocks of letters, not their punctuation or symbols).
    @inline(__always)
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    static func isPunctuation(_ p: Unicode.Scalar.Properties) -> Bool {
        switch p.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }

    static func isSymbol(_ p: Unicode.Scalar.Properties) -> Bool {
        switch p.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
    }
}
