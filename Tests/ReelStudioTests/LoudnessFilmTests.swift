import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// Films are mastered to the project's loudness (−14 LUFS unless `reel.yaml` says
/// otherwise), measured on the finished file as a player would.
@Suite(.serialized) struct LoudnessFilmTests {
    static let script = """
        Title: Two Rooms

        INT. KITCHEN - NIGHT

        A kettle hisses on the stove.

        MAYA
        You came back.

        BEN (O.S.)
        I never left.

        """

    func measure(_ film: URL) async throws -> LoudnessMeasurement {
        let r = try await LocalProcessRunner().run(try Toolchain.discover().requireFFmpeg(), FilmCheck.loudnessArguments(film))
        return try #require(LoudnessMeasurement.parse(ebur128: r.stderrText))
    }

    @Test(arguments: [nil, -16.0])
    func aFilmIsMasteredToTheProjectsLoudness(setting: Double?) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let created = try Project.create(at: dir.file("film"), script: try dir.write("two-rooms.fountain", Self.script),
                                         format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
        if let setting {
            let yaml = try String(contentsOf: created.configURL, encoding: .utf8)
                .replacingOccurrences(of: "\nloudness: -14 ", with: "\nloudness: \(Int(setting)) ")
            try yaml.write(to: created.configURL, atomically: true, encoding: .utf8)
        }
        let project = try Project.find(created.directory)
        #expect(project.config.loudness == setting ?? -14)
        let production = try Production.open(project, lockFor: "test")
        defer { production.close() }
        let film = try await Studio().film(production, output: dir.file("cut.mp4"), makeMissing: true)
        let l = try await measure(film.film)
        let target = setting ?? -14
        #expect(abs(l.integrated - target) <= 1, "\(l.description), not \(target) LUFS")
        #expect(l.truePeak <= -1, "\(l.description)")
    }

    @Test(arguments: [("loudness: loud\n", "loudness: must be a loudness in LUFS from -31 to -5"),
                      ("loudness: 3\n", "loudness: must be a loudness in LUFS from -31 to -5")])
    func aBadLoudnessNamesTheField(yaml: String, message: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("reel.yaml", yaml)
        #expect { try ProjectConfig.load(url) } throws: { error in
            (error as? ReelError)?.message.hasPrefix(message) == true
        }
    }

    @Test func theLoudnessReadsBackFromTheFileInitWrites() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var config = ProjectConfig()
        config.loudness = -16.5
        let url = try dir.write("reel.yaml", config.yaml())
        #expect(try ProjectConfig.load(url).loudness == -16.5)
    }
}
