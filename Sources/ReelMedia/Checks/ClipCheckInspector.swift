import Foundation
import ReelModel

/// Checks a clip with ffprobe and ffmpeg: the probe (``MediaProbe``, exact frame count)
/// and the one decode pass of ``ClipCheck/arguments(for:)`` run side by side.
public struct ClipInspector: Sendable {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner()) {
        self.toolchain = toolchain
        self.runner = runner
    }

    /// Checks `clip` against `expected`. Throws `invalidInput` when the file is not a
    /// video, `mediaFailed` when it cannot be decoded to the end.
    public func check(_ clip: URL, expected: ClipExpectation = ClipExpectation()) async throws -> ClipVerdict {
        let ffmpeg = try toolchain.requireFFmpeg()
        let probe = MediaProbe(ffprobe: try toolchain.requireFFprobe(), runner: runner)
        let frames = FileManager.default.temporaryDirectory.appendingPathComponent("reel-signature-\(UUID().uuidString).yuv")
        defer { try? FileManager.default.removeItem(at: frames) }
        async let pass = runner.run(ffmpeg, ClipCheck.arguments(for: clip, signature: frames))
        let media: MediaInfo
        do {
            media = try await probe.probe(clip)
        } catch let error as ReelError where error.code == .mediaFailed {
            _ = try? await pass
            throw ReelError(.invalidInput, "this is not a video file", at: clip.path,
                            hint: "reel check reads video files such as .mp4, .mov or .webm")
        }
        let result = try await pass
        guard media.hasVideo, media.width != nil else {
            throw ReelError(.invalidInput, "this file has no video stream", at: clip.path,
                            hint: "reel check reads video files such as .mp4, .mov or .webm")
        }
        guard (media.frameCount ?? 2) > 1 else {
            throw ReelError(.invalidInput, "this is a still image, not a video", at: clip.path,
                            hint: "reel check reads video files such as .mp4, .mov or .webm")
        }
        guard result.status == 0 else {
            throw ReelError(.mediaFailed, "ffmpeg cannot decode the clip: \(result.stderrTail(2))", at: clip.path,
                            hint: "the file is damaged or cut short; download or render it again")
        }
        let measured = ClipMeasurements.parse(stdout: result.stdoutText, stderr: result.stderrText)
        let signature = (try? Data(contentsOf: frames)).map(VideoSignature.init(frames:))
        return ClipVerdict(file: clip.path, problems: ClipCheck.problems(measured, media: media, expected: expected),
                           media: media, loudness: media.hasAudio ? measured.loudness : nil, signature: signature)
    }
}
