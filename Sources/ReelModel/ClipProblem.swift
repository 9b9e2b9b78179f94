import Foundation

/// One thing wrong with a clip: what kind, when, and how much.
///
/// ```swift
/// ClipProblem(kind: .black, range: .between(0, 1.04), measure: 16.2, unit: .luma,
///             summary: "the picture is black (mean luma 16)")
/// ```
public struct ClipProblem: Hashable, Sendable, Codable {
    /// The kinds of problem a clip's quality check finds.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Black or nearly black frames (≥ 0.2 s).
        case black
        /// The picture stops moving (≥ 0.5 s of identical frames).
        case frozen
        /// A few frames much brighter or darker than those around them.
        case flash
        /// The brightness pumps up and down, frame after frame.
        case flicker
        /// A cut to another picture inside what should be one shot.
        case cut
        /// The clip is longer or shorter than asked.
        case duration
        /// The clip's frame size is not the one asked for.
        case size
        /// Pixels are not square, so the picture is shown stretched.
        case aspect
        /// Black bars above and below the picture.
        case letterbox
        /// Black bars left and right of the picture.
        case pillarbox
        /// Silence where speech is expected.
        case silence
        /// Speech is expected but the clip has no sound at all.
        case noAudio = "no-audio"
        /// The sound is too quiet or too loud.
        case loudness
        /// The file cannot be read as a video at all (a take's check; `reel check` says so as an error).
        case unreadable
        /// The take nearly repeats an earlier take of its shot (``VideoSignature``): found where
        /// a shot's takes are read side by side, never by checking one clip.
        case duplicate

        /// True for problems of a stretch of the clip (black, frozen, flash, flicker, cut,
        /// silence), false for problems of the whole (length, size, sound, unreadable).
        public var isMoment: Bool { [.black, .frozen, .flash, .flicker, .cut, .silence].contains(self) }
    }

    /// What ``ClipProblem/measure`` counts.
    public enum Unit: String, Hashable, Sendable, Codable {
        /// Mean luma, 0–255.
        case luma
        /// Mean absolute difference, 0–255: between frames, or between two takes (a duplicate).
        case difference
        /// ffmpeg's scene-change score, 0–100.
        case score
        case seconds
        /// Width divided by height.
        case ratio
        /// A share of the picture, 0–100.
        case percent
        case lufs = "LUFS"
    }

    public var kind: Kind
    /// When it happens; the whole clip for problems of the whole clip.
    public var range: TimeRange
    /// How bad it is, in ``unit``.
    public var measure: Double
    public var unit: Unit
    /// One sentence for people: `the picture is black (mean luma 16)`.
    public var summary: String

    public init(kind: Kind, range: TimeRange, measure: Double, unit: Unit, summary: String) {
        self.kind = kind
        self.range = range
        self.measure = (measure * 1000).rounded() / 1000
        self.unit = unit
        self.summary = summary
    }
}

extension TimeRange {
    /// The range from `start` to `end` seconds, to the millisecond.
    public static func between(_ start: Double, _ end: Double) -> TimeRange {
        let a = Int64((max(0, start) * 1000).rounded()), b = Int64((max(0, end) * 1000).rounded())
        return TimeRange(start: .milliseconds(a), duration: .milliseconds(max(0, b - a)))
    }
}
