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

    public init(format: VideoFormat, preset: String = "veryfast", crf: Int = 20, audioBitrate: String = "192k") {
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

    /// The video encoder arguments shared by every clip.
    ///
    /// x264 runs on one thread. With its frame threads, the bytes it writes for frames fed
    /// live from a filter graph depend on how busy the machine is (its lookahead thread
    /// decides with whatever frames have arrived), so the same job could make a different
    /// file and change every cache key below it. One thread is repeatable, and Reel keeps
    /// the cores busy by encoding clips side by side, which is faster than frame threads
    /// on one long encode.
    public var videoCodecArguments: [String] {
        [
            "-c:v", "libx264", "-preset", preset, "-crf", "\(crf)", "-threads", "1",
            "-profile:v", "high", "-level:v", "4.1", "-pix_fmt", "yuv420p",
            "-x264-params", "keyint=\(keyframeInterval):min-keyint=1:scenecut=40",
            "-video_track_timescale", "\(timescale)",
        ]
    }

    /// AAC with the encoder's fast coder: twice as fast as the default two-loop search,
    /// and at this bitrate the difference is not audible under dialogue.
    public var audioCodecArguments: [String] {
        ["-c:a", "aac", "-aac_coder", "fast", "-b:a", audioBitrate, "-ar", "48000", "-ac", "2"]
    }
}
