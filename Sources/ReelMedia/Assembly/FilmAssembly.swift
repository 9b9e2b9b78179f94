import Foundation
import ReelModel

/// The cut: the clips in order plus the mixed soundtrack, into one MP4, by stream copy.
///
/// Every clip was encoded alike when it was made (conformed, and burned with its
/// subtitles when asked), so cutting never encodes again.
public struct AssemblySpec: Hashable, Sendable, Codable {
    public var title: String
    /// The `AIGC` metadata record, when the film carries generated content.
    public var label: AIGCLabel?
    public var frames: Int64

    public init(title: String, label: AIGCLabel?, frames: Int64) {
        self.title = title
        self.label = label
        self.frames = frames
    }
}

/// The last step of a render as ffmpeg arguments: the conformed clips cut by stream copy,
/// the soundtrack laid under them, the metadata (title, AIGC label) written in.
public enum FilmAssembly {
    /// The concat demuxer's list of clip files.
    public static func concatList(_ clips: [URL]) -> String {
        clips.map { "file '\($0.path.replacingOccurrences(of: "'", with: "'\\''"))'\n" }.joined()
    }

    /// ffmpeg arguments that cut the clips listed in `list` with the soundtrack `audio`
    /// into `output`.
    public static func arguments(list: URL, audio: URL, output: URL, spec: AssemblySpec) -> [String] {
        var args = ["-v", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", list.path, "-i", audio.path,
                    "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "copy", "-metadata", "title=\(spec.title)"]
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
