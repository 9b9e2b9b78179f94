import Foundation

/// A row of a timeline: items one after another (clips and gaps), and markers.
///
/// Items never overlap on a track; sounds that overlap (music cues that cross-fade, a
/// line that runs into the next) go on lanes of their own, as editors lay them out
/// (see ``Track/lanes(name:kind:placing:)``).
public struct Track: Hashable, Sendable, Codable {
    /// What the track carries: picture, sound or subtitles (``Timeline/tracks(_:)`` picks by it).
    public enum Kind: String, Hashable, Sendable, Codable {
        case video
        case audio
        case subtitle
    }

    public var name: String
    public var kind: Kind
    public var items: [TrackItem]
    /// Markers in the track's time (from the start of the film).
    public var markers: [Marker]

    public init(name: String, kind: Kind, items: [TrackItem] = [], markers: [Marker] = []) {
        self.name = name
        self.kind = kind
        self.items = items
        self.markers = markers
    }

    /// The end of the last item.
    public var duration: RationalTime { items.reduce(RationalTime.zero) { $0 + $1.duration } }

    /// Each item with where it starts on the track.
    public var placed: [(start: RationalTime, item: TrackItem)] {
        var t = RationalTime.zero
        return items.map { item in
            defer { t = t + item.duration }
            return (t, item)
        }
    }

    /// Only the clips, with where each starts.
    public var placedClips: [(start: RationalTime, clip: Clip)] {
        placed.compactMap { p in
            if case .clip(let c) = p.item { (p.start, c) } else { nil }
        }
    }

    /// Appends `clip` at `start`, with a gap before it when it does not follow on.
    /// Returns false (and appends nothing) when `start` is before the track's end.
    @discardableResult
    public mutating func append(_ clip: Clip, at start: RationalTime) -> Bool {
        let end = duration
        guard !(start < end) else { return false }
        if end < start { items.append(.gap(start - end)) }
        items.append(.clip(clip))
        return true
    }

    /// Tracks for clips placed at absolute times: each clip goes on the first lane where
    /// it fits, so overlapping clips never share a track. Lanes after the first are named
    /// `name 2`, `name 3`… At least one (possibly empty) track is returned.
    public static func lanes(name: String, kind: Kind, placing clips: [(start: RationalTime, clip: Clip)]) -> [Track] {
        var lanes = [Track(name: name, kind: kind)]
        for (start, clip) in clips.sorted(by: { $0.start < $1.start }) {
            if let i = lanes.indices.first(where: { !(start < lanes[$0].duration) }) {
                lanes[i].append(clip, at: start)
            } else {
                var lane = Track(name: "\(name) \(lanes.count + 1)", kind: kind)
                lane.append(clip, at: start)
                lanes.append(lane)
            }
        }
        return lanes
    }
}

/// What a track holds: a clip, or a stretch of nothing.
public enum TrackItem: Hashable, Sendable, Codable {
    case clip(Clip)
    case gap(RationalTime)

    public var duration: RationalTime {
        switch self {
        case .clip(let c): c.sourceRange.duration
        case .gap(let d): d
        }
    }
}

/// A named point or span on a track: a shot without a usable take, a held frame.
public struct Marker: Hashable, Sendable, Codable {
    /// A marker's colour, spelled as OpenTimelineIO spells it. Reel marks a shot without a
    /// usable take red and a held frame yellow.
    public enum Color: String, Hashable, Sendable, Codable {
        case red = "RED"
        case yellow = "YELLOW"
        case green = "GREEN"
    }

    public var name: String
    /// From the start of the film.
    public var range: TimeRange
    public var color: Color
    /// What to do about it.
    public var note: String
    public var metadata: [String: JSONValue]

    public init(name: String, range: TimeRange, color: Color = .red, note: String = "", metadata: [String: JSONValue] = [:]) {
        self.name = name
        self.range = range
        self.color = color
        self.note = note
        self.metadata = metadata
    }
}
