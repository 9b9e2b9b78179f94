import Foundation
import ReelModel

/// What a finished film must be: the expected streams, size and length to the frame, a
/// picture that is neither black nor frozen, and sound when sound was mixed in.
public struct FilmExpectation: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var frames: Int64
    /// How many distinct shots the film has; a film of several shots whose picture never
    /// changes is frozen.
    public var shots: Int
    public var expectsSound: Bool
    /// The loudness the soundtrack was mastered to; nil when it was not.
    public var loudness: LoudnessTarget?

    public init(width: Int, height: Int, frames: Int64, shots: Int, expectsSound: Bool, loudness: LoudnessTarget? = nil) {
        self.width = width
        self.height = height
        self.frames = frames
        self.shots = shots
        self.expectsSound = expectsSound
        self.loudness = loudness
    }
}

/// The measurements a check is made from.
public struct FilmMeasurements: Hashable, Sendable {
    public var media: MediaInfo
    /// Mean luma (0–255) of each keyframe, from a 16×16 grey thumbnail.
    public var keyframeLuma: [Double]
    /// The thumbnails themselves, to tell frames apart.
    public var keyframeThumbnails: [[UInt8]]
    /// Mean volume of the soundtrack in dBFS, when there is one.
    public var meanVolumeDB: Double?
    /// Integrated loudness and true peak of the soundtrack, when measured.
    public var loudness: LoudnessMeasurement?

    public init(media: MediaInfo, keyframeLuma: [Double], keyframeThumbnails: [[UInt8]], meanVolumeDB: Double?,
                loudness: LoudnessMeasurement? = nil) {
        self.media = media
        self.keyframeLuma = keyframeLuma
        self.keyframeThumbnails = keyframeThumbnails
        self.meanVolumeDB = meanVolumeDB
        self.loudness = loudness
    }
}

/// The finished film checked against what was asked: streams, size, length, black or
/// frozen pictures, silence, loudness. A black film is a failure, not a success.
public enum FilmCheck {
    /// Every problem with the film; empty when it passes.
    public static func problems(_ m: FilmMeasurements, expected e: FilmExpectation) -> [String] {
        var problems: [String] = []
        if m.media.videoCodec == nil { problems.append("it has no video stream") }
        if e.expectsSound, m.media.audioCodec == nil { problems.append("it has no audio stream") }
        if let w = m.media.width, let h = m.media.height, (w, h) != (e.width, e.height) {
            problems.append("it is \(w)x\(h), not \(e.width)x\(e.height)")
        }
        if let frames = m.media.frameCount, frames != e.frames {
            problems.append("it has \(frames) frames, not the storyboard's \(e.frames)")
        }
        let black = !m.keyframeLuma.isEmpty && m.keyframeLuma.allSatisfy { $0 < 20 }
        if black { problems.append("the picture is black") }
        let distinct = distinctCount(m.keyframeThumbnails)
        if !black, e.shots >= 3, m.keyframeThumbnails.count >= 3, distinct <= 1 {
            problems.append("the picture never changes across \(e.shots) shots")
        }
        if e.expectsSound, let volume = m.meanVolumeDB, volume < -60 {
            problems.append("the soundtrack is silent (mean volume \(Int(volume)) dB)")
        }
        if e.expectsSound, let target = e.loudness, let l = m.loudness, l.integrated > LoudnessMeasurement.silence {
            if abs(l.integrated - target.integrated) > LoudnessTarget.tolerance {
                problems.append(String(format: "the soundtrack is at %.1f LUFS, not the %.1f LUFS it was mastered to",
                                       l.integrated, target.integrated))
            }
            if l.truePeak > target.truePeak + truePeakTolerance {
                problems.append(String(format: "its true peak is %.1f dBTP, over the %.1f dBTP ceiling", l.truePeak, target.truePeak))
            }
        }
        return problems
    }

    /// How far (dB) the encoded film's true peak may pass the ceiling: the AAC encoder's
    /// overshoot, which the mastering leaves room for.
    static let truePeakTolerance = 0.5

    /// Thumbnails that differ from every earlier one by more than a little.
    static func distinctCount(_ thumbs: [[UInt8]]) -> Int {
        var kept: [[UInt8]] = []
        for t in thumbs where !kept.contains(where: { meanAbsDiff($0, t) < 2 }) { kept.append(t) }
        return kept.count
    }

    static func meanAbsDiff(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var sum = 0
        for i in a.indices { sum += abs(Int(a[i]) - Int(b[i])) }
        return Double(sum) / Double(a.count)
    }

    /// Decodes only keyframes (one per clip at least), as 16×16 grey thumbnails on stdout.
    public static func keyframeArguments(_ film: URL) -> [String] {
        ["-v", "error", "-nostdin", "-skip_frame", "nokey", "-i", film.path, "-an",
         "-vf", "scale=16:16:flags=area,format=gray", "-fps_mode", "passthrough", "-f", "rawvideo", "-"]
    }

    /// Measures the soundtrack's mean volume.
    public static func volumeArguments(_ film: URL) -> [String] {
        ["-v", "info", "-nostdin", "-i", film.path, "-vn", "-af", "volumedetect", "-f", "null", "-"]
    }

    /// Measures the soundtrack's integrated loudness and true peak (EBU R 128).
    public static func loudnessArguments(_ film: URL) -> [String] {
        ["-hide_banner", "-nostats", "-v", "info", "-nostdin", "-i", film.path, "-vn",
         "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]
    }

    /// Splits raw 16×16 grey frames.
    public static func thumbnails(from raw: Data) -> [[UInt8]] {
        let bytes = [UInt8](raw)
        return stride(from: 0, to: bytes.count - 255, by: 256).map { Array(bytes[$0..<$0 + 256]) }
    }

    /// Reads `mean_volume: -23.4 dB` from volumedetect's output.
    public static func meanVolume(fromStderr text: String) -> Double? {
        guard let range = text.range(of: #"mean_volume: (-?[0-9.]+|-inf) dB"#, options: .regularExpression) else { return nil }
        let value = text[range].dropFirst("mean_volume: ".count).dropLast(" dB".count)
        return value == "-inf" ? -.infinity : Double(value)
    }
}

/// Runs the measurements for ``FilmCheck`` with ffmpeg and ffprobe.
public struct FilmInspector: Sendable {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner()) {
        self.toolchain = toolchain
        self.runner = runner
    }

    /// Measures `film`: the probe and keyframes always, the mean volume `withSound`, and
    /// the integrated loudness and true peak when asked for `loudness`.
    public func measure(_ film: URL, withSound: Bool, loudness: Bool = false) async throws -> FilmMeasurements {
        let ffmpeg = try toolchain.requireFFmpeg()
        let media = try await MediaProbe(ffprobe: try toolchain.requireFFprobe(), runner: runner).probe(film)
        let frames = try await runner.run(ffmpeg, FilmCheck.keyframeArguments(film))
        guard frames.status == 0 else {
            throw ReelError(.mediaFailed, "the finished film cannot be decoded: \(frames.stderrTail(2))", at: film.path)
        }
        let thumbs = FilmCheck.thumbnails(from: frames.stdout)
        let luma = thumbs.map { t in Double(t.reduce(0) { $0 + Int($1) }) / Double(max(1, t.count)) }
        var volume: Double?
        if withSound, media.hasAudio {
            let result = try await runner.run(ffmpeg, FilmCheck.volumeArguments(film))
            volume = FilmCheck.meanVolume(fromStderr: result.stderrText)
        }
        var measured: LoudnessMeasurement?
        if loudness, media.hasAudio {
            let result = try await runner.run(ffmpeg, FilmCheck.loudnessArguments(film))
            measured = LoudnessMeasurement.parse(ebur128: result.stderrText)
        }
        return FilmMeasurements(media: media, keyframeLuma: luma, keyframeThumbnails: thumbs, meanVolumeDB: volume,
                                loudness: measured)
    }
}
