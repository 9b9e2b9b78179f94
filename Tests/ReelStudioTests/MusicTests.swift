import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel music`: a scene's music asked for in words (or a mood), made as takes to choose
/// from, one picked for the film — each take a job paid once; bad asks refused with reel.yaml
/// as it was.
@Suite(.serialized) struct MusicTests {
    func production(_ dir: TemporaryDirectory, yaml: String = "effects: none\n") throws -> Production {
        try SoundEffectsTests().production(dir, yaml: yaml)
    }

    func reopen(_ production: Production) throws -> Production {
        production.close()
        return try Production.open(try Project.find(try #require(production.workspace.projectDirectory)), lockFor: "test")
    }

    func config(_ production: Production) throws -> String {
        let root = try #require(production.workspace.projectDirectory)
        return try String(contentsOf: root.appendingPathComponent(ProjectConfig.fileName), encoding: .utf8)
    }

    @Test func aScenesMusicIsAskedInWordsMadeAsTakesAndThePickedOnePlaysPaidOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fake = try await FakeTaskServer.start(MiniMaxFakeServer())
        let opened = try production(dir, yaml: "style: \"rainy neon noir\"\neffects: none\n")
        let studio = SongTests().miniMaxStudio(dir, fake)
        let ask = MusicChange(scene: "S02", prompt: "tense strings,\nslow build", provider: "MiniMax", takes: 3)
        let (set, scene) = try await studio.setMusic(opened, ask)
        #expect(scene == "2")
        #expect(set.config.sceneMusic == ["2": SceneMusic(prompt: "tense strings, slow build", provider: "minimax", takes: 3)])
        var production = try reopen(opened)
        defer { production.close() }
        #expect(production.config.sceneMusic == set.config.sceneMusic, "reel.yaml reads back as set")

        let estimate = try await studio.makeMusic(production, scene: "2", dryRun: true)
        #expect(estimate.forecast?.count == 3 && estimate.forecast?.values.allSatisfy { $0 == .runs } == true)
        #expect(estimate.graph.nodes.allSatisfy { ($0.estimatedCost?.micros ?? 0) > 0 }, "a paid take is priced before it runs")
        #expect(fake.requests("POST", "/v1/music_generation").isEmpty, "a dry run sends nothing")

        let made = try await studio.makeMusic(production, scene: "2")
        #expect(made.summary?.succeeded == true, "\(made.summary?.failures ?? [:])")
        let sent = fake.requests("POST", "/v1/music_generation")
        #expect(sent.count == 3)
        #expect(sent.allSatisfy { $0.json?["prompt"]?.stringValue == "tense strings, slow build; rainy neon noir" })
        #expect(sent.allSatisfy { $0.json?["is_instrumental"]?.boolValue == true && $0.json?["lyrics"] == nil })

        var report = try await studio.music(production)
        let second = try #require(report.scenes.first { $0.scene == "2" })
        #expect(second.takes.map(\.state) == ["made", "made", "made"] && second.takes.map(\.picked) == [true, false, false])
        #expect(second.provider == "minimax" && second.paid && second.ownPrompt && second.takes.allSatisfy { $0.file != nil })
        #expect(report.scenes.first { $0.scene == "1" }?.provider == "procedural", "the other scene keeps its score")

        // Made again: nothing is asked twice.
        _ = try await studio.makeMusic(production, scene: "2")
        #expect(fake.requests("POST", "/v1/music_generation").count == 3)

        // The pick plays in the film, made already: the film asks nothing of the model.
        production = try reopen(try await studio.setMusic(production, MusicChange(scene: "2", pick: 2)).production)
        let film = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(film.summary.succeeded, "\(film.summary.failures)")
        #expect(fake.requests("POST", "/v1/music_generation").count == 3, "the picked take is the one made")
        let builder = try await studio.filmBuilder(production, board: film.storyboard, setup: try studio.providerSetup(production))
        let graph = try builder.build()
        let played = try #require(graph.graph["music:2"])
        let take2 = try builder.musicCue(1, take: 2, id: "music:2#2").node
        let take1 = try builder.musicCue(1, take: 1, id: "music:2#1").node
        #expect(CacheKey(spec: played.spec, inputs: []) == CacheKey(spec: take2.spec, inputs: []))
        #expect(CacheKey(spec: take1.spec, inputs: []) != CacheKey(spec: take2.spec, inputs: []),
                "each take its own job, though MiniMax takes no seed")
        #expect(graph.music.first { $0.scene == "2" }?.length != nil, "a model's cue is cut at its scene's end")
        report = try await studio.music(production)
        let picked = try #require(report.scenes.first { $0.scene == "2" })
        #expect(picked.takes.map(\.picked) == [false, true, false])
        #expect(picked.words == "tense strings, slow build" && picked.prompt == "tense strings, slow build; rainy neon noir")
        #expect(picked.ownProvider == "minimax")

        // The same ask again (as the web form sends it: every field) keeps the pick; a mood
        // the model is not sent changes no take; lowering the takes under the pick is refused.
        production = try reopen(try await studio.setMusic(production, MusicChange(scene: "2", prompt: picked.words, mood: "",
                                                                                  provider: "minimax", takes: 3)).production)
        #expect(production.config.sceneMusic["2"]?.pick == 2)
        production = try reopen(try await studio.setMusic(production, MusicChange(scene: "2", mood: "sad")).production)
        #expect(production.config.sceneMusic["2"]?.pick == 2)
        report = try await studio.music(production)
        #expect(report.scenes.first { $0.scene == "2" }?.takes.map(\.state) == ["made", "made", "made"], "nothing to pay again")
        let lower = await #expect(throws: ReelError.self) { try await studio.setMusic(production, MusicChange(scene: "2", takes: 1)) }
        #expect(lower?.message == "take 2 of scene 2's music is picked, so it keeps at least 2 takes")

        try await fake.stop()
    }

    /// A scene that asks nothing has the cue it always had: the same request, the same key —
    /// so no project made before scenes had takes pays for a model's music again. The oracle is
    /// the request as the film asked it before (`music: minimax`, the film's style).
    @Test func aSceneThatAsksNothingKeepsTheKeyItsCueAlwaysHad() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fake = try await FakeTaskServer.start(MiniMaxFakeServer())
        let production = try self.production(dir, yaml: "style: \"rainy neon noir\"\nmusic: minimax\neffects: none\n")
        defer { production.close() }
        let studio = SongTests().miniMaxStudio(dir, fake)
        let board = try await studio.plan(production, save: false)
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let scene = board.scenes[0]
        let length = board.shots.filter { $0.scene == scene.id }.reduce(RationalTime.zero) { $0 + $1.duration }
        let old = MusicRequest(mood: scene.mood, duration: length + RationalTime(value: 1, timescale: 2),
                               seed: Hashing.seed("music:\(scene.mood.rawValue):\(scene.id)"),
                               prompt: "Film underscore for a \(scene.mood.rawValue) scene (\(scene.heading)): instrumental, under dialogue; rainy neon noir")
        let oldSpec = try Generators.spec(builder.generators.music, kind: .music, request: old, model: old.model)
        let cue = try builder.musicCue(0, take: 1, id: "music:1")
        #expect(cue.node.spec.provider == "minimax")
        #expect(CacheKey(spec: cue.node.spec, inputs: []) == CacheKey(spec: oldSpec, inputs: []))
        #expect(try builder.build().graph["music:1"]?.spec == cue.node.spec)
        try await fake.stop()
    }

    @Test func offlineTakesDifferByTheirSeedAndTheMoodAskedIsPlayed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let opened = try production(dir)
        let before = try config(opened)
        let studio = Studio(environment: SoundEffectsTests().environment(dir))
        let (set, _) = try await studio.setMusic(opened, MusicChange(scene: "1", mood: "Sad", takes: 2))
        let made = try await studio.makeMusic(set, scene: "1")
        #expect(made.summary?.succeeded == true)
        let report = try await studio.music(set)
        let first = try #require(report.scenes.first { $0.scene == "1" })
        #expect(first.mood == .sad && first.sceneMood != .sad && !first.paid && first.provider == "procedural")
        let files = first.takes.compactMap(\.file)
        #expect(files.count == 2 && Set(files).count == 2, "two takes, two different cues")
        let builder = try await studio.filmBuilder(set, board: made.storyboard)
        let cue = try builder.musicCue(0, take: 1, id: "music:1")
        #expect(cue.request.mood == .sad)
        #expect(try builder.build().music.first { $0.scene == "1" }?.length == nil, "Reel's score is made to length")

        // Back to the scene's own: the block goes, the file is as it was.
        let (reset, _) = try await studio.setMusic(set, MusicChange(scene: "1", reset: true))
        #expect(reset.config.sceneMusic.isEmpty)
        #expect(try config(opened) == before)
        opened.close()
    }

    @Test func badAsksAreRefusedWithReelYAMLAsItWas() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir, yaml: "effects: none\r\nscene_music:\r\n  \"2\": { takes: 2 }   # kept\r\n")
        defer { production.close() }
        let studio = Studio(environment: SoundEffectsTests().environment(dir))
        let before = try config(production)
        let refusals: [(MusicChange, String)] = [
            (MusicChange(scene: "7", takes: 2), "has no scene 7"),
            (MusicChange(scene: "1", mood: "angry"), "not a mood"),
            (MusicChange(scene: "2", pick: 3), "no take 3"),
            (MusicChange(scene: "1", takes: 9), "1 to 8 takes"),
            (MusicChange(scene: "1", prompt: String(repeating: "弦", count: 1_001)), "too many"),
            (MusicChange(scene: "1", provider: "kling"), "not a music provider"),
            (MusicChange(scene: "1", provider: "elevenlabs"), "not configured"),
        ]
        for (change, message) in refusals {
            let error = await #expect(throws: ReelError.self) { try await studio.setMusic(production, change) }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "") for \(change)")
            #expect(try config(production) == before, "nothing changed for \(change)")
        }
        // The song's scene plays the song: its music cannot be asked for.
        let sung = try await studio.setSong(production, SongChange(title: "Pier", lyrics: "[Verse]\nOut on the pier"))
        #expect(sung?.scene == "2")
        var withSong = production
        withSong.config.song = SongSettings(title: "Pier", style: "")
        let error = await #expect(throws: ReelError.self) { try await studio.setMusic(withSong, MusicChange(scene: "2", takes: 3)) }
        #expect(error?.message.contains("the song “Pier” plays over scene 2") == true)
        #expect(try await studio.music(withSong).scenes.map(\.song) == [nil, "Pier"], "the song's scene names the song")

        // A change keeps the file's CRLF and its other lines.
        let (changed, _) = try await studio.setMusic(production, MusicChange(scene: "1", prompt: "solo cello"))
        let text = try config(production)
        #expect(text.contains("\r\nscene_music:") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(changed.config.sceneMusic == ["1": SceneMusic(prompt: "solo cello"), "2": SceneMusic(takes: 2)])
    }

    @Test func aSceneNamedByHandAsS02IsScene2AndAMissingKeyIsSaidBeforeAnythingIsMade() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try production(dir, yaml: "effects: none\nscene_music:\n  S02: { takes: 2 }\n")
        defer { production.close() }
        let studio = Studio(environment: SoundEffectsTests().environment(dir))
        let report = try await studio.music(production)
        #expect(report.warnings.isEmpty && report.scenes.first { $0.scene == "2" }?.takes.count == 2, "\(report)")
        let (picked, _) = try await studio.setMusic(production, MusicChange(scene: "2", pick: 2))
        #expect(picked.config.sceneMusic == ["2": SceneMusic(takes: 2, pick: 2)], "one entry, under the storyboard's id")
        #expect(try config(production).hasSuffix("  \"2\": { takes: 2, pick: 2 }\n"))

        var paid = production
        paid.config.music = "elevenlabs"
        var env = SoundEffectsTests().environment(dir)
        env["ELEVENLABS_API_KEY"] = nil
        let error = await #expect(throws: ReelError.self) { try await Studio(environment: env).makeMusic(paid, scene: "2") }
        #expect(error?.message.contains("ElevenLabs is not configured") == true, "\(error?.message ?? "")")
    }

    @Test func reelYAMLsSceneMusicIsReadWithWhereItIsWrong() throws {
        let good = try ProjectConfig.parse("script: a.fountain\nscene_music:\n  \"3\": { prompt: harp, mood: sad, provider: ElevenLabs, takes: 4, pick: 3 }\n",
                                           file: "reel.yaml")
        #expect(good.sceneMusic == ["3": SceneMusic(prompt: "harp", mood: .sad, provider: "elevenlabs", takes: 4, pick: 3)])
        for (yaml, message) in [
            ("scene_music: [1, 2]", "scene_music: must be a mapping of scenes"),
            ("scene_music:\n  \"1\": { mood: angry }", "scene_music.1.mood: must be a mood"),
            ("scene_music:\n  \"1\": { takes: 0 }", "scene_music.1.takes: must be a whole number from 1 to 8"),
            ("scene_music:\n  \"1\": { takes: 2, pick: 3 }", "scene_music.1.pick: picks take 3 of 2"),
        ] {
            let error = #expect(throws: ReelError.self) { try ProjectConfig.parse("script: a.fountain\n" + yaml + "\n", file: "reel.yaml") }
            #expect(error?.message == message)
            #expect(error?.location?.hasPrefix("reel.yaml:") == true)
        }
    }
}
