import Foundation
import ReelAnimatic
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelMedia

/// Runs the real ffmpeg: camera moves, the stream-copy cut, the mix, the film check.
@Suite(.serialized) struct MediaRenderTests {
    let toolchain = Toolchain.discover()
    let runner = LocalProcessRunner()
    let format = VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24)
    var encode: EncodeSettings { EncodeSettings(format: format, preset: "ultrafast") }

    func ffmpeg(_ args: [String]) async throws {
        let r = try await runner.run(try toolchain.requireFFmpeg(), ["-v", "error", "-nostdin", "-y"] + args)
        #expect(r.status == 0, "ffmpeg failed: \(r.stderrTail())")
    }

    /// A test-pattern panel on the canvas a move needs.
    func panel(_ dir: TemporaryDirectory, move: CameraMove) async throws -> URL {
        let l = MotionLayout(move: move, width: format.width, height: format.height)
        let url = dir.file("panel-\(move.rawValue).png")
        try await ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=\(l.canvasWidth)x\(l.canvasHeight)", "-frames:v", "1", url.path])
        return url
    }

    func probe(_ url: URL) async throws -> MediaInfo {
        try await MediaProbe(ffprobe: try toolchain.requireFFprobe()).probe(url)
    }

    /// Mean absolute difference between the first and last frames, 0…255.
    func motionBetweenEnds(_ url: URL, frames: Int64) async throws -> Double {
        let r = try await runner.run(try toolchain.requireFFmpeg(), [
            "-v", "error", "-i", url.path, "-vf", "select='eq(n\\,0)+eq(n\\,\(frames - 1))',scale=32:32,format=gray",
            "-fps_mode", "passthrough", "-f", "rawvideo", "-"])
        let bytes = [UInt8](r.stdout)
        try #require(bytes.count == 2048, "ffmpeg gave \(bytes.count) bytes, not two 32×32 frames")
        return Double((0..<1024).reduce(0) { $0 + abs(Int(bytes[$1]) - Int(bytes[$1 + 1024])) }) / 1024
    }

    @Test(arguments: CameraMove.allCases)
    func everyMoveMakesAnExactClipThatMovesOrNot(move: CameraMove) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let png = try await panel(dir, move: move)
        let out = dir.file("clip.mp4")
        let layout = MotionLayout(move: move, width: format.width, height: format.height)
        let args = MotionRenderer.arguments(panel: png, output: out, spec: MotionSpec(move: move, frames: 30, layout: layout),
                                            encode: encode)
        try await ffmpeg(Array(args.dropFirst(4)))
        let info = try await probe(out)
        #expect(info.frameCount == 30)
        #expect(info.width == format.width && info.height == format.height)
        let change = try await motionBetweenEnds(out, frames: 30)
        if move == .static { #expect(change < 1) } else { #expect(change > 3, "\(move) barely moves: \(change)") }
    }

    @Test func clipsCutByStreamCopyKeepEveryFrame() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var clips: [URL] = []
        for (i, (move, frames)) in [(CameraMove.static, Int64(17)), (.panRight, 31), (.pushIn, 24)].enumerated() {
            let png = try await panel(dir, move: move)
            let out = dir.file("c\(i).mp4")
            let layout = MotionLayout(move: move, width: format.width, height: format.height)
            try await ffmpeg(Array(MotionRenderer.arguments(panel: png, output: out,
                                                            spec: MotionSpec(move: move, frames: frames, layout: layout),
                                                            encode: encode).dropFirst(4)))
            clips.append(out)
        }
        let audio = dir.file("a.m4a")
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=440:d=3", "-c:a", "aac", audio.path])
        let list = dir.file("list.txt")
        try FilmAssembly.concatList(clips).write(to: list, atomically: true, encoding: .utf8)
        let film = dir.file("film.mp4")
        let spec = AssemblySpec(title: "t", label: AIGCLabel(produceID: "x"), frames: 72)
        try await ffmpeg(Array(FilmAssembly.arguments(list: list, audio: audio, output: film, spec: spec).dropFirst(4)))
        let info = try await probe(film)
        #expect(info.frameCount == 72)
        #expect(info.hasAudio)
        let decode = try await runner.run(try toolchain.requireFFmpeg(), ["-v", "error", "-i", film.path, "-f", "null", "-"])
        #expect(decode.status == 0 && decode.stderr.isEmpty, "decoding the cut reported: \(decode.stderrText)")
        let tags = try await runner.run(try toolchain.requireFFprobe(), ["-v", "error", "-show_entries", "format_tags=AIGC",
                                                                          "-of", "default=nw=1:nk=1", film.path])
        #expect(tags.stdoutText.contains("\"ProduceID\":\"x\""))
    }

    @Test func theMixIsExactlyTheFilmsLength() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let voice = dir.file("v.wav")
        let music = dir.file("m.wav")
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=300:d=1.5", "-ar", "22050", "-ac", "1", voice.path])
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=110:d=9", "-ar", "48000", "-ac", "2", music.path])
        let spec = MixSpec(duration: FrameRate.fps24.time(frames: 100),
                           voices: [AudioPlacement(input: 0, start: .seconds(1))],
                           music: [AudioPlacement(input: 1, start: .zero)])
        let out = dir.file("mix.m4a")
        try await ffmpeg(Array(AudioMix.arguments(inputs: [voice, music], output: out, spec: spec, encode: encode).dropFirst(6)))
        let r = try await runner.run(try toolchain.requireFFmpeg(), ["-v", "error", "-i", out.path, "-f", "s16le", "-ac", "1",
                                                                      "-ar", "48000", "-"])
        // 100 frames at 24 fps is 4.1667 s: 200,000 samples at 48 kHz. AAC decodes in whole
        // frames of 1024 samples, so the tail may run up to one frame (21 ms, half a video frame) over.
        let samples = r.stdout.count / 2
        #expect(samples >= 200_000 && samples < 200_000 + 1024, "got \(samples) samples")
    }

    @Test func aBlackFilmFailsItsCheck() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let film = dir.file("black.mp4")
        try await ffmpeg(["-f", "lavfi", "-i", "color=black:s=\(format.width)x\(format.height):r=24:d=4", "-f", "lavfi",
                          "-i", "anullsrc=r=48000:cl=stereo", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast",
                          "-c:a", "aac", film.path])
        let m = try await FilmInspector(toolchain: toolchain).measure(film, withSound: true)
        let problems = FilmCheck.problems(m, expected: FilmExpectation(width: format.width, height: format.height,
                                                                       frames: 96, shots: 4, expectsSound: true))
        #expect(problems.contains("the picture is black"))
        #expect(problems.contains { $0.hasPrefix("the soundtrack is silent") })
    }
}

extension MediaRenderTests {
    @Test func musicPlaysOnAfterTheLastLine() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let voice = dir.file("v.wav")
        let music = dir.file("m.wav")
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=300:d=1", "-ar", "22050", "-ac", "1", voice.path])
        try await ffmpeg(["-f", "lavfi", "-i", "sine=f=110:d=8", "-ar", "48000", "-ac", "2", music.path])
        let spec = MixSpec(duration: .seconds(8), voices: [AudioPlacement(input: 0, start: .zero)],
                           music: [AudioPlacement(input: 1, start: .zero)])
        let out = dir.file("mix.m4a")
        try await ffmpeg(Array(AudioMix.arguments(inputs: [voice, music], output: out, spec: spec, encode: encode).dropFirst(6)))
        let tail = try await runner.run(try toolchain.requireFFmpeg(), ["-v", "info", "-ss", "6", "-i", out.path, "-af",
                                                                         "volumedetect", "-f", "null", "-"])
        let volume = try #require(FilmCheck.meanVolume(fromStderr: tail.stderrText))
        #expect(volume > -40, "the music stopped with the voice: \(volume) dB")
    }
}
