import Foundation
import ReelModel

/// A clip connected to the storyline: its lane and where it starts in the film.
struct ConnectedItem {
    var lane: Int
    var start: RationalTime
    var clip: Clip
    var isCaption: Bool
}

extension FCPXMLDocument {
    /// Sound below the storyline (lanes -1, -2… in track order), captions above (1, 2…).
    func connectedItems() -> [ConnectedItem] {
        var items: [ConnectedItem] = []
        for (i, track) in timeline.tracks(.audio).enumerated() {
            items += track.placedClips.map { ConnectedItem(lane: -(i + 1), start: $0.start, clip: $0.clip, isCaption: false) }
        }
        for (i, track) in timeline.tracks(.subtitle).enumerated() {
            items += track.placedClips.map { ConnectedItem(lane: i + 1, start: $0.start, clip: $0.clip, isCaption: true) }
        }
        return items.sorted { ($0.start, $0.lane) < ($1.start, $1.lane) }
    }

    mutating func spineItem(_ item: TrackItem, at start: RationalTime, track: Track, attached: [ConnectedItem],
                            indent: String) -> String {
        var out: String
        var localStart = RationalTime.zero
        switch item {
        case .clip(let clip):
            localStart = clip.sourceRange.start
            out = indent + "<asset-clip ref=\"\(assets[clip.media?.path ?? ""] ?? "r1")\" offset=\"\(t(start))\" "
                + "name=\"\(x(clip.name))\" start=\"\(t(clip.sourceRange.start))\" duration=\"\(t(clip.sourceRange.duration))\">\n"
            if let prompt = clip.metadata["prompt"]?.stringValue { out += indent + "  <note>\(x(prompt))</note>\n" }
        case .gap(let d):
            out = indent + "<gap name=\"Gap\" offset=\"\(t(start))\" start=\"0s\" duration=\"\(t(d))\">\n"
        }
        for c in attached {
            // A connected clip's offset is in its parent's own time.
            let offset = localStart + (c.start - start)
            out += c.isCaption ? caption(c, offset: offset, indent: indent + "  ") : audio(c, offset: offset, indent: indent + "  ")
        }
        for marker in track.markers where !(marker.range.start < start) && marker.range.start < start + item.duration {
            let value = marker.note.isEmpty ? marker.name : "\(marker.name): \(marker.note)"
            out += indent + "  <marker start=\"\(t(localStart + marker.range.start - start))\" "
                + "duration=\"\(t(marker.range.duration))\" value=\"\(x(value))\"/>\n"
        }
        if case .clip(let clip) = item { out += metadata(clip, indent: indent + "  ") }
        out += indent + (item.isGap ? "</gap>\n" : "</asset-clip>\n")
        return out
    }

    func audio(_ c: ConnectedItem, offset: RationalTime, indent: String) -> String {
        let ref = assets[c.clip.media?.path ?? ""] ?? "r1"
        var out = indent + "<asset-clip ref=\"\(ref)\" lane=\"\(c.lane)\" offset=\"\(t(offset))\" name=\"\(x(c.clip.name))\" "
            + "start=\"\(t(c.clip.sourceRange.start))\" duration=\"\(t(c.clip.sourceRange.duration))\" audioRole=\"\(role(c.clip))\""
        let meta = metadata(c.clip, indent: indent + "  ")
        if meta.isEmpty { return out + "/>\n" }
        out += ">\n" + meta + indent + "</asset-clip>\n"
        return out
    }

    mutating func caption(_ c: ConnectedItem, offset: RationalTime, indent: String) -> String {
        styles += 1
        let id = "ts\(styles)"
        let language = timeline.metadata["language"]?.stringValue == "zh" ? "zh" : "en"
        let text = c.clip.text ?? c.clip.name
        return indent + "<caption lane=\"\(c.lane)\" offset=\"\(t(offset))\" name=\"\(x(text.replacingOccurrences(of: "\n", with: " ")))\" "
            + "start=\"0s\" duration=\"\(t(c.clip.sourceRange.duration))\" role=\"SRT?captionFormat=SRT.\(language)\">\n"
            + indent + "  <text placement=\"bottom\"><text-style ref=\"\(id)\">\(x(text))</text-style></text>\n"
            + indent + "  <text-style-def id=\"\(id)\"><text-style font=\"Helvetica\" fontSize=\"13\" fontColor=\"1 1 1 1\" "
            + "backgroundColor=\"0 0 0 1\"/></text-style-def>\n"
            + indent + "</caption>\n"
    }

    /// Final Cut's built-in audio roles: dialogue, music, effects.
    func role(_ clip: Clip) -> String {
        switch clip.metadata["role"]?.stringValue {
        case "music": "music"
        case "effects": "effects"
        default: "dialogue"
        }
    }

    /// Reel's facts as `md` entries, keys sorted.
    func metadata(_ clip: Clip, indent: String) -> String {
        let keys = clip.metadata.keys.sorted().filter { clip.metadata[$0]?.stringValue != nil || clip.metadata[$0]?.intValue != nil }
        guard !keys.isEmpty else { return "" }
        var out = indent + "<metadata>\n"
        for key in keys {
            let value = clip.metadata[key]!.stringValue ?? clip.metadata[key]!.intValue.map(String.init) ?? ""
            out += indent + "  <md key=\"com.reel.\(x(key))\" value=\"\(x(value))\"/>\n"
        }
        return out + indent + "</metadata>\n"
    }
}

extension TrackItem {
    var isGap: Bool { if case .gap = self { true } else { false } }
}
