import Foundation
import ReelModel

extension JianyingDraft {
    /// A video or audio track: a segment per clip, each with its material and a speed.
    mutating func mediaTrack(_ track: Track, type: String) -> JSONValue {
        let index = renderIndex
        renderIndex += 1
        var segments: [JSONValue] = []
        for (start, clip) in track.placedClips {
            guard let media = clip.media else { continue }
            let material = self.material(media, type: type)
            let speed = nextID()
            speeds.append(["curve_speed": .null, "id": .string(speed), "mode": 0, "speed": 1.0, "type": "speed"])
            var segment = JianyingTemplate.segment
            segment["id"] = .string(nextID())
            segment["material_id"] = .string(material)
            segment["target_timerange"] = range(start, clip.sourceRange.duration)
            segment["source_timerange"] = range(clip.sourceRange.start, clip.sourceRange.duration)
            segment["extra_material_refs"] = [.string(speed)]
            segment["render_index"] = .int(Int64(index))
            segment["clip"] = type == "video" ? JianyingTemplate.clip(y: 0) : .null
            if type == "audio" { segment["hdr_settings"] = .null; segment["uniform_scale"] = nil }
            segment["reel"] = .object(clip.metadata)
            segments.append(.object(segment))
        }
        return trackJSON(track.name, type: type, segments: segments)
    }

    /// A text track: a text material and segment per line, `y` from -1 (bottom) to 1 (top).
    mutating func textTrack(_ name: String, _ lines: [(RationalTime, RationalTime, String)], y: Double) -> JSONValue {
        let index = renderIndex
        renderIndex += 1
        var segments: [JSONValue] = []
        for (start, duration, text) in lines {
            let id = nextID()
            let length = text.unicodeScalars.count
            let content: JSONValue = [
                "styles": [["fill": ["alpha": 1.0, "content": ["render_type": "solid", "solid": ["alpha": 1.0, "color": [1.0, 1.0, 1.0]]]],
                            "range": [0, .int(Int64(length))], "size": 8.0, "bold": false, "italic": false, "underline": false,
                            "strokes": []]],
                "text": .string(text),
            ]
            var material = JianyingTemplate.text
            material["id"] = .string(id)
            material["content"] = .string(content.canonical)
            texts.append(.object(material))
            var segment = JianyingTemplate.segment
            segment["id"] = .string(nextID())
            segment["material_id"] = .string(id)
            segment["target_timerange"] = range(start, duration)
            segment["source_timerange"] = .null
            segment["extra_material_refs"] = []
            segment["render_index"] = .int(Int64(index))
            segment["clip"] = JianyingTemplate.clip(y: y)
            segments.append(.object(segment))
        }
        return trackJSON(name, type: "text", segments: segments)
    }

    mutating func trackJSON(_ name: String, type: String, segments: [JSONValue]) -> JSONValue {
        ["attribute": 0, "flag": 0, "id": .string(nextID()), "is_default_name": false, "name": .string(name),
         "segments": .array(segments), "type": .string(type)]
    }

    /// The material id of a file, adding it the first time it is used.
    mutating func material(_ media: MediaReference, type: String) -> String {
        if let id = materialIDs[media.path] { return id }
        let id = nextID()
        materialIDs[media.path] = id
        let duration = media.availableRange.map { us($0.duration) } ?? 0
        if type == "video" {
            var v = JianyingTemplate.video
            v["id"] = .string(id)
            v["material_id"] = .string(id)
            v["material_name"] = .string(media.fileName)
            v["path"] = .string(media.path)
            v["duration"] = .int(duration)
            v["width"] = .int(Int64(media.width ?? timeline.format.width))
            v["height"] = .int(Int64(media.height ?? timeline.format.height))
            videos.append(.object(v))
        } else {
            audios.append(["app_id": 0, "category_id": "", "category_name": "local", "check_flag": 3, "copyright_limit_type": "none",
                           "duration": .int(duration), "effect_id": "", "formula_id": "", "id": .string(id),
                           "local_material_id": .string(id), "music_id": .string(id), "name": .string(media.fileName),
                           "path": .string(media.path), "source_platform": 0, "type": "extract_music", "wave_points": []])
        }
        return id
    }
}
