import Foundation
import ReelModel

/// Writes a timeline as OpenTimelineIO JSON (`.otio`), the schema version the
/// `opentimelineio` 0.17+ library reads: `Timeline.1`, `Stack.1`, `Track.1`, `Clip.2`,
/// `Gap.1`, `Marker.2`, `ExternalReference.1`, `MissingReference.1`.
///
/// Every time is a whole number of frames at the timeline's rate (`RationalTime.1` with
/// `rate` 24.0, 23.976023976023978…). Reel's facts go under `metadata.reel`. Subtitles are
/// a track of kind `Subtitle` whose clips have no media and carry their text. A held last
/// frame is the clip's available range followed by a gap and a yellow marker.
public enum OTIOWriter {
    public static func otio(_ timeline: Timeline) -> String {
        PrettyJSON.string(document(timeline))
    }

    static func document(_ t: Timeline) -> JSONValue {
        var reel = t.metadata
        reel["schema"] = .string(Timeline.schema)
        reel["version"] = .int(Int64(Timeline.version))
        reel["width"] = .int(Int64(t.format.width))
        reel["height"] = .int(Int64(t.format.height))
        reel["frame_rate"] = .string(t.rate.description)
        return [
            "OTIO_SCHEMA": "Timeline.1",
            "name": .string(t.name),
            "global_start_time": time(0, t.rate),
            "metadata": ["reel": .object(reel)],
            "tracks": [
                "OTIO_SCHEMA": "Stack.1",
                "name": "tracks",
                "children": .array(t.tracks.map { track($0, rate: t.rate) }),
                "source_range": .null,
                "effects": [],
                "markers": [],
                "metadata": [:],
                "enabled": true,
            ],
        ]
    }

    static func track(_ track: Track, rate: FrameRate) -> JSONValue {
        let kind: JSONValue = switch track.kind {
        case .video: "Video"
        case .audio: "Audio"
        case .subtitle: "Subtitle"
        }
        return [
            "OTIO_SCHEMA": "Track.1",
            "name": .string(track.name),
            "kind": kind,
            "children": .array(track.items.map { item($0, rate: rate) }),
            "source_range": .null,
            "effects": [],
            "markers": .array(track.markers.map { marker($0, rate: rate) }),
            "metadata": [:],
            "enabled": true,
        ]
    }

    static func item(_ item: TrackItem, rate: FrameRate) -> JSONValue {
        switch item {
        case .gap(let d):
            return ["OTIO_SCHEMA": "Gap.1", "name": "", "source_range": range(TimeRange(start: .zero, duration: d), rate),
                    "effects": [], "markers": [], "metadata": [:], "enabled": true]
        case .clip(let c):
            var reel = c.metadata
            if let text = c.text { reel["text"] = .string(text) }
            if c.heldFrames > 0 { reel["held_frames"] = .int(c.heldFrames) }
            return ["OTIO_SCHEMA": "Clip.2", "name": .string(c.name), "source_range": range(c.sourceRange, rate),
                    "media_references": ["DEFAULT_MEDIA": reference(c.media, rate: rate)],
                    "active_media_reference_key": "DEFAULT_MEDIA",
                    "effects": [], "markers": [], "metadata": ["reel": .object(reel)], "enabled": true]
        }
    }

    static func reference(_ media: MediaReference?, rate: FrameRate) -> JSONValue {
        guard let media else {
            return ["OTIO_SCHEMA": "MissingReference.1", "name": "", "available_range": .null,
                    "available_image_bounds": .null, "metadata": [:]]
        }
        var reel: [String: JSONValue] = ["media_type": .string(media.mediaType)]
        if let digest = media.digest { reel["sha256"] = .string(digest) }
        return ["OTIO_SCHEMA": "ExternalReference.1", "name": .string(media.fileName), "target_url": .string(media.path),
                "available_range": media.availableRange.map { range($0, rate) } ?? .null,
                "available_image_bounds": .null, "metadata": ["reel": .object(reel)]]
    }

    static func marker(_ m: Marker, rate: FrameRate) -> JSONValue {
        ["OTIO_SCHEMA": "Marker.2", "name": .string(m.name), "color": .string(m.color.rawValue),
         "marked_range": range(m.range, rate), "comment": .string(m.note), "metadata": ["reel": .object(m.metadata)]]
    }

    static func range(_ r: TimeRange, _ rate: FrameRate) -> JSONValue {
        ["OTIO_SCHEMA": "TimeRange.1", "start_time": time(rate.frames(in: r.start), rate),
         "duration": time(rate.frames(in: r.duration), rate)]
    }

    static func time(_ frames: Int64, _ rate: FrameRate) -> JSONValue {
        ["OTIO_SCHEMA": "RationalTime.1", "rate": .double(rate.framesPerSecond), "value": .double(Double(frames))]
    }
}
