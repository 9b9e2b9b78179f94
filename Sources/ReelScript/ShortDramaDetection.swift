import Foundation
import ReelModel

/// The way a script is written: Fountain, or a Chinese short-drama script (``ShortDrama``).
public enum ScriptFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Decided from the text (``detect(_:)``).
    case auto
    case fountain
    /// `1-1 夜 内 出租屋`, `△…`, `角色：台词` (``ShortDrama``).
    case shortDrama = "zh"

    /// `self`, or for `.auto` the format the text is written in.
    public func resolved(for text: String) -> ScriptFormat {
        self == .auto ? ScriptFormat.detect(text) : self
    }

    /// The format `text` is written in: short drama when more of its lines are short-drama
    /// lines (headings such as `1-1 夜 内 出租屋`, `△` action, `名字：台词` speech, `人物：`,
    /// `【…】`) than Fountain lines (`INT.`, `.` headings, `@` or upper-case cues, `>`
    /// transitions, a Chinese cue on a line of its own) and either they are at least half of
    /// its non-empty lines or it has a numbered short-drama heading and no Fountain heading.
    /// Else Fountain. Read from the script's first ``detectionLines`` lines: a script shows
    /// its format from its start, and a 20 MB script is not classified line by line twice.
    public static func detect(_ text: String) -> ScriptFormat {
        let lines = ShortDrama.lines(Self.opening(of: text))
        var drama = 0, fountain = 0, total = 0, numberedHeadings = 0, fountainHeadings = 0
        // Each line is classified once: a line's class is also its predecessor's `after`.
        var classified: (index: Int, kind: ShortDramaLine)?
        func classify(at i: Int) -> ShortDramaLine {
            if let classified, classified.index == i { return classified.kind }
            let kind = ShortDramaLine.classify(lines[i])
            classified = (i, kind)
            return kind
        }
        for (i, line) in lines.enumerated() {
            let trimmed = ShortDramaText.trim(line)
            guard !trimmed.isEmpty else { continue }
            let kind = classify(at: i)
            if case .field = kind { continue }
            total += 1
            if let heading = FountainLook.heading(trimmed) {
                fountain += 1
                if heading { fountainHeadings += 1 }
                continue
            }
            let before = i == 0 || ShortDramaText.trim(lines[i - 1]).isEmpty
            let after = i + 1 < lines.count ? classify(at: i + 1) : .blank
            if before, FountainLook.chineseCue(trimmed), case .action(_, marked: false) = after {
                fountain += 1
                continue
            }
            switch kind {
            case .heading(let h):
                if h.number != nil {
                    drama += 1
                    numberedHeadings += 1
                }
            case .speech(let name, _, _):
                if name.contains(where: \.isCJK) || trimmed.contains("：") { drama += 1 }
            case .action(_, marked: true), .cast, .caption, .episode, .note, .transition:
                drama += 1
            case .action, .blank, .field:
                break
            }
        }
        guard drama > fountain else { return .fountain }
        if drama * 2 >= total || (numberedHeadings > 0 && fountainHeadings == 0) { return .shortDrama }
        return .fountain
    }
}

/// Lines that only Fountain writes.
enum FountainLook {
    /// True for a Fountain heading (`INT.`, `.forced`), false for another Fountain-only line
    /// (`@cue`, `> transition`, an upper-case cue, `Title:`), nil for anything else.
    static func heading(_ line: Substring) -> Bool? {
        let upper = line.prefix(8).uppercased()
        for prefix in ["INT.", "EXT.", "INT ", "EXT ", "EST.", "EST ", "INT/EXT", "I/E", "INT./EXT"] where upper.hasPrefix(prefix) {
            return true
        }
        if line.first == ".", line.dropFirst().first.map({ $0 != "." && !$0.isWhitespace }) == true { return true }
        if line.first == "@" || line.first == ">" { return false }
        if line.count <= 40, line.contains(where: { $0.isASCII && $0.isUppercase }),
           line.allSatisfy({ $0.isASCII && !$0.isLowercase }) { return false }
        for key in ["Title:", "Credit:", "Author:", "Authors:", "Source:", "Draft date:", "Contact:"] where line.hasPrefix(key) {
            return false
        }
        return nil
    }

    /// `林晓` or `林晓（画外音）` alone on a line: a Chinese Fountain cue when words follow.
    static func chineseCue(_ line: Substring) -> Bool {
        var name = line
        if let open = name.firstIndex(where: { $0 == "(" || $0 == "（" }), name.last == ")" || name.last == "）" {
            name = name[..<open]
        }
        return (1...6).contains(name.count) && name.allSatisfy { $0.isCJK && $0.isLetter || $0 == "·" }
    }
}

extension ScriptFormat {
    /// How many lines ``detect(_:)`` reads.
    public static let detectionLines = 4000

    /// The text up to its ``detectionLines``-th line break (all of it when shorter).
    static func opening(of text: String) -> Substring {
        var breaks = 0
        var end = text.utf8.endIndex
        for i in text.utf8.indices where text.utf8[i] == UInt8(ascii: "\n") {
            breaks += 1
            if breaks == detectionLines { end = i; break }
        }
        return text[..<end]
    }
}
