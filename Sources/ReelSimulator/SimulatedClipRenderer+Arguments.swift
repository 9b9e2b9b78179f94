import Foundation
import ReelMedia
import ReelModel

extension SimulatedClipRenderer {
    /// The ffmpeg arguments for `clip`: an exact number of frames at the exact rate,
    /// H.264 yuv420p on one thread with bit-exact muxing, so the same clip is the same bytes.
    ///
    /// Full mode draws slowly turning gradients in two colours picked from the seed, and the
    /// clip's text (read from `textFile`, never parsed for `%` expansions) in Noto Sans CJK SC.
    /// Cheap mode draws flat grey, slowly brightening and darkening, with the fastest x264
    /// preset. A clip with a ``ClipDefect`` is broken that way (black, frozen, cut, short; a repeated one is drawn with seed 0). Given `image` (the still the
    /// request started from), full mode draws the clip from it, filled to the frame, pushing in
    /// slowly from exactly the still (a held still would be a frozen picture), with the text
    /// small along the bottom.
    public static func arguments(_ clip: SimulatedClip, mode: SimulationConfig.RenderMode, textFile: URL,
                                 image: URL? = nil, output: URL) -> [String] {
        let rate = clip.frameRate.denominator == 1 ? "\(clip.frameRate.numerator)"
            : "\(clip.frameRate.numerator)/\(clip.frameRate.denominator)"
        let size = "\(clip.width)x\(clip.height)"
        let keyint = max(1, Int((clip.frameRate.framesPerSecond * 2).rounded()))
        let timescale = clip.frameRate.denominator == 1 ? clip.frameRate.numerator * 1000 : clip.frameRate.numerator
        let frames = "\(clip.framesMade)"
        var args = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"]
        var filters: [String]
        switch (mode, image) {
        case (.cheap, _):
            // Flat grey whose brightness ramps slowly up and down (a still picture would be a
            // frozen take), on the fastest x264 preset.
            args += ["-i", "color=c=0x505050:s=\(size):r=\(rate)"]
            filters = ["eq=brightness='0.3*abs(mod(t,6)-3)/3-0.15':eval=frame"]
        case (.full, let image?):
            let font = max(14, min(clip.width, clip.height) / 36)
            let fill = "scale=\(clip.width):\(clip.height):force_original_aspect_ratio=increase,crop=\(clip.width):\(clip.height),setsar=1"
            // A slow push in from exactly the still (zoom 1 on the first frame).
            let push = "zoompan=z='1+0.002*on':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=\(clip.width)x\(clip.height):fps=\(rate)"
            let text = "drawtext=font='Noto Sans CJK SC':textfile='\(FilterQuoting.insideQuotes(textFile))':expansion=none:fontsize=\(font)"
                + ":fontcolor=white:box=1:boxcolor=black@0.45:boxborderw=\(font / 2):x=(w-tw)/2:y=h-th-\(font * 2)"
            args = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-loop", "1", "-framerate", rate, "-i", image.path]
            filters = [fill, push, "format=yuv420p", text]
        case (.full, nil):
            var random = SeededRandom(seed: clip.seed, stream: "sim-colour")
            let hue = random.unit()
            let first = colour(hue: hue, saturation: 0.55, value: 0.75)
            let second = colour(hue: (hue + 0.35 + 0.3 * random.unit()).truncatingRemainder(dividingBy: 1), saturation: 0.6, value: 0.6)
            let source = "gradients=s=\(size):r=\(rate):c0=\(first):c1=\(second):x0=0:y0=0:x1=\(clip.width):y1=\(clip.height)"
                + ":seed=\(clip.seed % 4_294_967_296):speed=0.02"
            let font = max(16, min(clip.width, clip.height) / 18)
            let text = "drawtext=font='Noto Sans CJK SC':textfile='\(FilterQuoting.insideQuotes(textFile))':expansion=none:fontsize=\(font)"
                + ":fontcolor=white:line_spacing=\(font / 3):box=1:boxcolor=black@0.45:boxborderw=\(font / 2)"
                + ":x=(w-tw)/2:y=(h-th)/2"
            args += ["-i", source]
            filters = [text]
        }
        switch clip.defect {
        case .black?: filters.append("drawbox=c=black:t=fill")
        case .frozen?: filters.append("loop=loop=-1:size=1:start=0")
        case .cut?: filters.append("negate=enable='gte(n,\(clip.framesMade / 2))'")
        case .short?, .repeated?, nil: break
        }
        // A model that makes sound (the request asked for `audio`): a tone whose pitch comes
        // from the seed, exactly as long as the picture, on its own input.
        if clip.sound == true {
            var random = SeededRandom(seed: clip.seed, stream: "sim-tone")
            let seconds = FilterQuoting.number(Double(clip.framesMade) / clip.frameRate.framesPerSecond)
            args += ["-f", "lavfi", "-i", "sine=frequency=\(220 + Int(random.unit() * 440)):sample_rate=48000:duration=\(seconds)"]
        }
        args += ["-vf", filters.joined(separator: ","), "-frames:v", frames]
        args += clip.sound == true ? ["-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "64k", "-flags:a", "+bitexact"] : ["-an"]
        args += ["-c:v", "libx264"]
        args += mode == .cheap ? ["-preset", "ultrafast", "-crf", "30"] : ["-preset", "veryfast", "-crf", "26"]
        args += ["-threads", "1", "-profile:v", "high", "-pix_fmt", "yuv420p",
                 "-x264-params", "keyint=\(keyint):min-keyint=1:scenecut=0",
                 "-video_track_timescale", "\(timescale)", "-map_metadata", "-1",
                 "-fflags", "+bitexact", "-flags:v", "+bitexact", "-movflags", "+faststart", output.path]
        return args
    }

    /// The ffmpeg arguments for a PNG still of `clip`: its first frame as full mode draws it,
    /// with the text along the top.
    public static func stillArguments(_ clip: SimulatedClip, textFile: URL, output: URL) -> [String] {
        var random = SeededRandom(seed: clip.seed, stream: "sim-colour")
        let hue = random.unit()
        let first = colour(hue: hue, saturation: 0.5, value: 0.85)
        let second = colour(hue: (hue + 0.35 + 0.3 * random.unit()).truncatingRemainder(dividingBy: 1), saturation: 0.65, value: 0.5)
        let source = "gradients=s=\(clip.width)x\(clip.height):c0=\(first):c1=\(second):x0=0:y0=0:x1=\(clip.width):y1=\(clip.height)"
            + ":seed=\(clip.seed % 4_294_967_296)"
        let font = max(16, min(clip.width, clip.height) / 24)
        let text = "drawtext=font='Noto Sans CJK SC':textfile='\(FilterQuoting.insideQuotes(textFile))':expansion=none:fontsize=\(font)"
            + ":fontcolor=white:line_spacing=\(font / 3):box=1:boxcolor=black@0.45:boxborderw=\(font / 2)"
            + ":x=(w-tw)/2:y=h/6"
        return ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, "-vf", text,
                "-frames:v", "1", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                "-f", "image2", "-c:v", "png", output.path]
    }

    /// `0xRRGGBB` for a colour given as hue, saturation and value in 0...1.
    static func colour(hue: Double, saturation: Double, value: Double) -> String {
        let h = hue * 6
        let sector = Int(h) % 6
        let f = h - Double(Int(h))
        let p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f))
        let (r, g, b): (Double, Double, Double) = switch sector {
        case 0: (value, t, p)
        case 1: (q, value, p)
        case 2: (p, value, t)
        case 3: (p, q, value)
        case 4: (t, p, value)
        default: (value, p, q)
        }
        return String(format: "0x%02X%02X%02X", Int(r * 255), Int(g * 255), Int(b * 255))
    }
}
