import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `music: elevenlabs`: each scene is scored by a music model, asked in words for its mood
/// and place at the cue's length, cut to that length in the mix — and paid once.
@Suite(.serialized) struct MusicModelTests {
    @Test func eachSceneIsScoredByTheModelAtItsLengthOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let eleven = try await ElevenLabsFakeServer.start()
        let production = try SoundEffectsTests().production(dir, yaml: "music: elevenlabs\nstyle: \"rainy neon noir\"\neffects: none\n")
        defer { production.close() }
        #expect(production.config.music == "elevenlabs")
        var env = SoundEffectsTests().environment(dir)
        env["ELEVENLABS_API_KEY"] = eleven.apiKey
        env["REEL_ELEVENLABS_BASE_URL"] = eleven.baseURL.absoluteString
        let studio = Studio(environment: env)
        let made = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(made.summary.succeeded, "\(made.summary.failures)")
        let board = made.storyboard
        let asked = eleven.requests.filter { $0.method == "POST" && $0.path == "/v1/music" }
        #expect(asked.count == board.scenes.count)
        // Asked side by side, so in any order: each scene's by its place.
        for scene in board.scenes {
            let request = try #require(asked.first { $0.json?["prompt"]?.stringValue?.contains("(\(scene.heading))") == true })
            let prompt = try #require(request.json?["prompt"]?.stringValue)
            #expect(prompt.contains(scene.mood.rawValue) && prompt.contains(scene.heading) && prompt.contains("rainy neon noir"), "\(prompt)")
            #expect(request.json?["force_instrumental"] == .bool(true))
        }

        // In the mix each cue is cut at its length (the model's may be longer), from half a
        // second before its scene.
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let film = try builder.build()
        let params = try #require(film.graph["mix"]).spec.params.decode(MixParams.self)
        #expect(params.spec.music.count == board.scenes.count && params.spec.music.allSatisfy { $0.length != nil })
        let first = try #require(film.graph[NodeID("music:\(board.scenes[0].id)")])
        let opening = board.shots.filter { $0.scene == board.scenes[0].id }.reduce(RationalTime.zero) { $0 + $1.duration }
        #expect(first.spec.provider == "elevenlabs" && params.spec.music[0].length == opening + RationalTime(value: 1, timescale: 2),
                "the first scene and the half second it overlaps the next")

        let again = try await studio.film(production, output: dir.file("cut2.mp4"), makeMissing: true)
        #expect(again.summary.succeeded)
        #expect(eleven.requests.filter { $0.path == "/v1/music" }.count == board.scenes.count, "paid once")
        try await eleven.stop()
    }

    @Test func aMusicProviderThatMakesNoneIsRefusedBeforeAnythingRuns() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try SoundEffectsTests().production(dir, yaml: "music: kling\n")
        defer { production.close() }
        let error = await #expect(throws: ReelError.self) {
            try await Studio(environment: SoundEffectsTests().environment(dir)).film(production, output: dir.file("cut.mp4"),
                                                                                    makeMissing: false)
        }
        #expect(error?.message == "music: kling is not a music provider")
        #expect(error?.hint?.contains("elevenlabs") == true)
    }
}
