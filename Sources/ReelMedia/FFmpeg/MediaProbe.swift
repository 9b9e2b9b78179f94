import Foundation
import ReelModel

/// Reads media facts with ffprobe.
public struct MediaProbe: Sendable {
    public let ffprobe: String
    public let runner: any ProcessRunner

    public init(ffprobe: String, runner: any ProcessRunner = LocalProcessRunner()) {
        self.ffprobe = ffprobe
        self.runner = runner
    }

    /// The arguments for a probe that counts video packets (exact frame count) and lists streams.
    public static func arguments(for url: URL) -> [String] {
        ["-v", "error", "-count_packets", "-show_entries",
         "stream=codec_type,codec_name,pix_fmt,width,height,r_frame_rate,nb_read_packets,sample_rate,channels,duration:format=duration",
         "-of", "json", url.path]
    }

    /// The arguments for a probe that also decodes what it reads (`-count_frames`: a damaged
    /// file decodes fewer frames than it has, or the decoder complains on stderr), reads two
    /// packets at most (a still has one; a video or an animation stops there) and refuses to
    /// decode a picture over `maxPixels` (its size is then in the complaint, not the JSON):
    /// the whole check of a still in one process.
    public static func decodingArguments(for url: URL, maxPixels: Int) -> [String] {
        ["-v", "error", "-read_intervals", "%+#2", "-max_pixels", String(maxPixels), "-count_frames", "-count_packets", "-show_entries",
         "stream=codec_type,codec_name,pix_fmt,width,height,r_frame_rate,nb_read_packets,nb_read_frames,sample_rate,channels,duration:format=duration",
         "-of", "json", url.path]
    }

    /// How many frames of the first video stream a ``decodingArguments(for:maxPixels:)``
    /// probe decoded; nil when it decoded none.
    public static func decodedFrames(_ json: Data) -> Int64? {
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: json) else { return nil }
        let video = root["streams"]?.arrayValue?.first { $0["codec_type"]?.stringValue == "video" }
        return video?["nb_read_frames"]?.stringValue.flatMap { Int64($0) }
    }

    public func probe(_ url: URL) async throws -> MediaInfo {
        let result = try await runner.run(ffprobe, MediaProbe.arguments(for: url))
        guard result.status == 0 else {
            throw ReelError(.mediaFailed, "ffprobe cannot read \(url.lastPathComponent): \(result.stderrTail(2))", at: url.path,
                            hint: "the file is damaged or not a media file")
        }
        return try MediaProbe.parse(result.stdout, file: url.path)
    }

    /// Turns ffprobe's JSON into ``MediaInfo``.
    public static func parse(_ json: Data, file: String) throws -> MediaInfo {
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: json) else {
            throw ReelError(.mediaFailed, "ffprobe printed something that is not JSON", at: file)
        }
        var info = MediaInfo()
        for stream in root["streams"]?.arrayValue ?? [] {
            switch stream["codec_type"]?.stringValue {
            case "video" where info.videoCodec == nil:
                info.videoCodec = stream["codec_name"]?.stringValue
                info.pixelFormat = stream["pix_fmt"]?.stringValue
                info.width = stream["width"]?.intValue.map(Int.init)
                info.height = stream["height"]?.intValue.map(Int.init)
                if let rate = stream["r_frame_rate"]?.stringValue, rate != "0/0" { info.frameRate = FrameRate(parsing: rate) }
                if let packets = stream["nb_read_packets"]?.stringValue { info.frameCount = Int64(packets) }
            case "audio" where info.audioCodec == nil:
                info.audioCodec = stream["codec_name"]?.stringValue
                info.sampleRate = stream["sample_rate"]?.stringValue.flatMap { Int($0) }
                info.channels = stream["channels"]?.intValue.map(Int.init)
            default:
                continue
            }
        }
        if let frames = info.frameCount, let rate = info.frameRate, frames > 0 {
            info.duration = rate.time(frames: frames)
        } else if let seconds = root["format"]?["duration"]?.stringValue.flatMap(Double.init) {
            info.duration = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return info
    }
}
