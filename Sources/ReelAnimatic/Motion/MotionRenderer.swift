import Foundation
import ReelMedia
import ReelModel

/// A camera move over a still panel, as one ffmpeg command that writes a clip ready for
/// the cut: exact frame count, the film's size, rate and encoding.
public struct MotionSpec: Hashable, Sendable, Codable {
    public var move: CameraMove
    public var frames: Int64
    public var layout: MotionLayout
    /// The point a push-in closes on (and a pull-out leaves), in canvas pixels: a face.
    public var focusX: Int
    public var focusY: Int
    /// How much a push-in or pull-out zooms: 0.15 is 15%.
    public var zoom: Double

    public init(move: CameraMove, frames: Int64, layout: MotionLayout, focusX: Int? = nil, focusY: Int? = nil,
                zoom: Double = 0.15) {
        self.move = move
        self.frames = frames
        self.layout = layout
        self.focusX = focusX ?? layout.frameX + layout.frameWidth / 2
        self.focusY = focusY ?? layout.frameY + layout.frameHeight / 2
        self.zoom = zoom
    }
}

/// The animatic's camera move as one ffmpeg command: a still panel (and its screen layer)
/// into a clip already in the film's encoding, so the cut can stream-copy it.
public enum MotionRenderer {
    /// Goes up whenever the same spec would render a different clip; part of cache keys.
    /// 3: single-threaded, repeatable encoding.
    public static let version = 3

    /// The ffmpeg arguments that turn `panel` into `output` for `spec`; `overlay` is a
    /// transparent frame-sized layer (captions) that stays put while the picture moves.
    public static func arguments(panel: URL, overlay: URL? = nil, output: URL, spec: MotionSpec,
                                 encode: EncodeSettings) -> [String] {
        let w = encode.format.width
        let h = encode.format.height
        let rate = encode.rateArgument
        var args = ["-v", "error", "-nostdin", "-y", "-i", panel.path]
        if let overlay {
            args += ["-i", overlay.path, "-filter_complex", composite(spec, width: w, height: h, rate: rate), "-map", "[v]"]
        } else {
            args += ["-vf", filter(spec, width: w, height: h, rate: rate)]
        }
        return args + ["-frames:v", "\(spec.frames)", "-r", rate, "-an"]
            + encode.videoCodecArguments
            + ["-movflags", "+faststart", output.path]
    }

    /// The moving picture with the overlay on top. A static shot is composited once and
    /// then repeated; a moving one is composited every frame.
    public static func composite(_ spec: MotionSpec, width w: Int, height h: Int, rate: String) -> String {
        let over = "[1:v]scale=\(w):\(h):flags=lanczos,format=rgba[ov]"
        if spec.move == .static {
            let l = spec.layout
            return "[0:v]crop=\(l.frameWidth):\(l.frameHeight):\(l.frameX):\(l.frameY),scale=\(w):\(h):flags=lanczos[bg];\(over);"
                + "[bg][ov]overlay=0:0,loop=loop=-1:size=1,setpts=N/((\(rate))*TB),setsar=1,format=yuv420p[v]"
        }
        let moving = filter(spec, width: w, height: h, rate: rate)
        return "[0:v]\(moving)[bg];\(over);[bg][ov]overlay=0:0:eof_action=repeat,format=yuv420p[v]"
    }

    /// The filter chain: the panel is decoded once and repeated in memory (`loop`), then
    /// the moving window is cut out of the canvas and scaled to the film.
    public static func filter(_ spec: MotionSpec, width w: Int, height h: Int, rate: String) -> String {
        let l = spec.layout
        let last = max(1, spec.frames - 1)
        let repeatFrame = "loop=loop=-1:size=1,setpts=N/((\(rate))*TB)"
        // Smoothstep easing: starts and ends at rest, like a hand on a fluid head.
        let e = "(3*pow(min(n/\(last)\\,1)\\,2)-2*pow(min(n/\(last)\\,1)\\,3))"
        let tail = "scale=\(w):\(h):flags=lanczos,setsar=1,format=yuv420p"
        switch spec.move {
        case .static:
            // Scale once, then repeat the finished frame.
            return "crop=\(l.frameWidth):\(l.frameHeight):\(l.frameX):\(l.frameY),scale=\(w):\(h):flags=lanczos,"
                + "\(repeatFrame),setsar=1,format=yuv420p"
        case .panLeft, .panRight:
            let (from, to) = spec.move == .panRight ? (0, l.canvasWidth - l.frameWidth) : (l.canvasWidth - l.frameWidth, 0)
            return "\(repeatFrame),crop=w=\(l.frameWidth):h=\(l.frameHeight):x='\(from)+(\(to - from))*\(e)':y=\(l.frameY),\(tail)"
        case .tiltUp, .tiltDown:
            let (from, to) = spec.move == .tiltDown ? (0, l.canvasHeight - l.frameHeight) : (l.canvasHeight - l.frameHeight, 0)
            return "\(repeatFrame),crop=w=\(l.frameWidth):h=\(l.frameHeight):x=\(l.frameX):y='\(from)+(\(to - from))*\(e)',\(tail)"
        case .pushIn, .pullOut:
            // Scale the whole canvas by a growing (or shrinking) factor, then cut the film
            // frame around the focus point, kept inside the picture.
            let base = Double(w) / Double(l.frameWidth)
            let z = spec.move == .pushIn ? "(1+\(FilterQuoting.number(spec.zoom))*\(e))" : "(1+\(FilterQuoting.number(spec.zoom))*(1-\(e)))"
            let s = "\(FilterQuoting.number(base))*\(z)"
            let fx = Double(spec.focusX) / Double(l.canvasWidth)
            let fy = Double(spec.focusY) / Double(l.canvasHeight)
            // Bilinear: the scaler is rebuilt every frame, and at these ratios it is as
            // clean as bicubic for a fraction of the time.
            return "\(repeatFrame),scale=w='2*trunc(\(l.canvasWidth)*\(s)/2)':h='2*trunc(\(l.canvasHeight)*\(s)/2)':eval=frame:flags=bilinear,"
                + "crop=\(w):\(h):x='clip(\(FilterQuoting.number(fx))*iw-\(w / 2)\\,0\\,iw-\(w))':y='clip(\(FilterQuoting.number(fy))*ih-\(h / 2)\\,0\\,ih-\(h))',"
                + "setsar=1,format=yuv420p"
        }
    }
}
