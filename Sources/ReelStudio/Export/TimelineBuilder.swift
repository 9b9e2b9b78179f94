import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Builds the timeline of a film from what the render uses: each shot's chosen take
/// (``TakeChoice``), the voices (a track per character), music cues and sound effects placed
/// as the mix places them, and the subtitle cues of the sidecar. Pure: the studio gathers
/// the inputs, this lays them out.
///
/// Picture: a take at least as long as its shot is trimmed to it (source range from the
/// first frame); a shorter one plays whole and the rest of the shot is a gap with a yellow
/// `hold` marker (the render holds the last frame there). A shot with no usable take is a
/// gap with a red marker. Sound clips are whole frames at the film's rate, cut where the
/// mix cuts them (a voice at its slot, the music at the film's end).
struct TimelineBuilder {
    /// A sound the mix places: a voice line or a scene's music.
    struct Sound {
        var node: NodeID
        var start: RationalTime
        /// The longest the mix lets it last; nil for no limit.
        var slot: RationalTime?
        var output: NodeOutput
        var name: String
        var fileName: String
        var metadata: [String: JSONValue]
    }

    let storyboard: Storyboard
    let choices: [ShotID: TakeChoice]
    /// The prompt each shot's generator reads.
    let prompts: [ShotID: String]
    let voices: [Sound]
    let music: [Sound]
    /// Ambiences and spot effects.
    var effects: [Sound] = []
    let cues: [SubtitleCue]
    /// The lip-synced picture of the shots a render lip-synced: their clips instead of the take's.
    var lipSynced: [ShotID: NodeOutput] = [:]
    /// Where an asset's file is.
    let path: (Asset) -> String

    var rate: FrameRate { storyboard.format.frameRate }

    func timeline() -> Timeline {
        // Each character's lines on tracks of their own (`Dialogue · MAYA`), in the order they
        // first speak: an editor levels, pans or replaces one voice at a time.
        var speakers: [String] = []
        for voice in voices {
            let speaker = voice.metadata["speaker"]?.stringValue ?? ""
            if !speakers.contains(speaker) { speakers.append(speaker) }
        }
        // A film without lines keeps its one empty Dialogue track, as before.
        if speakers.isEmpty { speakers = [""] }
        let dialogue = speakers.flatMap { speaker in
            Track.lanes(name: speaker.isEmpty ? "Dialogue" : "Dialogue · \(speaker)", kind: .audio,
                        placing: voices.filter { ($0.metadata["speaker"]?.stringValue ?? "") == speaker }.compactMap(place))
        }
        let score = Track.lanes(name: "Music", kind: .audio, placing: music.compactMap(place))
        // No effects (`effects: none`, or a script that names none): no Effects track.
        let sounds = effects.isEmpty ? [] : Track.lanes(name: "Effects", kind: .audio, placing: effects.compactMap(place))
        let subtitles = Track.lanes(name: "Subtitles", kind: .subtitle, placing: cues.map { cue in
            let d = rate.time(frames: rate.frames(in: cue.end) - rate.frames(in: cue.start))
            var meta: [String: JSONValue] = ["role": "subtitle"]
            if let speaker = cue.speaker { meta["speaker"] = .string(speaker) }
            return (cue.start, Clip(name: cue.text.replacingOccurrences(of: "\n", with: " "),
                                    sourceRange: TimeRange(start: .zero, duration: d), media: nil, text: cue.text, metadata: meta))
        })
        let meta: [String: JSONValue] = ["title": .string(storyboard.title), "language": .string(storyboard.language.rawValue),
                                         "shots": .int(Int64(storyboard.shots.count))]
        return Timeline(name: storyboard.title, format: storyboard.format,
                        tracks: [picture()] + dialogue + score + sounds + subtitles, metadata: meta)
    }

    /// The picture track: a clip per shot with a usable take, gaps and markers elsewhere.
    func picture() -> Track {
        var track = Track(name: "Picture", kind: .video)
        var start = RationalTime.zero
        for shot in storyboard.shots {
            let frames = rate.frames(in: shot.duration)
            let end = start + rate.time(frames: frames)
            guard let (take, made) = choices[shot.id]?.stored else {
                track.items.append(.gap(rate.time(frames: frames)))
                track.markers.append(Marker(name: "\(shot.id): no take yet", range: TimeRange(start: start, duration: rate.time(frames: 1)),
                                            color: .red, note: "run `reel generate --shots \(shot.id)`, then export again",
                                            metadata: ["shot": .string(shot.id.rawValue)]))
                start = end
                continue
            }
            let output = lipSynced[shot.id] ?? made
            let available = availableFrames(output.asset) ?? frames
            let used = min(available, frames)
            var meta: [String: JSONValue] = [
                "role": "picture", "shot": .string(shot.id.rawValue), "scene": .string(shot.scene.rawValue),
                "take": .string(take.id.rawValue), "provider": .string(take.provider.rawValue), "model": .string(take.model),
                "size": .string(shot.size.rawValue), "move": .string(shot.move.rawValue),
            ]
            if let prompt = prompts[shot.id] { meta["prompt"] = .string(prompt) }
            if lipSynced[shot.id] != nil { meta["lipsync"] = true }
            if case .picked(_, _, let outdated) = choices[shot.id] { meta["picked"] = true; meta["outdated"] = .bool(outdated) }
            if case .older = choices[shot.id] { meta["outdated"] = true }
            let media = reference(output.asset, name: "\(shot.id.rawValue)-t\(take.number)" + (lipSynced[shot.id] == nil ? "" : "-lipsync"),
                                  frames: available)
            track.items.append(.clip(Clip(name: shot.id.rawValue, sourceRange: TimeRange(start: .zero, duration: rate.time(frames: used)),
                                          media: media, heldFrames: frames - used, metadata: meta)))
            if used < frames {
                let holdStart = start + rate.time(frames: used)
                track.items.append(.gap(rate.time(frames: frames - used)))
                track.markers.append(Marker(name: "\(shot.id): hold", range: TimeRange(start: holdStart, duration: rate.time(frames: frames - used)),
                                            color: .yellow, note: "take \(take.id) is \(used) frames; the film holds its last frame for \(frames - used)",
                                            metadata: ["shot": .string(shot.id.rawValue), "take": .string(take.id.rawValue)]))
            }
            start = end
        }
        return track
    }

    /// A sound as a clip at its place, whole frames, cut at its slot and at the film's end.
    func place(_ sound: Sound) -> (start: RationalTime, clip: Clip)? {
        let total = rate.frames(in: storyboard.duration)
        let startFrame = rate.frames(in: sound.start)
        let available = availableFrames(sound.output.asset, rounding: .down) ?? 0
        var frames = min(available, total - startFrame)
        if let slot = sound.slot { frames = min(frames, rate.frames(in: slot)) }
        guard frames > 0 else { return nil }
        let media = reference(sound.output.asset, name: sound.fileName, frames: available)
        return (rate.time(frames: startFrame), Clip(name: sound.name, sourceRange: TimeRange(start: .zero, duration: rate.time(frames: frames)),
                                                    media: media, metadata: sound.metadata))
    }

    func reference(_ asset: Asset, name: String, frames: Int64) -> MediaReference {
        let kind: MediaReference.Kind = asset.mediaType.hasPrefix("video/") ? .video : .audio
        return MediaReference(path: path(asset), name: "\(name).\(asset.fileExtension)", kind: kind,
                              availableRange: TimeRange(start: .zero, duration: rate.time(frames: frames)),
                              mediaType: asset.mediaType, digest: asset.digest.rawValue, width: asset.media?.width,
                              height: asset.media?.height, hasAudio: asset.media?.hasAudio ?? false)
    }

    /// The asset's length in frames at the film's rate, when it was measured.
    func availableFrames(_ asset: Asset, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Int64? {
        if let d = asset.media?.duration {
            let exact = Double(d.value) * Double(rate.numerator) / (Double(d.timescale) * Double(rate.denominator))
            return Int64((exact + 1e-9).rounded(rounding))
        }
        return nil
    }
}
