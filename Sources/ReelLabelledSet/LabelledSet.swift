import Foundation
import ReelMedia
import ReelModel

/// The labelled set: good clips, each defect alone (vertical and horizontal), and a few
/// mixed. Good clips at the sizes models return (720x1280, 1280x720) and small ones; the
/// defects small, except where the size is the defect, since the check measures a 160×160
/// copy of every frame whatever the clip's size.
public enum LabelledSet {
    public static let v = (360, 640), h = (640, 360)

    public static func ms(_ s: Double) -> RationalTime { .milliseconds(Int64((s * 1000).rounded())) }

    public static func good(_ name: String, _ size: (Int, Int), _ picture: String, rate: Int = 24, seconds: Double = 2.5,
                     sound: String? = nil, speech: Bool = false) -> LabelledClip {
        LabelledClip(name: "good-" + name, width: size.0, height: size.1, rate: rate, seconds: seconds, picture: picture,
                     sound: sound, expected: ClipExpectation(duration: ms(seconds), width: size.0, height: size.1, speech: speech),
                     labels: [])
    }

    public static func bad(_ name: String, _ size: (Int, Int), _ picture: String, after: String = "", sound: String? = nil,
                    seconds: Double = 2.5, expected: ClipExpectation? = nil, speech: Bool = false,
                    _ labels: [(ClipProblem.Kind, ClosedRange<Double>?)]) -> LabelledClip {
        LabelledClip(name: name, width: size.0, height: size.1, seconds: seconds, picture: picture, after: after, sound: sound,
                     expected: expected ?? ClipExpectation(duration: ms(seconds), width: size.0, height: size.1, speech: speech),
                     labels: labels)
    }

    public static func freeze(_ first: Int, _ last: Int = 9999) -> String {
        "split[s0][s1];[s0][s1]freezeframes=first=\(first):last=\(last):replace=\(first)"
    }

    public static func box(_ color: String, _ enable: String) -> String { "drawbox=c=\(color):t=fill:enable='\(enable)'" }

    public static func flicker(_ amplitude: Double, _ hz: Double, _ gate: String = "1") -> String {
        "eq=brightness='\(amplitude)*sin(2*PI*t*\(hz))*\(gate)':eval=frame"
    }

    public static let goodClips: [LabelledClip] = [
        good("test-v", (720, 1280), Picture.test, sound: Sound.speech(), speech: true),
        good("test-h", (1280, 720), Picture.test, sound: Sound.music),
        good("bars-v", (720, 1280), Picture.barsPan),
        good("bars-h", (1280, 720), Picture.barsPan, sound: Sound.ambience),
        good("mandelbrot-v", (720, 1280), Picture.mandelbrot, rate: 30, sound: Sound.speech(mute: "between(t,1.0,1.4)"), speech: true),
        good("mandelbrot-h", (1280, 720), Picture.mandelbrot, rate: 25, sound: Sound.music),
        good("object-v", (720, 1280), Picture.object),
        good("object-h", (1280, 720), Picture.object, sound: Sound.speech(), speech: true),
        good("gradients-v", v, Picture.gradients, sound: Sound.music),
        good("gradients-h", h, Picture.gradients),
        good("night-v", v, Picture.night, sound: Sound.ambience),
        good("night-h", h, Picture.night, sound: Sound.speech(), speech: true),
        good("fast-pan-h", h, Picture.fastPan, rate: 30, sound: Sound.music),
        good("fast-pan-v", v, Picture.fastPan),
        good("test-30-v", v, Picture.test, rate: 30, seconds: 4, sound: Sound.speech(), speech: true),
        good("test-25-h", h, Picture.test, rate: 25, seconds: 2, sound: Sound.ambience),
        good("object-small-v", v, Picture.object, seconds: 3.5, sound: Sound.music),
        good("mandelbrot-small-h", h, Picture.mandelbrot, seconds: 3, sound: Sound.speech(), speech: true),
        good("bars-small-v", v, Picture.barsPan, seconds: 2),
        good("gradients-pause-h", h, Picture.gradients, seconds: 3, sound: Sound.speech(mute: "between(t,0.8,1.3)"), speech: true),
        // Another draw of the same kind of picture (a model's second take of one prompt): not a repeat.
        good("gradients-other-v", v, Picture.gradients.replacingOccurrences(of: "seed=11", with: "seed=23")),
        good("night-other-h", h, Picture.night.replacingOccurrences(of: "seed=7", with: "seed=19")),
    ]

    /// `original` made again another way: smaller or larger, a shade brighter, softer,
    /// watermarked, at another rate; each nearly repeats it.
    public static func again(_ original: String, _ size: (Int, Int), _ picture: String, rate: Int = 24, after: String = "") -> LabelledClip {
        var clip = bad("again-" + original, size, picture, after: after, [(.duplicate, nil)])
        clip.rate = rate
        clip.repeats = "good-" + original
        return clip
    }

    public static let repeatClips: [LabelledClip] = [
        again("test-v", v, Picture.test.replacingOccurrences(of: "W2xH2", with: "360x640")),
        again("bars-h", h, Picture.barsPan, after: "eq=brightness=0.02"),
        again("mandelbrot-v", v, Picture.mandelbrot, rate: 30, after: box("white@0.6", "1").replacingOccurrences(
            of: "t=fill", with: "x=iw-70:y=ih-40:w=60:h=24:t=fill")),
        again("object-h", h, Picture.object, rate: 30),
        again("gradients-v", (720, 1280), Picture.gradients.replacingOccurrences(of: "W4xH4", with: "90x160")),
        again("night-h", h, Picture.night, after: "gblur=sigma=1.5"),
        again("fast-pan-v", v, Picture.fastPan, rate: 25),
    ]

    public static let defectClips: [LabelledClip] = [
        bad("black-middle-v", v, Picture.test, after: box("black", "between(t,1.0,1.8)"), [(.black, 1.0...1.8)]),
        bad("black-start-h", h, Picture.barsPan, after: box("black", "lt(t,0.6)"), [(.black, 0...0.6)]),
        bad("black-end-v", v, Picture.mandelbrot, after: box("black", "gte(t,1.7)"), [(.black, 1.7...2.5)]),
        bad("nearly-black-h", h, Picture.object, after: "lutyuv=y='16+val/16'", [(.black, nil)]),
        bad("frozen-end-v", v, Picture.test, after: freeze(30), [(.frozen, 1.25...2.5)]),
        bad("frozen-middle-h", h, Picture.barsPan, after: freeze(20, 45), [(.frozen, 0.83...1.9)]),
        bad("frozen-early-v", v, Picture.mandelbrot, after: freeze(12), [(.frozen, 0.5...2.5)]),
        bad("frozen-middle-object-h", h, Picture.object, after: freeze(24, 52), [(.frozen, 1.0...2.2)]),
        bad("flash-white-v", v, Picture.test, after: box("white", "between(n,30,31)"), [(.flash, 1.25...1.33)]),
        bad("flash-bright-h", h, Picture.barsPan, after: "eq=brightness=0.35:enable='eq(n,36)'", [(.flash, 1.5...1.54)]),
        bad("flash-dark-v", v, Picture.object, after: box("black", "eq(n,28)"), [(.flash, 1.16...1.2)]),
        bad("flash-three-h", h, Picture.mandelbrot, after: box("white", "between(n,20,22)"), [(.flash, 0.83...0.96)]),
        bad("flicker-sine-v", v, Picture.test, after: flicker(0.05, 7), [(.flicker, nil)]),
        bad("flicker-random-h", h, Picture.barsPan, after: "eq=brightness='0.08*(random(0)-0.5)':eval=frame", [(.flicker, nil)]),
        bad("flicker-slow-v", v, Picture.object, after: flicker(0.04, 5), [(.flicker, nil)]),
        bad("flicker-part-h", h, Picture.mandelbrot, after: flicker(0.05, 8, "between(t,1,2)"), [(.flicker, 1.0...2.0)]),
        bad("cut-v", v, Picture.cut(Picture.test, Picture.mandelbrot, at: 1.2), [(.cut, 1.2...1.25)]),
        bad("cut-h", h, Picture.cut(Picture.barsPan, Picture.test, at: 1.0), [(.cut, 1.0...1.05)]),
        bad("cut-gradients-v", v, Picture.cut(Picture.mandelbrot, Picture.gradients, at: 1.5), [(.cut, 1.5...1.55)]),
        bad("cut-object-h", h, Picture.cut(Picture.object, Picture.barsPan, at: 1.3), [(.cut, 1.29...1.34)]),
        bad("short-v", v, Picture.test, seconds: 2, expected: ClipExpectation(duration: ms(3)), [(.duration, nil)]),
        bad("long-h", h, Picture.barsPan, seconds: 3, expected: ClipExpectation(duration: ms(2)), [(.duration, nil)]),
        bad("short-object-v", v, Picture.object, expected: ClipExpectation(duration: ms(4)), [(.duration, nil)]),
        bad("long-mandelbrot-h", h, Picture.mandelbrot, seconds: 3.5, expected: ClipExpectation(duration: ms(3)), [(.duration, nil)]),
        bad("size-turned-h", h, Picture.test, expected: ClipExpectation(width: 360, height: 640), [(.size, nil)]),
        bad("size-narrow-v", (352, 640), Picture.barsPan, expected: ClipExpectation(width: 360, height: 640), [(.size, nil)]),
        bad("size-square", (480, 480), Picture.object, expected: ClipExpectation(width: 360, height: 640), [(.size, nil)]),
        bad("size-short-h", (640, 352), Picture.mandelbrot, expected: ClipExpectation(width: 640, height: 360), [(.size, nil)]),
        bad("aspect-4-3-v", v, Picture.test, after: "setsar=4/3", [(.aspect, nil)]),
        bad("aspect-3-4-h", h, Picture.barsPan, after: "setsar=3/4", [(.aspect, nil)]),
        bad("aspect-2-1-v", v, Picture.object, after: "setsar=2/1", [(.aspect, nil)]),
        bad("aspect-9-10-h", h, Picture.gradients, after: "setsar=9/10", [(.aspect, nil)]),
        bad("letterbox-v", v, Picture.boxed(Picture.test, 360, 480), [(.letterbox, nil)]),
        bad("letterbox-scope-h", h, Picture.boxed(Picture.barsPan, 640, 268), [(.letterbox, nil)]),
        bad("letterbox-square-v", v, Picture.boxed(Picture.object, 360, 360), [(.letterbox, nil)]),
        bad("letterbox-thin-h", h, Picture.boxed(Picture.mandelbrot, 640, 320), [(.letterbox, nil)]),
        bad("pillarbox-h", h, Picture.boxed(Picture.test, 480, 360), [(.pillarbox, nil)]),
        bad("pillarbox-vertical-in-h", h, Picture.boxed(Picture.object, 200, 360), [(.pillarbox, nil)]),
        bad("pillarbox-v", v, Picture.boxed(Picture.barsPan, 300, 640), [(.pillarbox, nil)]),
        bad("pillarbox-thin-v", v, Picture.boxed(Picture.gradients, 320, 640), [(.pillarbox, nil)]),
        bad("silence-after-v", v, Picture.test, sound: Sound.speech(mute: "gte(t,1.2)"), speech: true, [(.silence, 1.2...2.5)]),
        bad("silent-track-h", h, Picture.barsPan, sound: Sound.silent, speech: true, [(.silence, 0...2.5)]),
        bad("silence-before-v", v, Picture.object, sound: Sound.speech(mute: "lt(t,2.0)"), seconds: 3, speech: true,
            [(.silence, 0...2.0)]),
        bad("silence-middle-h", h, Picture.mandelbrot, sound: Sound.speech(mute: "between(t,0.8,2.6)"), seconds: 3.5, speech: true,
            [(.silence, 0.8...2.6)]),
        bad("no-audio-v", v, Picture.test, speech: true, [(.noAudio, nil)]),
        bad("no-audio-h", h, Picture.barsPan, speech: true, [(.noAudio, nil)]),
        bad("no-audio-gradients-v", v, Picture.gradients, speech: true, [(.noAudio, nil)]),
        bad("no-audio-object-h", h, Picture.object, speech: true, [(.noAudio, nil)]),
        bad("quiet-v", v, Picture.test, sound: Sound.speech(0.012), [(.loudness, nil)]),
        bad("loud-h", h, Picture.barsPan, sound: Sound.loud, [(.loudness, nil)]),
        bad("quiet-music-v", v, Picture.object, sound: Sound.music.replacingOccurrences(of: "0.1", with: "0.004"), [(.loudness, nil)]),
        bad("loud-mandelbrot-h", h, Picture.mandelbrot, sound: Sound.loud, [(.loudness, nil)]),
    ]

    public static let mixedClips: [LabelledClip] = [
        bad("mixed-black-frozen-v", v, Picture.test, after: box("black", "lt(t,0.5)") + "," + freeze(40),
            [(.black, 0...0.5), (.frozen, 1.67...2.5)]),
        bad("mixed-letterbox-flash-h", h, Picture.boxed(Picture.barsPan, 640, 268), after: box("white", "between(n,30,31)"),
            [(.letterbox, nil), (.flash, 1.25...1.33)]),
        bad("mixed-cut-silence-v", v, Picture.cut(Picture.test, Picture.mandelbrot, at: 1.0),
            sound: Sound.speech(mute: "gte(t,1.3)"), seconds: 3, speech: true, [(.cut, 1.0...1.05), (.silence, 1.3...3.0)]),
        bad("mixed-duration-size-h", (640, 352), Picture.test, seconds: 2,
            expected: ClipExpectation(duration: ms(3), width: 640, height: 360), [(.duration, nil), (.size, nil)]),
        bad("mixed-flicker-loud-v", v, Picture.object, after: flicker(0.05, 7), sound: Sound.loud,
            [(.flicker, nil), (.loudness, nil)]),
        bad("mixed-pillarbox-no-audio-h", h, Picture.boxed(Picture.test, 480, 360), speech: true,
            [(.pillarbox, nil), (.noAudio, nil)]),
    ]

    public static var all: [LabelledClip] { goodClips + defectClips + mixedClips + repeatClips }
}
