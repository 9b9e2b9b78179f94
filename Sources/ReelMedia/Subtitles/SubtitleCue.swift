import Foundation
import ReelModel

/// One subtitle on screen: text between two exact times.
public struct SubtitleCue: Hashable, Sendable, Codable {
    public var start: RationalTime
    public var end: RationalTime
    /// Already wrapped: lines separated by `\n`.
    public var text: String
    public var speaker: String?

    public init(start: RationalTime, end: RationalTime, text: String, speaker: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.speaker = speaker
    }
}

/// Breaks spoken lines into subtitle cues that fit the picture: at most two lines, each
/// short enough to read, Chinese wrapped by characters and English by words.
public struct SubtitleLayout: Hashable, Sendable {
    /// Characters per line for Latin text; CJK characters count double.
    public var maxLineWidth: Int
    public var maxLines: Int

    public init(maxLineWidth: Int, maxLines: Int = 2) {
        self.maxLineWidth = maxLineWidth
        self.maxLines = maxLines
    }

    /// Narrower lines for vertical video.
    public init(format: VideoFormat) {
        switch format.aspect {
        case .vertical: self.init(maxLineWidth: 30)
        case .square: self.init(maxLineWidth: 36)
        case .landscape: self.init(maxLineWidth: 42)
        }
    }

    /// Cues for `text` spoken from `start` for `duration`: split into as many cues as it
    /// takes, each given time in proportion to its length, frame-exact at `rate`.
    public func cues(for text: String, start: RationalTime, duration: RationalTime, rate: FrameRate,
                     speaker: String? = nil) -> [SubtitleCue] {
        let lines = wrap(text)
        guard !lines.isEmpty else { return [] }
        var chunks: [String] = []
        var i = 0
        while i < lines.count {
            chunks.append(lines[i..<min(lines.count, i + maxLines)].joined(separator: "\n"))
            i += maxLines
        }
        let weights = chunks.map { max(1, SubtitleLayout.width($0)) }
        let total = weights.reduce(0, +)
        let startFrame = rate.frames(in: start)
        let frames = max(Int64(chunks.count), rate.frames(in: duration))
        var cues: [SubtitleCue] = []
        var used: Int64 = 0
        var acc = 0
        for (chunk, weight) in zip(chunks, weights) {
            acc += weight
            let endFrame = frames * Int64(acc) / Int64(total)
            cues.append(SubtitleCue(start: rate.time(frames: startFrame + used), end: rate.time(frames: startFrame + endFrame),
                                    text: chunk, speaker: speaker))
            used = endFrame
        }
        return cues
    }

    /// Wraps text into lines no wider than ``maxLineWidth``.
    public func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for token in SubtitleLayout.tokens(text) {
            let w = SubtitleLayout.width(token)
            let isSpace = token == " "
            if isSpace && line.isEmpty { continue }
            if lineWidth + w > maxLineWidth, !line.isEmpty, !isSpace, !SubtitleLayout.isClosingPunctuation(token) {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = ""
                lineWidth = 0
            }
            line += token
            lineWidth += w
        }
        let last = line.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { lines.append(last) }
        return lines
    }

    /// Words, spaces and single CJK characters.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in text {
            if ch.isWhitespace {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(" ")
            } else if ch.isCJK {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(String(ch))
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    /// Display width: CJK characters are twice as wide as Latin ones.
    static func width(_ s: String) -> Int { s.reduce(0) { $0 + ($1.isCJK ? 2 : 1) } }

    /// Chinese punctuation that must not start a line.
    static func isClosingPunctuation(_ token: String) -> Bool {
        ["，", "。", "！", "？", "、", "；", "：", "”", "’", "）", "》", "…", ",", ".", "!", "?"].contains(token)
    }
}
