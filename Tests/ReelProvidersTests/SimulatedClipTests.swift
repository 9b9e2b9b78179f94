import Foundation
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@Suite struct SimulatedClipTests {
    let clip = SimulatedClip(width: 192, height: 108, frameRate: .fps23_976, frames: 24, seed: 0xDEAD_BEEF_CAFE_F00D,
                             label: "S02-03 雨夜", model: "sim-1")

    func probe() throws -> MediaProbe { MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()) }

    @Test func aFullClipIsRealVideoOfTheAskedSizeRateAndLength() async throws {
        let dir = TemporaryDirectory("reel-sim-clip")
        defer { dir.remove() }
        let file = try await SimulatedClipRenderer(directory: dir.url, mode: .full).file(for: clip)
        let info = try await probe().probe(file)
        #expect(info.videoCodec == "h264")
        #expect(info.pixelFormat == "yuv420p")
        #expect(info.width == 192 && info.height == 108)
        #expect(info.frameRate == .fps23_976)
        #expect(info.frameCount == 24)
        #expect(info.duration == FrameRate.fps23_976.time(frames: 24))
    }

    @Test func theSameClipIsTheSameBytesAndIsRenderedOnce() async throws {
        let a = TemporaryDirectory("reel-sim-clip"), b = TemporaryDirectory("reel-sim-clip")
        defer { a.remove(); b.remove() }
        let renderer = SimulatedClipRenderer(directory: a.url, mode: .full)
        async let first = renderer.file(for: clip)
        async let second = renderer.file(for: clip)
        let (one, two) = try await (first, second)
        #expect(one == two)
        let elsewhere = try await SimulatedClipRenderer(directory: b.url, mode: .full).file(for: clip)
        #expect(try Data(contentsOf: one) == Data(contentsOf: elsewhere))
        let files = try FileManager.default.contentsOfDirectory(atPath: a.url.path)
        #expect(files.count == 1)
    }

    @Test func cheapClipsAreSharedAcrossSeedsButKeepSizeAndLength() async throws {
        let dir = TemporaryDirectory("reel-sim-clip")
        defer { dir.remove() }
        let renderer = SimulatedClipRenderer(directory: dir.url, mode: .cheap)
        var other = clip
        other.seed = 1
        other.label = "S09-09"
        let one = try await renderer.file(for: clip)
        #expect(try await renderer.file(for: other) == one)
        let info = try await probe().probe(one)
        #expect(info.width == 192 && info.height == 108 && info.frameCount == 24)
    }

    @Test func theLabelIsReadFromAFileSoNoTextCanBreakTheFilter() {
        let text = URL(fileURLWithPath: "/tmp/clips/it's:here.txt")
        let args = SimulatedClipRenderer.arguments(clip, mode: .full, textFile: text, output: URL(fileURLWithPath: "/tmp/o.mp4"))
        let filter = args.firstIndex(of: "-vf").map { args[$0 + 1] }
        #expect(filter?.contains(#"textfile='/tmp/clips/it'\''s\:here.txt'"#) == true)
        #expect(filter?.contains("expansion=none") == true)
        #expect(args.contains("-threads") && args[args.firstIndex(of: "-threads")! + 1] == "1")
        #expect(args.contains("\(clip.frames)"))
    }
}
