import Foundation
import ReelEngine
import ReelExport
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// The sounds the action asks for — rain under a scene, a door slam, a phone — made by the
/// project's effects generator and mixed under the dialogue.
@Suite(.serialized) struct SoundEffectsTests {
    static let script = """
        Title: Storm

        INT. KITCHEN - NIGHT

        Rain streams down the window. MAYA waits by the stove.

        MAYA
        You came back.

        A door slams downstairs.

        EXT. PIER - NIGHT

        The sea heaves under the boards. Her phone rings.

        """

    func production(_ dir: TemporaryDirectory, yaml: String = "") throws -> Production {
        try TestProject.production(dir, script: Self.script, named: "storm.fountain", yaml: yaml)
    }

    func environment(_ dir: TemporaryDirectory) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        return env
    }

    @Test func theActionsSoundsArePlacedUnderItsScenesAndShots() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let studio = Studio(environment: environment(dir))
        let board = try await studio.plan(production, save: true)
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let film = try builder.build()
        let starts = board.shotStarts
        let kitchen = board.shots.filter { $0.scene == board.scenes[0].id }
        let pier = board.shots.filter { $0.scene == board.scenes[1].id }

        // Rain under the whole kitchen scene, the sea under the pier; a spot effect at each
        // shot that names one, no longer than the shot.
        #expect(film.effects.map(\.effect) == [.rain, .door, .sea, .phone])
        let rain = try #require(film.effects.first { $0.effect == .rain })
        #expect(rain.shot == nil && rain.start == .zero)
        #expect(rain.length == kitchen.reduce(RationalTime.zero) { $0 + $1.duration })
        let door = try #require(film.effects.first { $0.effect == .door })
        let slamShot = try #require(kitchen.first { $0.action.contains("door slams") })
        #expect(door.shot == slamShot.id && door.start == starts[slamShot.id])
        #expect(door.length == min(try #require(SoundEffect.door.spotLength), slamShot.duration))
        let sea = try #require(film.effects.first { $0.effect == .sea })
        #expect(sea.start == starts[pier[0].id])

        // Each is a job of the offline synthesiser, an input of the mix at its own level.
        let node = try #require(film.graph[rain.node])
        #expect(node.spec.kind == .effect && node.spec.provider == "procedural")
        let request = try node.spec.params.decode(SoundEffectRequest.self)
        #expect(request.effect == .rain && request.duration == rain.length && request.prompt.isEmpty)
        let mix = try #require(film.graph["mix"])
        let params = try mix.spec.params.decode(MixParams.self)
        #expect(params.spec.effects.count == 4)
        for (cue, placement) in zip(film.effects, params.spec.effects) {
            #expect(mix.inputs[placement.input] == cue.node)
            #expect(placement.start == cue.start && placement.length == cue.length && placement.gainDB == cue.effect.gainDB)
            #expect((placement.loop == true) == cue.effect.isAmbience)
        }
    }

    @Test func theFilmCarriesItsEffectsAndTheExportGivesThemATrack() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let studio = Studio(environment: environment(dir))
        let made = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(made.summary.succeeded)
        let board = made.storyboard
        // The pier scene has no lines: the music and the sea play there. The sea is broadband
        // noise, so it is heard above 3 kHz, where the procedural music has little.
        let pier = try #require(board.shots.first { $0.scene == board.scenes[1].id })
        let start = try #require(board.shotStarts[pier.id]).seconds
        let measured = try await LocalProcessRunner().run(try Toolchain.discover().requireFFmpeg(), [
            "-v", "info", "-nostdin", "-ss", String(start + 0.3), "-t", "1.5", "-i", made.film.path,
            "-vn", "-af", "highpass=f=3000,volumedetect", "-f", "null", "-"])
        let level = try #require(FilmCheck.meanVolume(fromStderr: measured.stderrText))
        #expect(level > -60, "the sea is not heard on the pier: \(level) dB above 3 kHz")

        let (timeline, _) = try await studio.timeline(production)
        let effects = timeline.tracks.filter { $0.name.hasPrefix("Effects") }
        let clips = effects.flatMap(\.items).compactMap { item -> Clip? in if case .clip(let c) = item { c } else { nil } }
        // Overlapping sounds go on lanes of their own (the door over the rain).
        #expect(effects.count == 2)
        #expect(Set(clips.compactMap { $0.metadata["effect"]?.stringValue }) == ["rain", "door", "sea", "phone"] && clips.count == 4)
        #expect(clips.allSatisfy { $0.metadata["role"] == "effects" && $0.media != nil })
        // Each character's lines on a track of their own.
        let maya = try #require(timeline.tracks.first { $0.name == "Dialogue · MAYA" })
        #expect(maya.items.contains { if case .clip(let c) = $0 { c.metadata["speaker"] == "MAYA" } else { false } })
        #expect(!timeline.tracks.contains { $0.name == "Dialogue" })
        let fcpxml = FCPXMLWriter.fcpxml(timeline)
        #expect(fcpxml.contains("audioRole=\"effects\""))
    }

    @Test func aShotsSoundsAreTheUsersOnceChosenAndTheShotKeepsItsVersion() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir)
        defer { production.close() }
        let studio = Studio(environment: environment(dir))
        let board = try await studio.plan(production, save: true)
        let slam = try #require(board.shots.first { $0.action.contains("door slams") })
        let before = try await studio.shot(production, id: slam.id)
        #expect(before.shotSounds == [.door])
        #expect(before.sounds.map(\.effect) == [.rain, .door] && before.sounds.map(\.ambience) == [true, false])

        let chosen = try await studio.editShot(production, id: slam.id, change: ShotChange(sounds: ["knock, footsteps", "knock"]))
        #expect(chosen.shotSounds == [.knock, .footsteps] && chosen.edited == ["sounds"])
        #expect(chosen.sounds.map(\.effect) == [.rain, .knock, .footsteps])
        #expect(chosen.version == before.version, "a sound is no picture: the takes stay current")

        let none = try await studio.editShot(production, id: slam.id, change: ShotChange(sounds: ["none"]))
        #expect(none.shotSounds.isEmpty && none.sounds.map(\.effect) == [.rain])
        let film = try await studio.filmBuilder(production, board: try await studio.plan(production, save: false),
                                                setup: try studio.providerSetup(production)).build()
        #expect(!film.effects.contains { $0.shot == slam.id }, "no sound at the shot")

        // A sound Reel does not make is refused, naming the ones it does; nothing changes.
        let error = await #expect(throws: ReelError.self) {
            try await studio.editShot(production, id: slam.id, change: ShotChange(sounds: ["door", "explosion"]))
        }
        #expect(error?.message == "\"explosion\" is not a sound Reel makes (--sounds)")
        #expect(error?.hint?.contains("footsteps") == true && error?.hint?.contains("auto") == true)
        #expect(try await studio.shot(production, id: slam.id).shotSounds.isEmpty)

        let auto = try await studio.editShot(production, id: slam.id, change: ShotChange(sounds: ["auto"]))
        #expect(auto.shotSounds == [.door] && auto.edited.isEmpty)
    }

    @Test func effectsNoneTurnsThemOffAndAProviderThatMakesNoneIsRefused() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir, yaml: "effects: none\n")
        defer { production.close() }
        #expect(production.config.effects == nil)
        let studio = Studio(environment: environment(dir))
        let board = try await studio.plan(production, save: true)
        let film = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production)).build()
        #expect(film.effects.isEmpty && !film.graph.nodes.contains { $0.spec.kind == .effect })
        let params = try #require(film.graph["mix"]).spec.params.decode(MixParams.self)
        #expect(params.spec.effects.isEmpty)

        let other = TemporaryDirectory()
        defer { other.remove() }
        let wrong = try self.production(other, yaml: "effects: kling\n")
        defer { wrong.close() }
        let error = await #expect(throws: ReelError.self) {
            try await Studio(environment: environment(other)).film(wrong, output: other.file("cut.mp4"), makeMissing: false)
        }
        #expect(error?.message == "effects: kling is not a sound-effect provider")
        #expect(error?.hint?.contains("elevenlabs") == true)
    }

    @Test func elevenLabsMakesTheEffectsWhenNamed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let eleven = try await ElevenLabsFakeServer.start()
        let production = try production(dir, yaml: "effects: elevenlabs\n")
        defer { production.close() }
        var env = environment(dir)
        env["ELEVENLABS_API_KEY"] = eleven.apiKey
        env["REEL_ELEVENLABS_BASE_URL"] = eleven.baseURL.absoluteString
        let made = try await Studio(environment: env).film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(made.summary.succeeded)
        let asked = eleven.requests.filter { $0.method == "POST" && $0.path == "/v1/sound-generation" }
        #expect(asked.count == 4)
        let rain = try #require(asked.first { $0.json?["text"]?.stringValue == SoundEffect.rain.prompt })
        #expect(rain.json?["loop"] == .bool(true))
        let door = try #require(asked.first { $0.json?["text"]?.stringValue == SoundEffect.door.prompt })
        #expect(door.json?["loop"] == .bool(false))
        #expect(asked.allSatisfy { $0.header("xi-api-key") == eleven.apiKey })
        // Asked again, nothing is paid twice.
        let again = try await Studio(environment: env).film(production, output: dir.file("cut2.mp4"), makeMissing: true)
        #expect(again.summary.succeeded)
        #expect(eleven.requests.filter { $0.path == "/v1/sound-generation" }.count == 4)
        try await eleven.stop()
    }
}
