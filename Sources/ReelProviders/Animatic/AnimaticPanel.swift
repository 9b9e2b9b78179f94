import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel

/// The animatic's "image model": a storyboard panel drawn from the shot's brief, as SVG,
/// rasterised by ffmpeg (librsvg) to PNG.
public struct AnimaticPanel: ImageGenerator, LocalGenerator {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner()) {
        self.toolchain = toolchain
        self.runner = runner
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "animatic", name: "Reel animatic", media: [.image, .video], isLocal: true,
                           isDeterministic: true, revision: PanelRenderer.version)
    }

    /// The prompt does not change a panel, nor do the caption and slug (they are drawn on
    /// the screen layer); the brief does.
    public func normalize(_ request: ImageRequest) -> ImageRequest {
        var r = request
        r.prompt = ""
        r.slug = nil
        r.model = "animatic-panel"
        r.brief.move = .static
        r.brief.language = Language.detect(r.brief.action + r.brief.location)
        // Of a description, only what a panel draws (costume, hair): other words change nothing.
        for i in r.brief.figures.indices { r.brief.figures[i].description = Self.drawn(r.brief.figures[i].description) }
        return r
    }

    /// What a panel draws of a description, as the normalized request keeps it: the
    /// appearance's JSON (keys sorted), or nothing.
    static func drawn(_ description: String) -> String {
        guard let look = appearance(description) else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(look)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The appearance a description (or its normalized JSON) says.
    static func appearance(_ description: String) -> PanelAppearance? {
        if description.hasPrefix("{"), let look = try? JSONDecoder().decode(PanelAppearance.self, from: Data(description.utf8)) {
            return look
        }
        return PanelAppearance.read(description)
    }

    /// The panel drawing for a request, before rasterising. The caption and slug go on a
    /// separate screen layer (see ``OverlayParams``) so they stay put while the camera moves.
    public static func spec(for request: ImageRequest) -> PanelSpec {
        let layout = request.layout
            ?? MotionLayout(canvasWidth: request.width, canvasHeight: request.height, frameX: 0, frameY: 0,
                            frameWidth: request.width, frameHeight: request.height)
        let b = request.brief
        // What the action has each of them hold or ride (an umbrella, a suitcase, an e-bike).
        let props = PanelProp.read(b.action, names: b.figures.map(\.name))
        return PanelSpec(
            width: request.width, height: request.height,
            frame: PanelRect(x: layout.frameX, y: layout.frameY, width: layout.frameWidth, height: layout.frameHeight),
            setting: b.setting, timeOfDay: b.timeOfDay, location: b.location, mood: b.mood, size: b.size, angle: b.angle,
            purpose: b.purpose,
            figures: zip(b.figures, props).map { figure, prop in
                // The description's costume and hair, where it names them.
                PanelFigure(name: figure.name, colorIndex: figure.colorIndex, gender: figure.gender, speaking: figure.speaking,
                            offScreen: figure.offScreen, offScreenKind: figure.offScreenKind,
                            appearance: appearance(figure.description), prop: prop)
            },
            caption: request.caption && !b.action.isEmpty ? b.action : nil,
            slug: request.slug, seed: request.seed, separateOverlay: true,
            landmarks: PanelLandmark.read(location: b.location, action: b.action))
    }

    public func make(_ request: ImageRequest, context: GenerationContext) async throws -> NodeOutput {
        let ffmpeg = try toolchain.requireFFmpeg()
        let svg = context.blobs.scratchURL(extension: "svg")
        let png = context.blobs.scratchURL(extension: "png")
        defer { try? FileManager.default.removeItem(at: svg) }
        do {
            try Data(PanelRenderer.svg(AnimaticPanel.spec(for: request)).utf8).write(to: svg)
        } catch {
            throw JobFailure(.failed, "cannot write the panel drawing: \(error.localizedDescription)")
        }
        let result = try await runner.run(ffmpeg, ["-v", "error", "-nostdin", "-y", "-i", svg.path, "-frames:v", "1",
                                                   "-pix_fmt", "rgb24", png.path])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: png)
            throw JobFailure(.failed, "ffmpeg could not rasterise the panel: \(result.stderrTail(3))")
        }
        let media = MediaInfo(width: request.width, height: request.height, videoCodec: "png", pixelFormat: "rgb24")
        return NodeOutput(asset: try context.blobs.importFile(at: png, mediaType: "image/png", media: media))
    }
}
