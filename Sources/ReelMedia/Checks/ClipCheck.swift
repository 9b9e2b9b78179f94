import Foundation
import ReelModel

/// What a clip was asked to be. Every field is optional: a check with no expectation still
/// looks at the picture and the sound.
public struct ClipExpectation: Hashable, Sendable, Codable {
    /// The length asked of the model.
    public var duration: RationalTime?
    public var width: Int?
    public var height: Int?
    /// Someone speaks in it, so it must have sound and no long silence.
    public var speech: Bool
    /// Only the shape of ``width``×``height`` matters (within 2%), not the exact size: what a
    /// take is held to, since models return their own resolutions and the cut scales them.
    public var shapeOnly: Bool

    public init(duration: RationalTime? = nil, width: Int? = nil, height: Int? = nil, speech: Bool = false,
                shapeOnly: Bool = false) {
        self.shapeOnly = shapeOnly
        self.duration = duration
        self.width = width
        self.height = height
        self.speech = speech
    }
}

/// The quality check of a single clip (a take from a model, or any video): black, frozen,
/// flashing or flickering pictures, cuts inside the shot, length, size, pixel aspect,
/// letterbox and pillarbox bars, silence where speech is expected, loudness.
///
/// Everything is measured in one ffmpeg decode pass (``arguments(for:)``): the frames are
/// shrunk to a small square once, and every video filter reads those; the sound goes
/// through `ebur128` and `silencedetect` in the same run. ``problems(_:media:expected:)``
/// turns the measurements into typed problems; it is pure, so every rule has unit tests.
public enum ClipCheck {
    /// The side of the square picture the video filters measure.
    public static let analysisSide = 160
    /// Black: at least this long (s), pixels under 10% of the luma range.
    public static let blackMinimum = 0.2
    /// Frozen: at least this long (s) without a change above −55 dB (the encoder still
    /// refines a frozen picture for a few frames; −60 dB would wait for it).
    public static let frozenMinimum = 0.5
    /// A flash changes the mean luma by this much (0–255) and comes back within `flashFrames`.
    public static let flashJump = 30.0
    public static let flashFrames = 6
    /// Flicker: the mean luma turns from rising to falling (by at least `flickerStep`)
    /// `flickerTurns` times within a second.
    public static let flickerStep = 3.0
    public static let flickerTurns = 4
    /// A scene-change score (0–100) this high inside a shot is a cut.
    public static let cutScore = 10.0
    /// So is a jump of the mean colour this large (0–255, U and V together) that stays: two
    /// pictures of one brightness in different colours barely move the scene score.
    public static let colourCut = 12.0
    /// Bars: each of two opposite black margins covers at least this share of the picture.
    public static let barShare = 0.04
    /// The sound's integrated loudness must be in this range (LUFS) unless it is silent.
    public static let loudnessRange: ClosedRange<Double> = -30...(-10)
    /// Silence: quieter than −50 dB; with speech expected, a silence this long (s) or
    /// `speechGapShare` of the clip, whichever is longer, is a problem.
    public static let speechGap = 1.0
    public static let speechGapShare = 0.4

    /// How many frames a second the signature (``VideoSignature``) is taken from.
    public static let signatureRate = 4

    /// The one decode pass: video filters on a 160×160 copy of every frame (per-frame
    /// luma and scene score printed to stdout; black, freeze and crop boxes logged), and
    /// the sound, when there is any, measured for loudness and silence. Given `signature`,
    /// the same copy, four times a second, is also shrunk to 8×8 (yuv444p) and written there raw.
    public static func arguments(for clip: URL, signature: URL? = nil) -> [String] {
        let side = analysisSide
        let video = [
            "scale=\(side):\(side):flags=area", "signalstats", "cropdetect=limit=24:round=2:reset_count=1",
            "scdet=threshold=100", "blackdetect=d=\(blackMinimum):pix_th=0.10",
            "freezedetect=n=-55dB:d=\(frozenMinimum)", "metadata=mode=print:file=-",
        ]
        let audio = "ebur128=peak=true:framelog=verbose,silencedetect=n=-50dB:d=0.3"
        let input = ["-hide_banner", "-nostats", "-nostdin", "-v", "info", "-i", clip.path]
        guard let signature else {
            return input + ["-map", "0:v:0", "-map", "0:a:0?", "-vf", video.joined(separator: ","), "-af", audio, "-f", "null", "-"]
        }
        let graph = "[0:v:0]\(video[0]),split=2[measure][sign];[measure]\(video.dropFirst().joined(separator: ","))[checked];"
            + "[sign]fps=\(signatureRate),scale=\(VideoSignature.side):\(VideoSignature.side):flags=area,format=yuv444p[signature]"
        return ["-y"] + input + ["-filter_complex", graph, "-map", "[checked]", "-map", "0:a:0?", "-af", audio, "-f", "null", "-",
                                 "-map", "[signature]", "-f", "rawvideo", signature.path]
    }

    /// Every problem the measurements show, in time order; empty when the clip passes.
    public static func problems(_ m: ClipMeasurements, media: MediaInfo, expected e: ClipExpectation) -> [ClipProblem] {
        let length = media.duration?.seconds ?? m.frames.last.map { $0.time + 1 / 24 } ?? 0
        var problems = pictureProblems(m, length: length)
        let whole = TimeRange.between(0, length)
        if let asked = e.duration?.seconds {
            let tolerance = max(0.05, 1 / (media.frameRate?.framesPerSecond ?? 24) + 0.001)
            if abs(length - asked) > tolerance {
                problems.append(ClipProblem(kind: .duration, range: whole, measure: length, unit: .seconds,
                                            summary: String(format: "it lasts %.2f s, not the %.2f s asked for", length, asked)))
            }
        }
        if let w = media.width, let h = media.height {
            if let ew = e.width, let eh = e.height, (w, h) != (ew, eh),
               !e.shapeOnly || abs(Double(w) / Double(h) / (Double(ew) / Double(eh)) - 1) > 0.02 {
                problems.append(ClipProblem(kind: .size, range: whole, measure: Double(w) / Double(h), unit: .ratio,
                                            summary: e.shapeOnly ? "it is \(w)x\(h), not the shape of \(ew)x\(eh)" : "it is \(w)x\(h), not \(ew)x\(eh)"))
            }
            if let sar = m.pixelAspect, sar[0] != sar[1] {
                let shown = Int((Double(w) * Double(sar[0]) / Double(sar[1])).rounded())
                problems.append(ClipProblem(kind: .aspect, range: whole, measure: Double(shown) / Double(h), unit: .ratio,
                                            summary: "its pixels are not square (SAR \(sar[0]):\(sar[1])), so it shows as \(shown)x\(h)"))
            }
        }
        problems += soundProblems(m, media: media, expected: e, length: length)
        return problems.sorted { ($0.range.start, $0.kind.order) < ($1.range.start, $1.kind.order) }
    }

    /// Silence where speech is expected, no sound at all, loudness out of range.
    static func soundProblems(_ m: ClipMeasurements, media: MediaInfo, expected e: ClipExpectation, length: Double) -> [ClipProblem] {
        var problems: [ClipProblem] = []
        let whole = TimeRange.between(0, length)
        if e.speech, !media.hasAudio {
            problems.append(ClipProblem(kind: .noAudio, range: whole, measure: 0, unit: .seconds,
                                        summary: "speech is expected but it has no sound"))
        }
        if e.speech, media.hasAudio {
            let gap = max(speechGap, speechGapShare * length)
            for span in m.silence {
                let end = min(length, span.end ?? length)
                guard end - span.start >= gap else { continue }
                problems.append(ClipProblem(kind: .silence, range: .between(span.start, end), measure: end - span.start,
                                            unit: .seconds, summary: String(format: "no speech for %.2f s", end - span.start)))
            }
        }
        if media.hasAudio, let l = m.loudness, l.integrated > LoudnessMeasurement.silence, !loudnessRange.contains(l.integrated) {
            problems.append(ClipProblem(kind: .loudness, range: whole, measure: l.integrated, unit: .lufs,
                                        summary: String(format: "the sound is %@ at %.1f LUFS (expected %.0f to %.0f LUFS)",
                                                        l.integrated < loudnessRange.lowerBound ? "too quiet" : "too loud",
                                                        l.integrated, loudnessRange.lowerBound, loudnessRange.upperBound)))
        }
        return problems
    }
}

extension ClipProblem.Kind {
    /// The order problems at the same time are listed in.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
