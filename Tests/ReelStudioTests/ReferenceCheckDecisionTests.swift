import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// What `reel cast add` decides from what ffprobe reports — one probe that reads the header
/// and decodes the picture whole — without the tools: the runner is scripted, so each rule is
/// tested on the exact report that triggers it.
@Suite struct ReferenceCheckDecisionTests {
    typealias Fixture = TakeDecisionTests.Fixture

    /// An ffprobe report of one still picture, `decoded` of its frames decoded (nil: none),
    /// with what the decoder said on stderr.
    static func probe(codec: String, width: Int, height: Int, frames: String = "1", decoded: String? = "1",
                      stderr: String = "") -> ScriptedProcessRunner.Answer {
        var stream: [String: JSONValue] = ["codec_type": "video", "codec_name": .string(codec), "pix_fmt": "rgb24",
                                           "width": .int(Int64(width)), "height": .int(Int64(height)), "r_frame_rate": "25/1",
                                           "nb_read_packets": .string(frames)]
        if let decoded { stream["nb_read_frames"] = .string(decoded) }
        let report = JSONValue.object(["streams": .array([.object(stream)]), "format": ["duration": "0.040000"]])
        return ScriptedProcessRunner.Answer { _ in
            ProcessResult(status: 0, stdout: (try? JSONEncoder().encode(report)) ?? Data(), stderr: Data(stderr.utf8))
        }
    }

    /// The first bytes of each kind: what the scripted tools' files begin with.
    static let pngHead = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    static let jpegHead = Data([0xFF, 0xD8, 0xFF, 0xE0])
    static let webpHead = Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)

    static func studio(_ runner: ScriptedProcessRunner) -> Studio {
        var studio = Studio(runner: runner)
        studio.toolchain = ScriptedProcessRunner.toolchain
        return studio
    }

    @Test func anImageTheToolsPassIsStoredWithTheSizeFfprobeMeasured() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": Self.probe(codec: "webp", width: 800, height: 1200), "ffmpeg": .ok])
        let file = try f.dir.write("maya.webp", Self.webpHead + Data("bytes only the scripted tools read".utf8))
        let maya = try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        let ref = try #require(maya.references.first)
        #expect(ref.mediaType == "image/webp")
        #expect(ref.width == 800 && ref.height == 1200)
        #expect(runner.calls.map(\.program) == ["ffprobe"], "one process: probed and decoded whole")
        let arguments = try #require(runner.calls("ffprobe").first?.arguments)
        #expect(arguments.contains("-count_frames"), "the probe decodes every frame")
        #expect(arguments.firstIndex(of: "-max_pixels").map { arguments[$0 + 1] } == "100000000",
                "and refuses to decode a huge one (with headroom: the 50 MP rule is Reel's, from the header)")
        #expect(arguments.firstIndex(of: "-read_intervals").map { arguments[$0 + 1] } == "%+#2", "two packets at most: a video stops there")
        let probed = try #require(arguments.last)
        #expect(probed != file.path, "the tools read a copy, not the user's file")
        #expect(!FileManager.default.fileExists(atPath: probed), "the copy is gone afterwards")
    }

    @Test(arguments: [
        ("over 50 megapixels", probe(codec: "png", width: 9000, height: 6000), "the reference image is 9000×6000, over 50 megapixels"),
        // The decoder refused it (-max_pixels): its size is only in what it said.
        ("refused by the decoder", probe(codec: "png", width: 0, height: 0, decoded: nil,
                                         stderr: "[png @ 0x55d1] [IMGUTILS @ 0x7ffe] Picture size 8000x8000 exceeds specified max pixel count 50000000"),
         "the reference image is 8000×8000, over 50 megapixels"),
        ("an animation", probe(codec: "gif", width: 320, height: 240), "this is not a JPEG, PNG or WebP image"),
        ("many frames", probe(codec: "png", width: 320, height: 240, frames: "48"), "this is not a JPEG, PNG or WebP image"),
        ("no picture", probe(codec: "png", width: 0, height: 0), "the reference image is damaged: it begins as a PNG"),
        ("unreadable", .fails(stderr: "Invalid data found when processing input"),
         "the reference image is damaged: it begins as a PNG but cannot be read to the end"),
    ] as [(String, ScriptedProcessRunner.Answer, String)])
    func aReportThatIsNotAStillRefusesTheImage(name: String, report: ScriptedProcessRunner.Answer,
                                                              message: String) async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": report, "ffmpeg": .ok])
        let file = try f.dir.write("ref.png", Self.pngHead + Data("x".utf8))
        let error = await #expect(throws: ReelError.self) {
            try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        }
        #expect(error?.message.contains(message) == true, "\(name): \(String(describing: error?.message))")
        #expect(error?.location == file.path, "\(name): the message names the user's file")
        #expect(runner.calls.map(\.program) == ["ffprobe"], "\(name): one probe")
        #expect(await f.project.castEntries().isEmpty, "\(name): the cast is unchanged")
    }

    @Test(arguments: [
        ("complains", probe(codec: "mjpeg", width: 640, height: 960,
                            stderr: "[mjpeg @ 0x1] overread 8\nError while decoding stream #0:0: Invalid data"),
         "the reference image is damaged: Error while decoding stream #0:0: Invalid data"),
        ("decodes nothing", probe(codec: "webp", width: 640, height: 960, decoded: nil), "the reference image is damaged: it cannot be decoded"),
    ] as [(String, ScriptedProcessRunner.Answer, String)])
    func aDecodeThatFailsMakesTheImageDamagedAndQuotesTheDecoder(name: String, report: ScriptedProcessRunner.Answer,
                                                                 message: String) async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": report])
        let file = try f.dir.write("cut-off.jpg", Self.jpegHead + Data("x".utf8))
        let error = await #expect(throws: ReelError.self) {
            try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        }
        #expect(error?.message == message, "\(name)")
        #expect(error?.hint == "export it again from the original", "\(name)")
        #expect(await f.project.castEntries().isEmpty, "\(name)")
    }

    @Test func aFileThatBeginsAsNoImageIsRefusedWithoutRunningATool() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let runner = ScriptedProcessRunner(["ffprobe": Self.probe(codec: "png", width: 64, height: 64)])
        let file = try f.dir.write("clip.png", Data([0, 0, 0, 0x20]) + Data("ftypisom".utf8))
        let error = await #expect(throws: ReelError.self) {
            try await Self.studio(runner).addToCast(f.production, CastAddition(name: "maya", images: [file]))
        }
        #expect(error?.message == "this is not a JPEG, PNG or WebP image")
        #expect(runner.calls.isEmpty, "nothing read it but Reel")
    }
}
