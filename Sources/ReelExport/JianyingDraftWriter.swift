import Foundation
import ReelModel

/// Writes a timeline as a Jianying / CapCut draft: `draft_content.json` and
/// `draft_meta_info.json`, laid out as the open tools write them (the `pyJianYingDraft`
/// package's template, app version 5.9). Put the folder in Jianying's drafts directory
/// and it opens with the picture, dialogue, music and subtitle tracks in place.
///
/// Times are whole microseconds, rounded from frame boundaries so segments that touch in
/// the timeline touch in the draft. Media paths are written as given (Jianying wants
/// absolute paths; the studio bundles the files into the draft's `materials/`). A shot
/// without a usable take is a text note on a track of its own, since drafts have no
/// markers. Ids are derived from the title and a counter, so the same timeline always
/// gives the same draft.
public enum JianyingDraftWriter {
    /// The two JSON files by name.
    /// - Parameters:
    ///   - folder: where the draft folder will be, as the machine that opens it writes paths.
    ///   - root: the drafts folder it is in (nil: `folder`'s parent, split at `/`).
    public static func draft(_ timeline: Timeline, folder: String = "", root: String? = nil) -> [String: String] {
        var d = JianyingDraft(timeline: timeline)
        let content = d.content()
        return ["draft_content.json": PrettyJSON.string(content),
                "draft_meta_info.json": PrettyJSON.string(d.meta(folder: folder, root: root ?? (folder as NSString).deletingLastPathComponent))]
    }

    /// Microseconds at frame `frames`, rounded to the nearest.
    public static func microseconds(_ frames: Int64, _ rate: FrameRate) -> Int64 {
        let n = frames * Int64(rate.denominator) * 1_000_000
        return (2 * n + Int64(rate.numerator)) / (2 * Int64(rate.numerator))
    }
}

/// The state of one draft write: ids handed out in order, materials collected.
struct JianyingDraft {
    let timeline: Timeline
    var counter: UInt64 = 0
    let seed: UInt64
    var videos: [JSONValue] = []
    var audios: [JSONValue] = []
    var texts: [JSONValue] = []
    var speeds: [JSONValue] = []
    var materialIDs: [String: String] = [:]
    var renderIndex = 0

    init(timeline: Timeline) {
        self.timeline = timeline
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in timeline.name.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        seed = h
    }

    var rate: FrameRate { timeline.rate }

    mutating func nextID() -> String {
        counter += 1
        return String(format: "%08X-%04X-4%03X-8%03X-%012llX", UInt32(truncatingIfNeeded: seed >> 32),
                      UInt16(truncatingIfNeeded: seed >> 16), UInt16(truncatingIfNeeded: seed) & 0xfff,
                      UInt16(truncatingIfNeeded: counter >> 48) & 0xfff, counter & 0xffff_ffff_ffff)
    }

    func us(_ time: RationalTime) -> Int64 { JianyingDraftWriter.microseconds(rate.frames(in: time), rate) }

    /// `{start, duration}` in microseconds from frame boundaries, so neighbours touch exactly.
    func range(_ start: RationalTime, _ duration: RationalTime) -> JSONValue {
        let a = us(start), b = us(start + duration)
        return ["start": .int(a), "duration": .int(b - a)]
    }

    mutating func content() -> JSONValue {
        var tracks: [JSONValue] = []
        for track in timeline.tracks {
            switch track.kind {
            case .video: tracks.append(mediaTrack(track, type: "video"))
            case .audio: tracks.append(mediaTrack(track, type: "audio"))
            case .subtitle: tracks.append(textTrack(track.name, track.placedClips.map { ($0.start, $0.clip.sourceRange.duration, $0.clip.text ?? $0.clip.name) }, y: -0.8))
            }
        }
        let notes = timeline.tracks(.video).flatMap(\.markers).map { m in
            (m.range.start, m.range.duration, m.note.isEmpty ? m.name : "\(m.name)\n\(m.note)")
        }
        if !notes.isEmpty { tracks.append(textTrack("notes", notes, y: 0)) }
        var doc = JianyingTemplate.content
        let f = timeline.format
        doc["canvas_config"] = ["width": .int(Int64(f.width)), "height": .int(Int64(f.height)), "ratio": "original"]
        doc["duration"] = .int(us(timeline.duration))
        doc["fps"] = .double(rate.framesPerSecond)
        doc["id"] = .string(nextID())
        doc["name"] = .string(timeline.name)
        var materials = JianyingTemplate.emptyMaterials
        materials["videos"] = .array(videos)
        materials["audios"] = .array(audios)
        materials["texts"] = .array(texts)
        materials["speeds"] = .array(speeds)
        doc["materials"] = .object(materials)
        doc["tracks"] = .array(tracks)
        doc["reel"] = .object(timeline.metadata.merging(["schema": .string(Timeline.schema)]) { a, _ in a })
        return .object(doc)
    }

    mutating func meta(folder: String, root: String) -> JSONValue {
        var meta = JianyingTemplate.meta
        meta["draft_id"] = .string(nextID())
        meta["draft_name"] = .string(timeline.name)
        meta["draft_fold_path"] = .string(folder)
        meta["draft_root_path"] = .string(root)
        meta["tm_duration"] = .int(us(timeline.duration))
        return .object(meta)
    }
}
