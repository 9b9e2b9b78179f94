import Foundation
import ReelMedia
import ReelModel

/// SRT and WebVTT from a timeline's subtitle track, through the same writers the film's
/// sidecar uses (`SubtitleWriter`), so the export and the render say the same words at
/// the same frames.
public enum SubtitleExport {
    /// The subtitle clips as cues, in order.
    public static func cues(_ timeline: Timeline) -> [SubtitleCue] {
        timeline.tracks(.subtitle).flatMap { track in
            track.placedClips.map { start, clip in
                SubtitleCue(start: start, end: start + clip.sourceRange.duration, text: clip.text ?? clip.name,
                            speaker: clip.metadata["speaker"]?.stringValue)
            }
        }.sorted { $0.start < $1.start }
    }

    public static func srt(_ timeline: Timeline) -> String { SubtitleWriter.srt(cues(timeline)) }
    public static func vtt(_ timeline: Timeline) -> String { SubtitleWriter.vtt(cues(timeline)) }
}
