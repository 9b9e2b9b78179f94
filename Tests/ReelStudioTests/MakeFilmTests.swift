import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel make` end to end on the real tools: the film, what a second run does, what an
/// edit re-renders, and that the same script always gives the same bytes.
@Suite(.serialized) struct MakeFilmTests {
    static let script = """
        Title: Two Rooms

        INT. KITCHEN - NIGHT

        A kettle hisses on the stove.

        MAYA pours two cups. She looks up at the door.

        MAYA
        You came back.

        BEN (O.S.)
        I never left.

        EXT. ROOFTOP - DAWN

        BEN walks to the edge and looks at the city.

        BEN
        It's quieter up here.

        MAYA
        It won't be for long.

        """

    static let format = VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24)

    func make(_ script: URL, home: URL, out: URL, burn: Bool = false) async throws -> (MakeResult, [NodeID]) {
        let studio = Studio(environment: ProcessInfo.processInfo.environment.merging(["REEL_HOME": home.path]) { $1 })
        let (stream, sink) = AsyncStream.makeStream(of: RunEvent.self)
        let result = try await studio.make(MakeRequest(script: script, output: out, format: Self.format, burnSubtitles: burn),
                                           events: sink)
        sink.finish()
        var ran: [NodeID] = []
        for await event in stream { if case .succeeded(let id, _, _) = event { ran.append(id) } }
        return (result, ran.sorted())
    }

    @Test func aFilmOfExactlyTheStoryboardsLengthWithSoundAndSubtitles() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        let (result, _) = try await make(script, home: dir.file("home"), out: dir.file("out/film.mp4"))
        let rate = Self.format.frameRate
        let frames = result.storyboard.shots.reduce(Int64(0)) { $0 + rate.frames(in: $1.duration) }
        let media = try await MediaProbe(ffprobe: Toolchain.discover().requireFFprobe()).probe(result.film)
        #expect(media.frameCount == frames)
        #expect(media.width == 480 && media.height == 854)
        #expect(media.audioCodec == "aac")
        let srt = try String(contentsOf: result.subtitles, encoding: .utf8)
        #expect(srt.contains("You came back."))
        #expect(srt.contains("I never left."))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path)
        #expect(leftovers.sorted() == ["film.mp4", "film.srt"], "no temporary files left beside the film")
    }

    @Test func aSecondRunRendersNothingAndAnEditedLineRerendersOnlyWhatDependsOnIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        let home = dir.file("home")
        let (first, _) = try await make(script, home: home, out: dir.file("film.mp4"))
        #expect(first.summary.cached == 0)

        let (second, ranAgain) = try await make(script, home: home, out: dir.file("film.mp4"))
        #expect(ranAgain.isEmpty)
        #expect(second.summary.cached + second.summary.given == second.summary.total,
                "every job reused; the finished takes are given to the cut")

        // Same number of words, so the shot keeps its length: only its voice, the mix,
        // the subtitles and the cut are made again.
        try Self.script.replacingOccurrences(of: "It's quieter up here.", with: "It's calmer up here.")
            .write(to: script, atomically: true, encoding: .utf8)
        let (_, ranAfterEdit) = try await make(script, home: home, out: dir.file("film.mp4"))
        #expect(ranAfterEdit == ["film", "mix", "subtitles:srt", "voice:S02-03:1"])
    }

    @Test func theSameScriptGivesTheSameBytesInAnotherHome() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        let (a, _) = try await make(script, home: dir.file("home-a"), out: dir.file("a.mp4"), burn: true)
        let (b, _) = try await make(script, home: dir.file("home-b"), out: dir.file("b.mp4"), burn: true)
        #expect(try Hashing.sha256(fileAt: a.film).digest == Hashing.sha256(fileAt: b.film).digest)
    }
}
