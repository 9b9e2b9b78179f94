import Foundation
import ReelModel

/// Writes subtitle cues as SRT, WebVTT, or ASS (for burning in with exact styling).
/// Cues that overlap are written stacked, one cue per stretch (``SubtitleCue/stacked(_:)``),
/// so every player shows them in the same order.
public enum SubtitleWriter {
    /// SubRip: `HH:MM:SS,mmm`, blank line between cues, UTF-8.
    public static func srt(_ cues: [SubtitleCue]) -> String {
        var out = ""
        for (i, cue) in SubtitleCue.stacked(cues).enumerated() {
            out += "\(i + 1)\n\(clock(cue.start, separator: ",")) --> \(clock(cue.end, separator: ","))\n\(cue.text)\n\n"
        }
        return out
    }

    /// WebVTT: `WEBVTT` header, `HH:MM:SS.mmm`.
    public static func vtt(_ cues: [SubtitleCue]) -> String {
        var out = "WEBVTT\n\n"
        for cue in SubtitleCue.stacked(cues) {
            let text = cue.text.replacingOccurrences(of: "-->", with: "→")
            out += "\(clock(cue.start, separator: ".")) --> \(clock(cue.end, separator: "."))\n\(text)\n\n"
        }
        return out
    }

    /// Advanced SubStation Alpha sized to the video, in a CJK-capable font, with an
    /// outline and a soft box so it reads over any panel.
    public static func ass(_ cues: [SubtitleCue], width: Int, height: Int, font: String = "Noto Sans CJK SC") -> String {
        let short = min(width, height)
        let fontSize = Int((Double(short) * 0.052).rounded())
        let margin = Int((Double(height) * (height > width ? 0.16 : 0.07)).rounded())
        let outline = max(2, fontSize / 14)
        var out = """
        [Script Info]
        ScriptType: v4.00+
        PlayResX: \(width)
        PlayResY: \(height)
        WrapStyle: 2
        ScaledBorderAndShadow: yes
        YCbCr Matrix: TV.709

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,\(font),\(fontSize),&H00FFFFFF,&H00FFFFFF,&H00101010,&H80000000,-1,0,0,0,100,100,0,0,1,\(outline),1,2,\(width / 12),\(width / 12),\(margin),1

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

        """
        for cue in SubtitleCue.stacked(cues) {
            let text = cue.text
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "{", with: "\\{")
                .replacingOccurrences(of: "}", with: "\\}")
                .replacingOccurrences(of: "\n", with: "\\N")
            out += "Dialogue: 0,\(assClock(cue.start)),\(assClock(cue.end)),Default,,0,0,0,,\(text)\n"
        }
        return out
    }

    /// `HH:MM:SS,mmm` (or with `.`), rounded to the millisecond.
    public static func clock(_ t: RationalTime, separator: String) -> String {
        let ms = max(0, t.milliseconds)
        return String(format: "%02lld:%02lld:%02lld", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60)
            + separator + String(format: "%03lld", ms % 1000)
    }

    /// `H:MM:SS.cc`, centiseconds rounded so consecutive cues never overlap.
    static func assClock(_ t: RationalTime) -> String {
        let cs = max(0, (t.milliseconds + 5) / 10)
        return String(format: "%lld:%02lld:%02lld.%02lld", cs / 360_000, cs / 6000 % 60, cs / 100 % 60, cs % 100)
    }
}
