import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel check`: exit 0 when a clip passes, 1 when it fails, one clear message for bad input.
@Suite struct CheckCommandTests {
    static func make(_ dir: TemporaryDirectory, _ name: String, _ filter: String) async throws -> URL {
        let url = dir.file(name)
        let ffmpeg = try Toolchain.discover().requireFFmpeg()
        let result = try await LocalProcessRunner().run(ffmpeg, [
            "-v", "error", "-y", "-filter_complex", filter + ",noise=alls=6:allf=t,format=yuv420p[v]", "-map", "[v]",
            "-c:v", "libx264", "-preset", "ultrafast", "-t", "2", url.path])
        #expect(result.status == 0, "\(result.stderrText)")
        return url
    }

    @Test func aGoodClipPassesWithStatus0() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clip = try await Self.make(dir, "good.mp4", "testsrc2=s=180x320:r=24:d=2,scale=360:640")
        let result = try await ReelBinary.run(["check", clip.path, "--expect-duration", "2", "--expect-size", "360x640"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "\(clip.path): passes\n  360x640, 24 fps, 48 frames (2.00 s), no sound\n")
    }

    @Test func aBadClipFailsWithStatus1AndSaysWhatAndWhen() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let clip = try await Self.make(dir, "black.mp4", "testsrc2=s=180x320:r=24:d=2,scale=360:640,drawbox=c=black:t=fill:enable='gte(t,1)'")
        let text = try await ReelBinary.run(["check", clip.path, "--expect-size", "720x1280", "--expect-speech"])
        #expect(text.status == 1)
        #expect(text.stdoutText == """
            \(clip.path): fails the check (3 problems)
              0.00–2.00 s   size       it is 360x640, not 720x1280
              0.00–2.00 s   no-audio   speech is expected but it has no sound
              1.00–2.00 s   black      the picture is black (mean luma 16)
              360x640, 24 fps, 48 frames (2.00 s), no sound

            """)
        let json = try await ReelBinary.run(["check", clip.path, "--json"])
        #expect(json.status == 1)
        let verdict = try JSONDecoder().decode(ClipVerdict.self, from: json.stdout)
        #expect(verdict.problems.map(\.kind) == [.black])
        #expect(!verdict.passed)
    }

    @Test(arguments: [
        (["check", "DIR/missing.mp4"], Int32(66), "reel: error: DIR/missing.mp4: no such file\n  → check the path of the clip\n"),
        (["check", "DIR/notes.mp4"], 65,
         "reel: error: DIR/notes.mp4: this is not a video file\n  → reel check reads video files such as .mp4, .mov or .webm\n"),
        (["check", "DIR/notes.mp4", "--expect-size", "720"], 64, "--expect-size must be WIDTHxHEIGHT, such as 720x1280 (got '720')"),
    ])
    func badInputGetsOneClearMessage(arguments: [String], status: Int32, message: String) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("notes.mp4", "not a video\n")
        let result = try await ReelBinary.run(arguments.map { $0.replacingOccurrences(of: "DIR", with: dir.url.path) })
        #expect(result.status == status)
        let stderr = result.stderrText.replacingOccurrences(of: dir.url.path, with: "DIR")
        #expect(status == 64 ? stderr.contains(message) : stderr == message, "\(stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func helpSaysWhatTheExitStatusMeans() async throws {
        let result = try await ReelBinary.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("0 when the clip passes, 1 when it fails the check"))
    }
}
