import Foundation

/// An edit of a film: tracks of clips, gaps and markers over exact time at one frame rate.
///
/// It is what the exports write (OTIO, FCPXML, EDL, subtitles, Jianying drafts): the
/// picture from the picked takes with their source ranges, the dialogue, the music and
/// the subtitles, placed where the film render places them. Like OpenTimelineIO, a clip
/// may exist before its media does: a shot without a usable take is a gap with a marker.
///
/// ```swift
/// let t = Timeline(name: "Two Rooms", format: .default, tracks: [picture, dialogue])
/// t.duration            // the longest track
/// ```
public struct Timeline: Hashable, Sendable, Codable {
    public static let schema = "reel.timeline"
    public static let version = 1

    public var schema: String
    public var version: Int
    public var name: String
    /// Picture size and the rate every time in the timeline is a whole number of frames at.
    public var format: VideoFormat
    /// Bottom to top: picture first, then sound, then subtitles.
    public var tracks: [Track]
    /// Facts about the film the exports carry under a `reel` key (title, language, script).
    public var metadata: [String: JSONValue]

    public init(name: String, format: VideoFormat, tracks: [Track], metadata: [String: JSONValue] = [:]) {
        self.schema = Timeline.schema
        self.version = Timeline.version
        self.name = name
        self.format = format
        self.tracks = tracks
        self.metadata = metadata
    }

    public var rate: FrameRate { format.frameRate }

    /// The length of the longest track.
    public var duration: RationalTime {
        tracks.map(\.duration).max() ?? .zero
    }

    /// The tracks of one kind, in order.
    public func tracks(_ kind: Track.Kind) -> [Track] { tracks.filter { $0.kind == kind } }

    /// Whole frames at the timeline's rate.
    public func frames(_ time: RationalTime) -> Int64 { rate.frames(in: time) }

    /// Every media file the timeline refers to, once each, in order of first use.
    public var mediaReferences: [MediaReference] {
        var seen = Set<String>()
        var out: [MediaReference] = []
        for track in tracks {
            for case .clip(let clip) in track.items {
                guard let media = clip.media, seen.insert(media.path).inserted else { continue }
                out.append(media)
            }
        }
        return out
    }

    /// The same timeline with every media path passed through `transform` (bundling,
    /// making paths relative to where the export is written).
    public func mapMedia(_ transform: (MediaReference) throws -> MediaReference) rethrows -> Timeline {
        var copy = self
        for t in copy.tracks.indices {
            for i in copy.tracks[t].items.indices {
                guard case .clip(var clip) = copy.tracks[t].items[i], let media = clip.media else { continue }
                clip.media = try transform(media)
                copy.tracks[t].items[i] = .clip(clip)
            }
        }
        return copy
    }
}
