import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `burn` node: the subtitles that fall within one clip, in the clip's
/// own time, drawn into its picture.
///
/// Burning shot by shot lets the executor encode clips side by side (each on one
/// repeatable x264 thread) while the soundtrack is mixed, and an edited line re-burns
/// only its shot; the cut that follows is a stream copy.
public struct BurnParams: Hashable, Sendable, Codable {
    /// 2: overlapping cues (dual dialogue) stacked in reading order, the first speaker on top.
    public static let kindVersion = 2
    public var cues: [SubtitleCue]
    public var frames: Int64
    public var encode: EncodeSettings

    public init(cues: [SubtitleCue], frames: Int64, encode: EncodeSettings) {
        self.cues = cues
        self.frames = frames
        self.encode = encode
    }

    /// The film's cues that overlap a clip starting at `start` and lasting `duration`,
    /// moved into the clip's time and cut at its edges.
    public static func cues(_ all: [SubtitleCue], start: RationalTime, duration: RationalTime) -> [SubtitleCue] {
        let end = start + duration
        return all.compactMap { cue in
            guard cue.end > start, cue.start < end else { return nil }
            let s = max(cue.start, start) - start
            let e = min(cue.end, end) - start
            return SubtitleCue(start: s, end: e, text: cue.text, speaker: cue.speaker)
        }
    }

    /// ffmpeg arguments that draw `subtitles` (an ASS file) into `input`.
    public static func arguments(input: URL, subtitles: URL, output: URL, frames: Int64,
                                 encode: EncodeSettings) -> [String] {
        ["-v", "error", "-nostdin", "-y", "-i", input.path,
         "-vf", "ass=\(FilmAssembly.filterPath(subtitles)),format=yuv420p",
         "-frames:v", "\(frames)", "-an"]
            + encode.videoCodecArguments + ["-movflags", "+faststart", output.path]
    }
}

/// Burns a clip's subtitles; a clip with none passes through untouched.
public struct BurnRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let p = try node.spec.params.decode(BurnParams.self)
        guard !p.cues.isEmpty else { return NodeOutput(asset: context.inputs[0], details: ["passThrough": true]) }
        let format = p.encode.format
        let ass = context.blobs.scratchURL(extension: "ass")
        let output = context.blobs.scratchURL(extension: "mp4")
        defer { try? FileManager.default.removeItem(at: ass) }
        do {
            try SubtitleWriter.ass(p.cues, width: format.width, height: format.height).write(to: ass, atomically: true,
                                                                                             encoding: .utf8)
        } catch {
            throw JobFailure(.failed, "cannot write the subtitles for burning: \(error.localizedDescription)")
        }
        try await tools.ffmpeg(BurnParams.arguments(input: context.inputURL(0), subtitles: ass, output: output,
                                                    frames: p.frames, encode: p.encode),
                               doing: "burn the subtitles in", cleanup: output)
        var media = context.inputs[0].media
        media?.frameCount = p.frames
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "video/mp4", media: media))
    }
}
