import Foundation
import ReelMedia
import ReelModel

/// One clip of the labelled set: how ffmpeg makes it, what it was asked to be, and the
/// problems it has on purpose (with when, for problems of a moment).
public struct LabelledClip: Sendable {
    public var name: String
    public var width: Int
    public var height: Int
    public var rate = 24
    public var seconds = 2.5
    /// A filter graph from lavfi sources to the picture, before the shared noise; `W`, `H`,
    /// `R`, `D` stand for width, height, rate and length.
    public var picture: String
    /// Filters after the noise (the defect); empty for none.
    public var after = ""
    /// An audio source graph, or nil for a clip without sound.
    public var sound: String?
    public var expected: ClipExpectation
    public var labels: [(ClipProblem.Kind, ClosedRange<Double>?)]
    /// The clip this one is the same picture as, made again another way (a `duplicate`).
    public var repeats: String?

    public var isVertical: Bool { height > width }

    /// The ffmpeg arguments that write the clip to `url`: a real libx264 yuv420p encode.
    public func arguments(_ url: URL) -> [String] {
        func fill(_ s: String) -> String {
            s.replacingOccurrences(of: "W2", with: "\(width / 2)").replacingOccurrences(of: "H2", with: "\(height / 2)")
                .replacingOccurrences(of: "W4", with: "\(width / 4)").replacingOccurrences(of: "H4", with: "\(height / 4)")
                .replacingOccurrences(of: "WW", with: "\(width)").replacingOccurrences(of: "HH", with: "\(height)")
                .replacingOccurrences(of: "RR", with: "\(rate)").replacingOccurrences(of: "DD", with: "\(seconds)")
        }
        var graph = fill(picture) + ",noise=alls=6:allf=t" + (after.isEmpty ? "" : "," + fill(after)) + ",format=yuv420p[v]"
        var maps = ["-map", "[v]"]
        if let sound {
            graph += ";" + fill(sound) + "[a]"
            maps += ["-map", "[a]", "-c:a", "aac", "-b:a", "96k"]
        }
        return ["-hide_banner", "-v", "error", "-nostdin", "-y", "-filter_complex", graph] + maps
            + ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "24", "-threads", "1", "-t", "\(seconds)", url.path]
    }
}

/// Pictures made of lavfi sources, with motion: `W`×`H` at `R` fps for `D` s.
public enum Picture {
    public static let test = "testsrc2=s=W2xH2:r=RR:d=DD,scale=WW:HH"
    public static let barsPan = "smptebars=s=W2xH2:r=RR:d=DD,scale=2*WW:HH,crop=WW:HH:x='t*WW/4',setsar=1"
    public static let mandelbrot = "mandelbrot=s=W4xH4:r=RR,trim=duration=DD,scale=WW:HH"
    // `gradients` draws its own random points unless given a seed, and random colours
    // unless given colours (ffmpeg 5.1 draws those unseeded): both make the clip the same
    // every run (an unlucky draw once made the dark one barely move, "frozen").
    public static let gradients = "gradients=s=W4xH4:r=RR:speed=0.03:d=DD:c0=0x3060a0:c1=0xc08040:seed=11,scale=WW:HH"
    public static let night = "gradients=s=W4xH4:r=RR:speed=0.04:d=DD:c0=0x101830:c1=0x304060:seed=7,scale=WW:HH"
    public static let object = "color=c=0x406080:s=WWxHH:r=RR:d=DD[bg];testsrc2=s=W4xW4:r=RR:d=DD[fg];"
        + "[bg][fg]overlay=x='t*WW/5':y='HH/3+t*15'"
    public static let fastPan = "smptehdbars=s=W2xH2:r=RR:d=DD,scale=3*WW:HH,crop=WW:HH:x='t*WW*0.8',setsar=1"

    /// `a` for `first` seconds, then `b` (the encode's length ends it): a cut.
    public static func cut(_ a: String, _ b: String, at first: Double) -> String {
        "\(a),setsar=1,trim=duration=\(first)[c0];\(b),setsar=1,setpts=PTS-STARTPTS[c1];[c0][c1]concat=n=2:v=1:a=0"
    }

    /// `source` made `w`×`h` then padded with black to the clip's size.
    public static func boxed(_ source: String, _ w: Int, _ h: Int) -> String {
        source.replacingOccurrences(of: "WW", with: "\(w)").replacingOccurrences(of: "HH", with: "\(h)")
            .replacingOccurrences(of: "W2", with: "\(w / 2)").replacingOccurrences(of: "H2", with: "\(h / 2)")
            .replacingOccurrences(of: "W4", with: "\(w / 4)").replacingOccurrences(of: "H4", with: "\(h / 4)")
            + ",pad=WW:HH:(ow-iw)/2:(oh-ih)/2:black"
    }
}

/// Sounds from lavfi sources, `D` s long.
public enum Sound {
    /// Syllables: a voiced tone with a moving pitch, four syllables a second; `mute`
    /// gives a pause (a `between(t,a,b)` expression, or 0).
    public static func speech(_ amplitude: Double = 0.3, mute: String = "0") -> String {
        "aevalsrc='\(amplitude)*(sin(2*PI*(140+30*sin(2*PI*1.1*t))*t)+0.5*sin(4*PI*(140+30*sin(2*PI*1.1*t))*t))"
            + "*pow(sin(2*PI*2.2*t),2)*(1-(\(mute)))':s=48000:d=DD"
    }

    public static let music = "aevalsrc='0.12*sin(2*PI*220*t)+0.1*sin(2*PI*277.2*t)+0.1*sin(2*PI*329.6*t)':s=48000:d=DD"
    public static let ambience = "anoisesrc=c=pink:a=0.3:d=DD:r=48000:seed=7"
    public static let silent = "anullsrc=r=48000:cl=stereo,atrim=duration=DD"
    public static let loud = "aevalsrc='0.98*sgn(sin(2*PI*180*t))+0*t':s=48000:d=DD"
}
