import Foundation
import ReelModel

/// Breaks spoken lines into subtitle cues that can be read: at most ``maxLines`` balanced
/// lines, each short enough to read, on screen for at least ``minDuration``, never a word
/// left alone on a line or in a cue of its own.
///
/// Latin text breaks between words; Chinese (and other CJK text) between characters, at
/// punctuation where it can, and punctuation never starts a line. Where a line must be
/// split, a sentence end is preferred, then a clause mark, then the most even split.
///
/// ```swift
/// SubtitleLayout(maxLineWidth: 42).split("Working. Twelve years of night shifts. What are you doing here?")
/// // ["Working. Twelve years of night shifts.\nWhat are you doing here?"]
/// ```
public struct SubtitleLayout: Hashable, Sendable {
    /// Characters per line for Latin text; a CJK character counts as two.
    public var maxLineWidth: Int
    /// CJK characters per line, whatever ``maxLineWidth`` allows (16 is the usual norm).
    public var maxCJKCharacters: Int
    public var maxLines: Int
    /// The shortest time a cue stays on screen, when the line lasts long enough to allow it.
    public var minDuration: RationalTime

    public init(maxLineWidth: Int, maxLines: Int = 2, maxCJKCharacters: Int = 16,
                minDuration: RationalTime = .seconds(1)) {
        self.maxLineWidth = maxLineWidth
        self.maxLines = maxLines
        self.maxCJKCharacters = maxCJKCharacters
        self.minDuration = minDuration
    }

    /// Narrower lines for vertical video.
    public init(format: VideoFormat) {
        switch format.aspect {
        case .vertical: self.init(maxLineWidth: 30)
        case .square: self.init(maxLineWidth: 36)
        case .landscape: self.init(maxLineWidth: 42)
        }
    }

    /// Cues for `text` spoken from `start` for `duration`: as few cues as the text needs,
    /// each given time in proportion to its length but never less than ``minDuration``
    /// (when the line lasts that long), frame-exact at `rate`.
    public func cues(for text: String, start: RationalTime, duration: RationalTime, rate: FrameRate,
                     speaker: String? = nil) -> [SubtitleCue] {
        let chunks = split(text)
        guard !chunks.isEmpty else { return [] }
        let startFrame = rate.frames(in: start)
        let frames = max(Int64(chunks.count), rate.frames(in: duration))
        let lengths = SubtitleLayout.share(frames, weights: chunks.map { max(1, SubtitleLayout.width($0)) },
                                           minimum: rate.frames(in: minDuration))
        var cues: [SubtitleCue] = []
        var used: Int64 = 0
        for (chunk, length) in zip(chunks, lengths) {
            cues.append(SubtitleCue(start: rate.time(frames: startFrame + used),
                                    end: rate.time(frames: startFrame + used + length), text: chunk, speaker: speaker))
            used += length
        }
        return cues
    }

    /// The text of each cue, its lines separated by `\n`.
    public func split(_ text: String) -> [String] {
        let pieces = SubtitleLayout.pieces(text)
        guard !pieces.isEmpty else { return [] }
        let metrics = Metrics(pieces)
        let capacity = maxLineWidth * maxLines + maxLines
        let segments = partition(pieces, maxParts: pieces.count, weight: 12) { range in
            (range.count == 1 || metrics.width(range) <= capacity) && lineBreaks(pieces, range) != nil
        }
        return segments.map { range in
            (lineBreaks(pieces, range) ?? [range]).map { SubtitleLayout.join(pieces[$0]) }.joined(separator: "\n")
        }
    }

    /// Wraps text into balanced lines that fit ``maxLineWidth`` (as many as it takes).
    public func wrap(_ text: String) -> [String] {
        let pieces = SubtitleLayout.pieces(text)
        guard !pieces.isEmpty else { return [] }
        let metrics = Metrics(pieces)
        return partition(pieces, maxParts: pieces.count, weight: 5) { fits(metrics, $0) }
            .map { SubtitleLayout.join(pieces[$0]) }
    }

    /// The lines of one cue: as few as fit, at most ``maxLines``; nil when they cannot.
    func lineBreaks(_ pieces: [Piece], _ range: Range<Int>) -> [Range<Int>]? {
        let part = Array(pieces[range])
        let metrics = Metrics(part)
        let lines = partition(part, maxParts: maxLines, weight: 5) { fits(metrics, $0) }
        guard !lines.isEmpty else { return nil }
        return lines.map { ($0.lowerBound + range.lowerBound)..<($0.upperBound + range.lowerBound) }
    }

    /// Whether pieces `range` fit on one line; a single piece always does (it cannot break).
    func fits(_ metrics: Metrics, _ range: Range<Int>) -> Bool {
        range.count == 1 || (metrics.width(range) <= maxLineWidth && metrics.cjk(range) <= maxCJKCharacters)
    }

    /// Frames for each part: in proportion to `weights`, summing to `total`, each at least
    /// `minimum` when the total allows.
    static func share(_ total: Int64, weights: [Int], minimum: Int64) -> [Int64] {
        let n = weights.count
        var floored = Set<Int>()
        if total >= minimum * Int64(n) {
            // Raise short parts to the minimum and share what is left among the others.
            while true {
                let rest = total - minimum * Int64(floored.count)
                let sum = weights.indices.filter { !floored.contains($0) }.reduce(0) { $0 + weights[$1] }
                let short = weights.indices.filter {
                    !floored.contains($0) && Int64(weights[$0]) * rest < minimum * Int64(sum)
                }
                if short.isEmpty { break }
                floored.formUnion(short)
            }
        }
        let rest = total - minimum * Int64(floored.count)
        let sum = Int64(weights.indices.filter { !floored.contains($0) }.reduce(0) { $0 + weights[$1] })
        var out: [Int64] = []
        var acc: Int64 = 0
        var given: Int64 = 0
        for i in 0..<n {
            if floored.contains(i) { out.append(minimum); continue }
            acc += Int64(weights[i])
            let end = sum == 0 ? rest : rest * acc / sum
            out.append(end - given)
            given = end
        }
        return out
    }
}
