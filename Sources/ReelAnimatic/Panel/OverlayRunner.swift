import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Parameters of an `overlay` node: the screen layer of a panel (caption band, slug,
/// vignette), drawn once and composited over the moving picture.
public struct OverlayParams: Hashable, Sendable, Codable {
    /// Goes up with any change to how the screen layer is drawn.
    public static let kindVersion = 1
    public var spec: PanelSpec
    public init(spec: PanelSpec) {
        var s = spec
        s.separateOverlay = true
        // Only what the screen layer shows changes it.
        s.figures = []
        s.location = ""
        s.seed = 0
        self.spec = s
    }
}

/// Rasterises a panel's screen layer to a transparent PNG the size of the frame region.
public struct OverlayRunner: NodeRunner {
    let tools: MediaTools

    public init(tools: MediaTools) { self.tools = tools }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let p = try node.spec.params.decode(OverlayParams.self)
        let svg = context.blobs.scratchURL(extension: "svg")
        let png = context.blobs.scratchURL(extension: "png")
        defer { try? FileManager.default.removeItem(at: svg) }
        do {
            try Data(PanelRenderer.overlaySVG(p.spec).utf8).write(to: svg)
        } catch {
            throw JobFailure(.failed, "cannot write the overlay drawing: \(error.localizedDescription)")
        }
        try await tools.ffmpeg(["-v", "error", "-nostdin", "-y", "-i", svg.path, "-frames:v", "1", "-pix_fmt", "rgba", png.path],
                               doing: "rasterise the caption layer", cleanup: png)
        let media = MediaInfo(width: p.spec.frame.width, height: p.spec.frame.height, videoCodec: "png", pixelFormat: "rgba")
        return NodeOutput(asset: try context.blobs.importFile(at: png, mediaType: "image/png", media: media))
    }
}
