import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `markup` node: the frame of a take a review note is about, with the
/// note's box drawn on it in red — sent with the shot's next takes as a reference image,
/// so a model that takes references sees what the note points at.
public struct MarkupParams: Hashable, Sendable, Codable {
    /// Goes up whenever the step would make a different file from the same input.
    public static let kindVersion = 1
    /// Where in the take, in seconds.
    public var at: Double
    /// The box in shares of the picture (x, y, width, height), or nil for the whole frame.
    public var box: [Double]?

    public init(at: Double, box: [Double]? = nil) {
        self.at = at
        self.box = box
    }

    /// The ffmpeg arguments that write the frame at `at` of `input`, the box drawn, as a PNG.
    public static func arguments(input: URL, at: Double, box: [Double]?, output: URL) -> [String] {
        var filters: [String] = []
        if let box, box.count == 4 {
            let f = { (v: Double) in String(format: "%.4f", v) }
            filters.append("drawbox=x=iw*\(f(box[0])):y=ih*\(f(box[1])):w=iw*\(f(box[2])):h=ih*\(f(box[3]))"
                           + ":color=red@1:t=max(3\\,iw/120)")
        }
        return ["-v", "error", "-y", "-ss", String(format: "%.3f", at), "-i", input.path]
            + (filters.isEmpty ? [] : ["-vf", filters.joined(separator: ",")])
            + ["-frames:v", "1", "-threads", "1", output.path]
    }
}

/// Draws a review note's box on the frame it is about.
public struct MarkupRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params = try node.spec.params.decode(MarkupParams.self)
        let media = try await tools.probe(context.inputURL(0))
        // A note at the very end names the last frame; a seek past it would find none.
        let last = max(0, (media.duration?.seconds ?? params.at) - 1 / max(1, media.frameRate?.framesPerSecond ?? 24))
        let output = context.blobs.scratchURL(extension: "png")
        try await tools.ffmpeg(MarkupParams.arguments(input: context.inputURL(0), at: min(params.at, last), box: params.box,
                                                      output: output),
                               doing: "draw the note on its frame", cleanup: output)
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "image/png",
                                                              media: MediaInfo(width: media.width, height: media.height)))
    }
}
