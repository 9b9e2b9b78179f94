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

    /// The cues with no two on screen at once: where cues overlap (dual dialogue, two
    /// people speaking together) each stretch of time becomes one cue whose lines are
    /// stacked in reading order, the cue that started first (or came first) on top.
    /// Players and renderers stack overlapping cues as they please, often the later one
    /// on top; one cue leaves no doubt.
    public static func stacked(_ cues: [SubtitleCue]) -> [SubtitleCue] {
        let ordered = cues.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
            .map(\.element).filter { $0.end > $0.start }
        let bounds = Set(ordered.flatMap { [$0.start, $0.end] }).sorted()
        var out: [SubtitleCue] = []
        for (a, b) in zip(bounds, bounds.dropFirst()) {
            let on = ordered.filter { $0.start <= a && $0.end >= b }
            guard !on.isEmpty else { continue }
            let text = on.map(\.text).joined(separator: "\n")
            if let last = out.last, last.end == a, last.text == text {
                out[out.count - 1].end = b
            } else {
                out.append(SubtitleCue(start: a, end: b, text: text, speaker: on.count == 1 ? on[0].speaker : nil))
            }
        }
        return out
    }
}
