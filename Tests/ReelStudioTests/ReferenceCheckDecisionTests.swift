import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// What `reel cast add` decides from what ffprobe and ffmpeg report, without the tools:
/// the runner is scripted, so each rule is tested on the exact report that triggers it.
@Suite struct ReferenceCheckDecisionTests {
    typealias Fixture = TakeDecisionTests.Fixture

    /// An ffprobe report of one still picture.
    static func probe(codec: String, width: Int, height: Int, frames: String = "1") -> ScriptedProcessRunner.Answer {
        .json(["streams": [["codec_type": "video", "codec_name": .string(codec), "pix_fmt": "rgb24",
                            "width": .int(Int64(width)), "height": .int(Int64(height)), "r_frame_rate": "25/1",
                            "nb_read_packets": .string(frames)]],
               "format": ["duration": "0.040000"]])
    }

    static func studio(_ runner: ScriptedProcessRunner) -> Studio {
        var studio = Studio(runner: runner)
        studio.toolchain = ScriptedProcessRunner.toolchain
        return studio
    }

    @Test func anImageTheToolsPassIsStoredWithTheSizeFfprobeMeasured() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": Self.probe(codec: "webp", width: 800, height: 1200), "ffmpeg": .ok])
        let file = try f.dir.write("maya.webp", "bytes only the scripted tools read")
        let maya = try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        let ref = try #require(maya.references.first)
        #expect(ref.mediaType == "image/webp")
        #expect(ref.width == 800 && ref.height == 1200)
        #expect(runner.calls.map(\.program) == ["ffprobe", "ffmpeg"], "probed, then decoded whole")
        let probed = try #require(runner.calls("ffprobe").first?.arguments.last)
        let decoded = try #require(runner.calls("ffmpeg").first?.arguments)
        #expect(probed != file.path, "the tools read a copy, not the user's file")
        #expect(decoded.contains(probed) && decoded.contains("-xerror"), "the decode reads the copy that was probed")
        #expect(!FileManager.default.fileExists(atPath: probed), "the copy is gone afterwards")
    }

    @Test(arguments: [
        ("over 50 megapixels", probe(codec: "png", width: 9000, height: 6000), "over 50 megapixels"),
        ("an animation", probe(codec: "gif", width: 320, height: 240), "this is not a JPEG, PNG or WebP image"),
        ("many frames", probe(codec: "png", width: 320, height: 240, frames: "48"), "this is not a JPEG, PNG or WebP image"),
        ("no picture", probe(codec: "png", width: 0, height: 0), "this is not a JPEG, PNG or WebP image"),
        ("unreadable", .fails(stderr: "Invalid data found when processing input"), "this is not a JPEG, PNG or WebP image"),
    ] as [(String, ScriptedProcessRunner.Answer, String)])
    func aReportThatIsNotAStillRefusesTheImageBeforeAnyDecode(name: String, report: ScriptedProcessRunner.Answer,
                                                              message: String) async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": report, "ffmpeg": .ok])
        let file = try f.dir.write("ref.png", "x")
        let error = await #expect(throws: ReelError.self) {
            try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        }
        #expect(error?.message.contains(message) == true, "\(name): \(String(describing: error?.message))")
        #expect(error?.location == file.path, "\(name): the message names the user's file")
        #expect(runner.calls("ffmpeg").isEmpty, "\(name): nothing decoded")
        #expect(await f.project.castEntries().isEmpty, "\(name): the cast is unchanged")
    }

    @Test func aDecodeThatComplainsMakesTheImageDamagedAndQuotesFfmpeg() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner([
            "ffprobe": Self.probe(codec: "mjpeg", width: 640, height: 960),
            "ffmpeg": .fails(stderr: "[mjpeg @ 0x1] overread 8\nError while decoding stream #0:0: Invalid data"),
        ])
        let file = try f.dir.write("cut-off.jpg", "x")
        let error = await #expect(throws: ReelError.self) {
            try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        }
        #expect(error?.message == "the reference image is damaged: Error while decoding stream #0:0: Invalid data")
        #expect(error?.hint == "export it again from the original")
        #expect(await f.project.castEntries().isEmpty)
    }
}
