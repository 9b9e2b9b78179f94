import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `frame` node: the last frame of its input video the cut shows, as a PNG.
public struct LastFrameParams: Hashable, Sendable, Codable {
    /// Goes up whenever the step would make a different file from the same input.
    public static let kindVersion = 1
    /// How many frames of the video the cut shows (a take longer than its shot is trimmed);
    /// nil: all of them.
    public var frames: Int64?

    public init(frames: Int64? = nil) {
        self.frames = frames
    }

    /// The ffmpeg arguments that write frame `index` (from 0) of `input`, exactly, as a PNG.
    public static func arguments(input: URL, frame index: Int64, output: URL) -> [String] {
        ["-v", "error", "-y", "-i", input.path, "-vf", "select=eq(n\\,\(index))", "-fps_mode", "passthrough",
         "-frames:v", "1", "-threads", "1", output.path]
    }
}

/// Extracts the exact last frame of a take: where a shot that continues the previous one
/// starts (`reel shot --continue-from`).
public struct LastFrameRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let media = try await tools.probe(context.inputURL(0))
        let params = try node.spec.params.decode(LastFrameParams.self)
        guard let count = media.frameCount, count > 0 else {
            throw JobFailure(.failed, "the take has no frames to continue from")
        }
        let frames = min(count, params.frames ?? count)
        let output = context.blobs.scratchURL(extension: "png")
        try await tools.ffmpeg(LastFrameParams.arguments(input: context.inputURL(0), frame: frames - 1, output: output),
                               doing: "take the last frame", cleanup: output)
        let still = MediaInfo(width: media.width, height: media.height)
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "image/png", media: still))
    }
}
