import Foundation
import ReelModel

/// What a clip must become to go into the cut: the film's size, rate and encoding, an
/// exact number of frames (trimmed, or held on its last frame), with fades and, on the
/// opening shots, the visible AI-content label.
public struct ConformSpec: Hashable, Sendable, Codable {
    public var frames: Int64
    public var fadeInFrames: Int64
    public var fadeOutFrames: Int64
    /// Draw the visible label until this frame of the clip (exclusive); 0 for none.
    public var labelUntilFrame: Int64
    public var labelText: String
    /// What the label keeps below, as a share of the height from the top (the animatic's
    /// caption band); nil: the top-right corner.
    public var labelBelow: Double?

    public init(frames: Int64, fadeInFrames: Int64 = 0, fadeOutFrames: Int64 = 0, labelUntilFrame: Int64 = 0,
                labelText: String = AIGCLabel.visibleText, labelBelow: Double? = nil) {
        self.frames = frames
        self.fadeInFrames = fadeInFrames
        self.fadeOutFrames = fadeOutFrames
        self.labelUntilFrame = labelUntilFrame
        self.labelText = labelText
        self.labelBelow = labelBelow
    }

    /// True when a clip that already has the film's encoding and length needs no work.
    public var isPassThrough: Bool { fadeInFrames == 0 && fadeOutFrames == 0 && labelUntilFrame == 0 }
}

/// Brings any clip to the film's encoding, size, rate and exact length in frames, with its
/// fades and the visible AI label; or says that a clip already matches and can be used as is.
public enum Conform {
    /// Whether `media` is already exactly what the cut needs, so it can be used as is.
    public static func matches(_ media: MediaInfo?, spec: ConformSpec, encode: EncodeSettings) -> Bool {
        guard spec.isPassThrough, let m = media else { return false }
        return m.videoCodec == "h264" && m.pixelFormat == "yuv420p" && m.width == encode.format.width
            && m.height == encode.format.height && m.frameRate == encode.format.frameRate && m.frameCount == spec.frames
            && !m.hasAudio
    }

    /// ffmpeg arguments that conform `input` to `spec`, writing `output`.
    public static func arguments(input: URL, output: URL, spec: ConformSpec, encode: EncodeSettings) -> [String] {
        ["-v", "error", "-nostdin", "-y", "-i", input.path,
         "-vf", filter(spec, encode: encode),
         "-frames:v", "\(spec.frames)", "-r", encode.rateArgument, "-an"]
            + encode.videoCodecArguments
            + ["-movflags", "+faststart", output.path]
    }

    /// Fill the frame (scale to cover, crop the centre), resample the rate, hold the last
    /// frame if the clip is short, then fades and the label.
    public static func filter(_ spec: ConformSpec, encode: EncodeSettings) -> String {
        let w = encode.format.width
        let h = encode.format.height
        let rate = encode.rateArgument
        var chain = [
            "scale=\(w):\(h):force_original_aspect_ratio=increase:flags=lanczos",
            "crop=\(w):\(h)",
            "fps=\(rate)",
            "tpad=stop_mode=clone:stop=\(spec.frames)",
            "setsar=1",
        ]
        if spec.fadeInFrames > 0 {
            chain.append("fade=t=in:s=0:n=\(spec.fadeInFrames)")
        }
        if spec.fadeOutFrames > 0 {
            chain.append("fade=t=out:s=\(max(0, spec.frames - spec.fadeOutFrames)):n=\(spec.fadeOutFrames)")
        }
        if spec.labelUntilFrame > 0 {
            chain.append(AIGCLabel.drawtext(spec.labelText, width: w, height: h, untilFrame: spec.labelUntilFrame,
                                            below: spec.labelBelow.map { Int(($0 * Double(h)).rounded(.up)) }))
        }
        chain.append("format=yuv420p")
        return chain.joined(separator: ",")
    }
}
