import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `sheet` node: a subject's reference images on one picture.
public struct SheetParams: Hashable, Sendable, Codable {
    /// Goes up whenever the step would make a different file from the same inputs.
    public static let kindVersion = 1
    /// The side of each image's square cell, in pixels.
    public var cell: Int

    public init(cell: Int = 512) {
        self.cell = cell
    }

    /// Columns and rows for `count` images: as near square as they go (2 side by side, 3 or
    /// 4 in two rows), so the sheet stays within the aspect limits APIs set (Kling: 1:2.5).
    public static func grid(_ count: Int) -> (columns: Int, rows: Int) {
        let columns = max(1, Int(Double(count).squareRoot().rounded(.up)))
        return (columns, max(1, (count + columns - 1) / columns))
    }

    /// The ffmpeg arguments that fit each of `inputs` into a cell (its whole picture, on a
    /// dark ground), lay the cells out by ``grid(_:)`` and write one PNG.
    public static func arguments(inputs: [URL], cell: Int, output: URL) -> [String] {
        let (columns, _) = grid(inputs.count)
        var args = ["-v", "error", "-y"]
        for url in inputs { args += ["-i", url.path] }
        var parts = inputs.indices.map { i in
            "[\(i):v]scale=\(cell):\(cell):force_original_aspect_ratio=decrease,"
                + "pad=\(cell):\(cell):(ow-iw)/2:(oh-ih)/2:color=0x202020,setsar=1,format=rgb24[c\(i)]"
        }
        if inputs.count == 1 {
            parts.append("[c0]null[out]")
        } else {
            let layout = inputs.indices.map { "\(($0 % columns) * cell)_\(($0 / columns) * cell)" }.joined(separator: "|")
            parts.append(inputs.indices.map { "[c\($0)]" }.joined()
                         + "xstack=inputs=\(inputs.count):layout=\(layout):fill=0x202020[out]")
        }
        return args + ["-filter_complex", parts.joined(separator: ";"), "-map", "[out]", "-frames:v", "1", "-threads", "1",
                       output.path]
    }
}

/// Lays a subject's reference images out on one picture: what a model that takes fewer
/// images than the shot has is sent for that subject.
public struct SheetRunner: NodeRunner {
    let tools: MediaTools

    public init(tools: MediaTools) {
        self.tools = tools
    }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params = try node.spec.params.decode(SheetParams.self)
        let inputs = (0..<context.inputs.count).map { context.inputURL($0) }
        guard !inputs.isEmpty else { throw JobFailure(.invalidRequest, "a reference sheet needs at least one image") }
        let output = context.blobs.scratchURL(extension: "png")
        try await tools.ffmpeg(SheetParams.arguments(inputs: inputs, cell: params.cell, output: output),
                               doing: "lay out a reference sheet", cleanup: output)
        let (columns, rows) = SheetParams.grid(inputs.count)
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "image/png",
                                                              media: MediaInfo(width: columns * params.cell, height: rows * params.cell)))
    }
}
