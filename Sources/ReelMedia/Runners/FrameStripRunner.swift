import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `strip` node: three frames of a take (near its beginning, middle and
/// end) side by side in one JPEG, each `height` pixels high — what a critic looks at.
public struct FrameStripParams: Hashable, Sendable, Codable {
    /// Goes up whenever the step would make a different file from the same input.
    public static let kindVersion = 1
    public var height: Int

    public init(height: Int = 360) {
        self.height = height
    }

    /// The frames shown: a tenth in, the middle, a tenth from the end (a model's first and
    /// last frames are often a still or a fade).
    public static func frames(of count: Int64) -> [Int64] {
        let last = max(0, count - 1)
        return [last / 10, last / 2, last - last / 10]
    }

    /// The ffmpeg arguments that write `frames` of `input` in a row (a column for a
    /// horizontal take, so the picture stays near square) as one JPEG.
    public static func arguments(input: URL, frames: [Int64], height: Int, horizontal: Bool, output: URL) -> [String] {
        let select = frames.map { "eq(n\\,\($0))" }.joined(separator: "+")
        let tile = horizontal ? "1x\(frames.count)" : "\(frames.count)x1"
        return ["-v", "error", "-y", "-i", input.path,
                "-vf", "select='\(select)',scale=-2:\(height),tile=\(tile)", "-fps_mode", "passthrough",
                "-frames:v", "1", "-q:v", "4", "-threads", "1", output.path]
    }
}

/// Makes a take's strip of frames for its critique.
public struct FrameStripRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let media = try await tools.probe(context.inputURL(0))
        let params = try node.spec.params.decode(FrameStripParams.self)
        guard let count = media.frameCount, count > 0, let width = media.width, let height = media.height else {
            throw JobFailure(.failed, "the take has no frames to show")
        }
        let output = context.blobs.scratchURL(extension: "jpg")
        let horizontal = width > height
        try await tools.ffmpeg(FrameStripParams.arguments(input: context.inputURL(0), frames: FrameStripParams.frames(of: count),
                                                          height: params.height, horizontal: horizontal, output: output),
                               doing: "take frames for the critic", cleanup: output)
        let frameWidth = (width * params.height / height) / 2 * 2
        let size = horizontal ? (frameWidth, params.height * 3) : (frameWidth * 3, params.height)
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "image/jpeg",
                                                              media: MediaInfo(width: size.0, height: size.1)))
    }
}
