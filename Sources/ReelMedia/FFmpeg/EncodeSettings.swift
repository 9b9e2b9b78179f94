import Foundation
import ReelModel

/// How every clip and film is encoded. Clips made with the same settings can be cut
/// together by stream copy, so these must be the same for every clip of a film.
public struct EncodeSettings: Hashable, Sendable, Codable {
    public var format: VideoFormat
    /// x264 preset: `ultrafast` … `veryslow`.
    public var preset: String
    /// x264 constant rate factor: lower is better and bigger.
    public var crf: Int
    public var audioBitrate: String

    public init(format: VideoFormat, preset: String = "veryfast", crf: Int = 20, audioBitrate: String = "160k") {
        self.format = format
        self.preset = preset
        self.crf = crf
        self.audioBitrate = audioBitrate
    }

    /// A keyframe at least every two seconds; every clip starts with one.
    public var keyframeInterval: Int { max(1, Int((format.frameRate.framesPerSecond * 2).rounded())) }

    /// The MP4 track timescale: a whole number of ticks per frame at every supported rate.
    public var timescale: Int {
        let rate = format.frameRate
        return rate.denominator == 1 ? rate.numerator * 1000 : rate.numerator
    }

    /// The frame rate as ffmpeg writes it: `24`, `24000/1001`.
    public var rateArgument: String {
        let rate = format.frameRate
        return rate.denominator == 1 ? "\(rate.numerator)" : "\(rate.numerator)/\(rate.denominator)"
    }

    /// The video encoder arguments shared by every clip and by burned-in renders.
    ///
    /// x264 runs with sliced threads: with its default frame threads, the bytes it writes
    /// for a frame fed live from a filter graph depend on how busy the machine is, so the
    /// same job could give a different file (and a different cache key downstream). Sliced
    /// threads are repeatable and still use every core.
    public var videoCodecArguments: [String] {
        [
            "-c:v", "libx264", "-preset", preset, "-crf", "\(crf)",
            "-profile:v", "high", "-level:v", "4.1", "-pix_fmt", "yuv420p",
            "-x264-params", "keyint=\(keyframeInterval):min-keyint=1:scenecut=40:sliced-threads=1",
            "-video_track_timescale", "\(timescale)",
        ]
    }

    public var audioCodecArguments: [String] {
        ["-c:a", "aac", "-b:a", audioBitrate, "-ar", "48000", "-ac", "2"]
    }
}
