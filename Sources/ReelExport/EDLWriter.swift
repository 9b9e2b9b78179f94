import Foundation
import ReelModel

/// Writes the picture track as a CMX 3600 edit decision list.
///
/// One event per clip: a reel name of at most eight characters made from the shot and
/// take (`S0102T1`), source timecode from the take's first frame, record timecode from
/// 01:00:00:00. Gaps (shots without a usable take, held frames) are black (`BL`) events
/// with a comment saying why. 29.97 uses drop-frame timecode (`;`), every other rate
/// non-drop; 23.976 counts 24-frame timecode. Sound and subtitles are in the other formats.
public enum EDLWriter {
    public static func edl(_ timeline: Timeline) -> String {
        let rate = timeline.rate
        let drop = Timecode.isDropFrame(rate)
        var out = "TITLE: \(title(timeline.name))\nFCM: \(drop ? "DROP FRAME" : "NON-DROP FRAME")\n\n"
        guard let picture = timeline.tracks(.video).first else { return out }
        var event = 0
        for (start, item) in picture.placed {
            event += 1
            let recordIn = Timecode(time: start, rate: rate, startHour: 1)
            let recordOut = Timecode(time: start + item.duration, rate: rate, startHour: 1)
            switch item {
            case .clip(let clip):
                let sourceIn = Timecode(time: clip.sourceRange.start, rate: rate)
                let sourceOut = Timecode(time: clip.sourceRange.end, rate: rate)
                out += line(event, reel: reelName(clip), sourceIn, sourceOut, recordIn, recordOut)
                out += "* FROM CLIP NAME: \(clip.name)\n"
                if let media = clip.media { out += "* SOURCE FILE: \(media.path)\n" }
                if let take = clip.metadata["take"]?.stringValue { out += "* COMMENT: TAKE \(take)\n" }
            case .gap(let d):
                let black = Timecode(time: d, rate: rate)
                out += line(event, reel: "BL", Timecode(frames: 0, rate: rate), black, recordIn, recordOut)
                for marker in picture.markers where marker.range.start == start {
                    out += "* COMMENT: \(oneLine(marker.name))\(marker.note.isEmpty ? "" : " - \(oneLine(marker.note))")\n"
                }
            }
            out += "\n"
        }
        return out
    }

    static func line(_ event: Int, reel: String, _ sIn: Timecode, _ sOut: Timecode, _ rIn: Timecode, _ rOut: Timecode) -> String {
        let number = String(format: "%03d", event)
        let reelField = reel.padding(toLength: 8, withPad: " ", startingAt: 0)
        return "\(number)  \(reelField) V     C        \(sIn) \(sOut) \(rIn) \(rOut)\n"
    }

    /// `S01-02#3` → `S0102T3`: letters and digits only, at most eight.
    static func reelName(_ clip: Clip) -> String {
        let source = clip.metadata["take"]?.stringValue ?? clip.name
        let mapped = source.replacingOccurrences(of: "#", with: "T").filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return mapped.isEmpty ? "AX" : String(mapped.uppercased().suffix(8))
    }

    /// EDL titles are ASCII by convention: other characters are dropped (a title with none
    /// left becomes `UNTITLED`).
    static func title(_ name: String) -> String {
        let kept = name.filter { $0.isASCII && !$0.isNewline }.trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? "UNTITLED" : String(kept.prefix(70))
    }

    static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
}
