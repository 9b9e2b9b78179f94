import Foundation
import ReelModel

/// Timelines the export tests write: two shots with takes (one trimmed, one held), one
/// shot without a take, two lines of dialogue, a music cue, subtitles, at any rate.
enum ExportFixtures {
    static let rates: [FrameRate] = [.fps23_976, .fps24, .fps25, .fps29_97, .fps30]

    static func name(_ rate: FrameRate) -> String { rate.description.replacingOccurrences(of: ".", with: "_") }

    /// Shots of 48, 36 and 60 frames; take 1 of S01-01 is 72 frames (trimmed), take 2
    /// of S01-02 is 30 frames (held 6); S02-01 has no take. `shift` moves S01-02's take's
    /// source start by that many frames (to prove a one-frame move shows).
    static func timeline(rate: FrameRate, shift: Int64 = 0, language: String = "en", text: [String]? = nil) -> Timeline {
        let f = { (n: Int64) in rate.time(frames: n) }
        func media(_ path: String, _ frames: Int64, _ kind: MediaReference.Kind = .video) -> MediaReference {
            MediaReference(path: path, name: (path as NSString).lastPathComponent, kind: kind,
                           availableRange: TimeRange(start: .zero, duration: f(frames)),
                           mediaType: kind == .video ? "video/mp4" : "audio/wav", digest: "ab12", width: 720, height: 1280)
        }
        func meta(_ shot: String, _ take: String) -> [String: JSONValue] {
            ["role": "picture", "shot": .string(shot), "take": .string(take), "provider": "animatic", "model": "animatic",
             "prompt": .string("A night platform, \(shot)")]
        }
        var picture = Track(name: "Picture", kind: .video)
        picture.items = [
            .clip(Clip(name: "S01-01", sourceRange: TimeRange(start: .zero, duration: f(48)), media: media("media/S01-01-t1.mp4", 72),
                       metadata: meta("S01-01", "S01-01#1"))),
            .clip(Clip(name: "S01-02", sourceRange: TimeRange(start: f(shift), duration: f(30)), media: media("media/S01-02-t2.mp4", 30 + shift),
                       heldFrames: 6, metadata: meta("S01-02", "S01-02#2"))),
            .gap(f(6)),
            .gap(f(60)),
        ]
        picture.markers = [
            Marker(name: "S01-02: hold", range: TimeRange(start: f(78), duration: f(6)), color: .yellow,
                   note: "take S01-02#2 is 30 frames; the film holds its last frame for 6", metadata: ["shot": "S01-02"]),
            Marker(name: "S02-01: no take yet", range: TimeRange(start: f(84), duration: f(1)), color: .red,
                   note: "run `reel generate --shots S02-01`, then export again", metadata: ["shot": "S02-01"]),
        ]
        let lines = text ?? ["You came back.", "I never left."]
        let voice = { (i: Int, start: Int64, frames: Int64) -> (RationalTime, Clip) in
            (f(start), Clip(name: "S01-0\(i + 1) voice", sourceRange: TimeRange(start: .zero, duration: f(frames)),
                            media: media("media/S01-0\(i + 1)-line1.wav", frames + 3, .audio),
                            metadata: ["role": "dialogue", "shot": .string("S01-0\(i + 1)"), "text": .string(lines[i])]))
        }
        let dialogue = Track.lanes(name: "Dialogue", kind: .audio, placing: [voice(0, 12, 40), voice(1, 50, 30)])
        let music = Track.lanes(name: "Music", kind: .audio, placing: [
            (f(0), Clip(name: "music scene 1", sourceRange: TimeRange(start: .zero, duration: f(96)),
                        media: media("media/music-scene1.wav", 96, .audio), metadata: ["role": "music", "scene": "1"])),
            (f(84), Clip(name: "music scene 2", sourceRange: TimeRange(start: .zero, duration: f(60)),
                         media: media("media/music-scene2.wav", 60, .audio), metadata: ["role": "music", "scene": "2"])),
        ])
        let subtitles = Track.lanes(name: "Subtitles", kind: .subtitle, placing: [
            (f(12), Clip(name: lines[0], sourceRange: TimeRange(start: .zero, duration: f(36)), media: nil, text: lines[0])),
            (f(50), Clip(name: lines[1], sourceRange: TimeRange(start: .zero, duration: f(28)), media: nil, text: lines[1])),
        ])
        return Timeline(name: language == "zh" ? "最后一单" : "Two Rooms", format: VideoFormat(frameRate: rate),
                        tracks: [picture] + dialogue + music + subtitles,
                        metadata: ["title": .string(language == "zh" ? "最后一单" : "Two Rooms"), "language": .string(language)])
    }
}
