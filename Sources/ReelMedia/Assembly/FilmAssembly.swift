import Foundation
import ReelModel

/// The cut: conformed clips in order plus the mixed soundtrack, into one MP4.
///
/// Without burned-in subtitles the clips are stream-copied (they were encoded alike
/// when made); with them, one encode pass draws the subtitles.
public struct AssemblySpec: Hashable, Sendable, Codable {
    public var title: String
    /// The `AIGC` metadata record, when the film carries generated content.
    public var label: AIGCLabel?
    public var burnSubtitles: Bool
    public var frames: Int64

    public init(title: String, label: AIGCLabel?, burnSubtitles: Bool, frames: Int64) {
        self.title = title
        self.label = label
        self.burnSubtitles = burnSubtitles
        self.frames = frames
    }
}

public enum FilmAssembly {
    /// The concat demuxer's list of clip files.
    public static func concatList(_ clips: [URL]) -> String {
        clips.map { "file '\($0.path.replacingOccurrences(of: "'", with: "'\\''"))'\n" }.joined()
    }

    /// ffmpeg arguments that cut the clips listed in `list` with the soundtrack `audio`
    /// into `output`; `subtitles` is an ASS file when burning.
    public static func arguments(list: URL, audio: URL, subtitles: URL?, output: URL, spec: AssemblySpec,
                                 encode: EncodeSettings) -> [String] {
        var args = ["-v", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", list.path, "-i", audio.path,
                    "-map", "0:v:0", "-map", "1:a:0"]
        if spec.burnSubtitles, let subtitles {
            args += ["-vf", "ass=\(filterPath(subtitles)),format=yuv420p", "-frames:v", "\(spec.frames)"]
            args += encode.videoCodecArguments
        } else {
            args += ["-c:v", "copy"]
        }
        args += ["-c:a", "copy", "-metadata", "title=\(spec.title)", "-metadata", "encoder=Reel"]
        if let label = spec.label {
            args += ["-metadata", "AIGC=\(label.json)", "-metadata", "comment=AIGC \(label.json)"]
        }
        args += ["-movflags", "+faststart+use_metadata_tags", "-f", "mp4", output.path]
        return args
    }

    /// A path quoted for use as a filter option value.
    static func filterPath(_ url: URL) -> String {
        let escaped = url.path.replacingOccurrences(of: "\\", with: "\\\\\\\\")
            .replacingOccurrences(of: "'", with: "\\\\\\'")
            .replacingOccurrences(of: ":", with: "\\\\:")
        return "'\(escaped)'"
    }
}
