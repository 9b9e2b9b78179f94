import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel

/// The animatic's "video model": the camera move the shot asks for, over its panel,
/// written straight in the film's encoding so the cut can stream-copy it.
///
/// Input 0 is the panel, drawn on the canvas ``MotionLayout`` gives for the move; an input
/// with the `overlay` role (the caption layer) is composited on top, fixed on screen.
public struct AnimaticMotion: VideoGenerator, LocalGenerator {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner
    public let preset: String
    public let crf: Int

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner(), preset: String = "veryfast",
                crf: Int = 20) {
        self.toolchain = toolchain
        self.runner = runner
        self.preset = preset
        self.crf = crf
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "animatic", name: "Reel animatic", media: [.image, .video], isLocal: true,
                           isDeterministic: true, revision: MotionRenderer.version)
    }

    /// Only the move, the length, the format and the encoding change the clip; the panel
    /// arrives as an input digest.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        var r = request
        r.prompt = ""
        r.negativePrompt = nil
        r.brief.action = ""
        r.brief.figures = []
        r.model = "animatic-motion"
        r.seed = 0
        r.options = .object(["preset": .string(preset), "crf": .int(Int64(crf))])
        return r
    }

    public func make(_ request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        let ffmpeg = try toolchain.requireFFmpeg()
        let panel = try context.inputURL(request.images.first { $0.role != .overlay }?.input ?? 0)
        let overlay = try request.images.first { $0.role == .overlay }.map { try context.inputURL($0.input) }
        let encode = EncodeSettings(format: request.format, preset: request.options?["preset"]?.stringValue ?? preset,
                                    crf: Int(request.options?["crf"]?.intValue ?? Int64(crf)))
        let frames = request.format.frameRate.frames(in: request.duration)
        let layout = MotionLayout(move: request.brief.move, width: request.format.width, height: request.format.height)
        let spec = MotionSpec(move: request.brief.move, frames: max(1, frames), layout: layout,
                              focusY: layout.frameY + Int(Double(layout.frameHeight) * AnimaticMotion.focusHeight(request.brief.size)))
        let output = context.blobs.scratchURL(extension: "mp4")
        let result = try await runner.run(ffmpeg, MotionRenderer.arguments(panel: panel, overlay: overlay, output: output, spec: spec,
                                                                           encode: encode))
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: output)
            throw JobFailure(.failed, "ffmpeg could not render the camera move: \(result.stderrTail(3))")
        }
        let media = MediaInfo(duration: request.format.frameRate.time(frames: spec.frames), width: encode.format.width,
                              height: encode.format.height, frameRate: encode.format.frameRate, frameCount: spec.frames,
                              videoCodec: "h264", pixelFormat: "yuv420p")
        let asset = try context.blobs.importFile(at: output, mediaType: "video/mp4", media: media)
        return NodeOutput(asset: asset)
    }

    /// Where faces sit in the frame, as a fraction of its height: a push-in closes on them.
    static func focusHeight(_ size: ShotSize) -> Double {
        switch size {
        case .extremeWide, .wide: 0.5
        case .full, .medium: 0.36
        case .mediumCloseUp, .closeUp: 0.4
        case .extremeCloseUp: 0.45
        }
    }
}
