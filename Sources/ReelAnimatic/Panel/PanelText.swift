import Foundation
import ReelModel

/// Text measurement and line breaking without a font engine: widths are estimated per
/// character (a little generously) so that labels never overflow their boxes.
enum PanelText {
    /// Estimated advance of `text` at `size` pixels.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for ch in text { em += advance(ch) }
        return em * size * (bold ? 1.06 : 1)
    }

    /// Advance of one character in ems, for Noto Sans CJK / DejaVu Sans.
    static func advance(_ ch: Character) -> Double {
        if ch.isCJK || isWide(ch) { return 1.0 }
        switch ch {
        case " ": return 0.3
        case "i", "j", "l", "I", "'", "|", ".", ",", ":", ";", "!", "·": return 0.3
        case "f", "t", "r", "(", ")", "[", "]", "-": return 0.4
        case "m", "w", "M", "W", "…", "@": return 0.9
        case "A"..."Z": return 0.7
        case "0"..."9": return 0.6
        default: return 0.58
        }
    }

    /// Breaks `text` into lines no wider than `maxWidth`: between words for Latin scripts,
    /// between any two characters for CJK (keeping closing punctuation with the character
    /// before it). At most `maxLines`; the last kept line ends with `…` if text was cut.
    static func wrap(_ text: String, size: Double, maxWidth: Double, maxLines: Int, bold: Bool = false) -> [String] {
        let clean = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        var lines: [String] = []
        var line = ""
        for token in tokens(clean) {
            let candidate = line + token
            if line.isEmpty || width(trimmedEnd(candidate), size: size, bold: bold) <= maxWidth {
                line = candidate
                // A single token wider than the line is broken by characters.
                while width(trimmedEnd(line), size: size, bold: bold) > maxWidth, line.count > 1 {
                    var head = ""
                    for ch in line {
                        if width(head + String(ch), size: size, bold: bold) > maxWidth { break }
                        head.append(ch)
                    }
                    if head.isEmpty { head = String(line.first!) }
                    lines.append(trimmedEnd(head))
                    line = String(line.dropFirst(head.count))
                }
            } else {
                lines.append(trimmedEnd(line))
                line = token.drop(while: { $0 == " " }).description
            }
        }
        if !trimmedEnd(line).isEmpty { lines.append(trimmedEnd(line)) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = ellipsized(kept[maxLines - 1], size: size, maxWidth: maxWidth, bold: bold)
        return kept
    }

    /// `text` shortened until `text…` fits in `maxWidth`.
    static func ellipsized(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> String {
        var t = trimmedEnd(text)
        while !t.isEmpty, width(t + "…", size: size, bold: bold) > maxWidth {
            t.removeLast()
            t = trimmedEnd(t)
        }
        return t + "…"
    }

    /// `text` as it fits on one line of `maxWidth`, with `…` if cut.
    static func fitted(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> String {
        width(text, size: size, bold: bold) <= maxWidth ? text : ellipsized(text, size: size, maxWidth: maxWidth, bold: bold)
    }

    /// Words with their trailing spaces; CJK characters one by one, closing punctuation
    /// attached to the character before it.
    private static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(word) }
            word = ""
        }
        for ch in text {
            let pendingOpening = word.count == 1 && opening.contains(word.first!)
            if closing.contains(ch) {
                // Closing punctuation stays with what it closes, in any script.
                if !word.isEmpty { word.append(ch) } else if !out.isEmpty { out[out.count - 1].append(ch) } else { word = String(ch) }
            } else if opening.contains(ch) {
                if !pendingOpening { flush() }
                word.append(ch)
            } else if ch.isCJK || isWide(ch) {
                if pendingOpening {
                    word.append(ch)
                    flush()
                } else {
                    flush()
                    out.append(String(ch))
                }
            } else if ch == " " {
                word.append(ch)
                flush()
            } else {
                if let last = word.last, last.isCJK || isWide(last), !pendingOpening { flush() }
                word.append(ch)
            }
        }
        flush()
        return out
    }

    private static let closing: Set<Character> = ["，", "。", "、", "！", "？", "：", "；", "）", "」", "』", "》",
                                                  "”", "’", "…", ",", ".", "!", "?", ")", "—"]
    private static let opening: Set<Character> = ["（", "「", "『", "《", "“", "‘"]

    private static func isWide(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
    }

    private static func trimmedEnd(_ s: String) -> String {
        var t = s
        while t.last == " " { t.removeLast() }
        return t
    }
}
