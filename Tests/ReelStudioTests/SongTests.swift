import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel song`: a song from lyrics sung over the film's end (or opening) in place of that
/// scene's music — by a model that sings, asked once; offline, an instrumental in its place
/// that says so; bad input refused with reel.yaml and the lyrics untouched.
@Suite(.serialized) struct SongTests {
    static let lyrics = "[Verse]\n雨落在旧站台\n你没有回来\n[Chorus]\n末班车 带走了夏天"

    func miniMaxStudio(_ dir: TemporaryDirectory, _ fake: FakeTaskServer) -> Studio {
        var env = SoundEffectsTests().environment(dir)
        env["MINIMAX_API_KEY"] = MiniMaxFakeServer().key
        env["REEL_MINIMAX_BASE_URL"] = fake.baseURL.absoluteString
        return Studio(environment: env)
    }

    @Test func aSongIsSungOverTheLastSceneInPlaceOfItsMusicAndPaidOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fake = try await FakeTaskServer.start(MiniMaxFakeServer())
        let opened = try SoundEffectsTests().production(dir, yaml: "style: \"rainy neon noir\"\neffects: none\n")
        let studio = miniMaxStudio(dir, fake)
        let report = try #require(try await studio.setSong(opened, SongChange(title: "末班车", lyrics: Self.lyrics + "\n\n",
                                                                               style: "国风流行, 女声", provider: "minimax")))
        opened.close()
        #expect(report.sung && report.provider == "minimax" && report.warnings.isEmpty && report.at == .end)
        let root = try #require(opened.workspace.projectDirectory)
        #expect(try String(contentsOf: root.appendingPathComponent("song/lyrics.txt"), encoding: .utf8) == Self.lyrics + "\n")
        let production = try Production.open(try Project.find(root), lockFor: "test")
        defer { production.close() }
        #expect(production.config.song == SongSettings(title: "末班车", style: "国风流行, 女声", at: .end, provider: "minimax"))

        let made = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: true)
        #expect(made.summary.succeeded, "\(made.summary.failures)")
        #expect(!made.warnings.contains { $0.contains("instrumental") })
        let board = made.storyboard
        try #require(board.scenes.count >= 2)
        let sung = fake.requests("POST", "/v1/music_generation")
        #expect(sung.count == 1)
        let body = try #require(sung.first?.json)
        #expect(body["lyrics"]?.stringValue == Self.lyrics && body["prompt"] == "国风流行, 女声; rainy neon noir")

        // In the mix: the last scene's music is the song, cut at the scene's end; the others keep theirs.
        let builder = try await studio.filmBuilder(production, board: board, setup: try studio.providerSetup(production))
        let film = try builder.build()
        let last = try #require(board.scenes.last)
        #expect(film.graph[NodeID("music:\(last.id)")] == nil)
        #expect(film.graph[NodeID("music:\(board.scenes[0].id)")]?.spec.provider == "procedural")
        let song = try #require(film.graph["song"])
        #expect(song.spec.provider == "minimax")
        let cue = try #require(film.music.first { $0.node == "song" })
        let place = try #require(Studio.songPlace(.end, in: board))
        #expect(cue.song == "末班车" && cue.scene == last.id && cue.start == place.start - RationalTime(value: 1, timescale: 2))
        let mix = try #require(film.graph["mix"]).spec.params.decode(MixParams.self)
        let index = try #require(film.graph["mix"]?.inputs.firstIndex(of: "song"))
        let placed = try #require(mix.spec.music.first { $0.input == index })
        #expect(placed.length == place.length + RationalTime(value: 1, timescale: 2), "its scene and the half second it overlaps the one before")

        let again = try await studio.film(production, output: dir.file("cut2.mp4"), makeMissing: true)
        #expect(again.summary.succeeded)
        #expect(fake.requests("POST", "/v1/music_generation").count == 1, "paid once")
        try await fake.stop()
    }

    @Test func offlineTheSongsPlaceHasAnInstrumentalAndSaysSo() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try SoundEffectsTests().production(dir, yaml: "effects: none\n")
        defer { production.close() }
        let studio = Studio(environment: SoundEffectsTests().environment(dir))
        let report = try #require(try await studio.setSong(production, SongChange(title: "Last Train", lyrics: "[Verse]\nThe last train leaves at nine",
                                                                                   at: .opening)))
        #expect(!report.sung && report.provider == "procedural" && report.scene != nil && report.start == 0)
        #expect(report.warnings.count == 1 && report.warnings[0].contains("instrumental"))
        var reopened = production
        reopened.config.song = try ProjectConfig.load(production.workspace.projectDirectory!.appendingPathComponent("reel.yaml")).song
        let made = try await studio.film(reopened, output: dir.file("cut.mp4"), makeMissing: false)
        #expect(made.summary.succeeded)
        #expect(made.warnings.contains { $0.contains("“Last Train” plays as an instrumental") }, "\(made.warnings)")
        let builder = try await studio.filmBuilder(reopened, board: made.storyboard)
        let film = try builder.build()
        #expect(film.graph["song"]?.spec.provider == "procedural")
        #expect(film.graph[NodeID("music:\(made.storyboard.scenes[0].id)")] == nil, "the opening scene's music is the song's")
    }

    @Test func aSongThatCannotBeSungIsRefusedWithNothingChanged() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try SoundEffectsTests().production(dir)
        defer { production.close() }
        let root = try #require(production.workspace.projectDirectory)
        let config = root.appendingPathComponent("reel.yaml")
        let before = try Data(contentsOf: config)
        var env = SoundEffectsTests().environment(dir)
        env["ELEVENLABS_API_KEY"] = "xi-test-key"
        let studio = Studio(environment: env)
        let cases: [(SongChange, String)] = [
            (SongChange(title: "  ", lyrics: Self.lyrics), "the song needs a title"),
            (SongChange(title: "Rain", lyrics: " \n "), "the song has no words"),
            (SongChange(title: "Rain", lyrics: String(repeating: "雨", count: 3_501)), "3501 characters of lyrics are over the 3500 a song takes"),
            (SongChange(title: "Rain", lyrics: Self.lyrics, provider: "elevenlabs"), "song.provider: elevenlabs makes music but does not sing lyrics"),
            (SongChange(title: "Rain", lyrics: Self.lyrics, provider: "kling"), "song.provider: kling is not a singing provider"),
            (SongChange(title: "Rain", lyrics: Self.lyrics, provider: "minimax"), "MiniMax Hailuo is not configured: set MINIMAX_API_KEY"),
        ]
        for (change, message) in cases {
            let error = await #expect(throws: ReelError.self) { try await studio.setSong(production, change) }
            #expect(error?.message == message)
            #expect(error?.hint?.isEmpty == false)
        }
        #expect(try Data(contentsOf: config) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("song").path))
    }

    @Test func removingTheSongKeepsEveryOtherLineOfReelYaml() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try SoundEffectsTests().production(dir, yaml: "# our own note\nstyle: \"warm\"   # kept\n")
        defer { production.close() }
        let config = try #require(production.workspace.projectDirectory).appendingPathComponent("reel.yaml")
        let before = try String(contentsOf: config, encoding: .utf8)
        let studio = Studio(environment: SoundEffectsTests().environment(dir))
        _ = try await studio.setSong(production, SongChange(title: "One", lyrics: "la la", style: "folk"))
        _ = try await studio.setSong(production, SongChange(title: "Two", lyrics: "la la la", style: "pop"))
        let twice = try String(contentsOf: config, encoding: .utf8)
        #expect(twice.components(separatedBy: "song:").count == 2, "one block, replaced")
        #expect(try ProjectConfig.load(config).song?.title == "Two")
        #expect(try ProjectConfig.load(config).style == "warm")
        var current = production
        current.config.song = try ProjectConfig.load(config).song
        #expect(try await studio.setSong(current, nil) == nil)
        let after = try String(contentsOf: config, encoding: .utf8)
        #expect(after.trimmingCharacters(in: .whitespacesAndNewlines) == before.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try ProjectConfig.load(config).song == nil)
    }

    /// The `song:` block is found by the YAML parser, whatever is inside it or beside it, and
    /// the file reads back as it was with only the song changed.
    @Test(arguments: [
        ("music: procedural\nsong:\n  title: \"A\"\n\n  lyrics: song/lyrics.txt\n# the next one\nstyle: warm\n", "music: procedural\n# the next one\nstyle: warm\n"),
        ("style: warm\nsong:\n  title: A\n# inside\n  lyrics: l.txt\n", "style: warm\n"),
        ("song: { title: A, lyrics: l.txt }\nstyle: warm   # kept\n", "style: warm   # kept\n"),
        ("providers:\n  kling:\n    song: 1\nsong:\n  title: A\n  lyrics: l.txt", "providers:\n  kling:\n    song: 1\n"),
        ("style: warm\r\nsong:\r\n  title: A\r\n  lyrics: l.txt\r\nmusic: procedural\r\n", "style: warm\r\nmusic: procedural\r\n"),
    ])
    func theSongBlockIsReplacedAndNothingElse(yaml: String, without: String) throws {
        let base = "script: s.fountain\n"
        let crlf = yaml.contains("\r\n")
        let text = (crlf ? base.replacingOccurrences(of: "\n", with: "\r\n") : base) + yaml
        #expect(try SongSettings.replacingBlock(in: text, with: nil, file: "reel.yaml")
                == (crlf ? base.replacingOccurrences(of: "\n", with: "\r\n") : base) + without)
        let song = SongSettings(title: "雨 \"夜\": 1", style: "a # b", at: .opening, provider: "minimax")
        let replaced = try SongSettings.replacingBlock(in: text, with: song, file: "reel.yaml")
        var expected = try ProjectConfig.parse(text, file: "reel.yaml")
        expected.song = song
        #expect(try ProjectConfig.parse(replaced, file: "reel.yaml") == expected)
        #expect(!crlf || !replaced.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "one kind of line ending")
    }

    /// The providers said to sing are exactly those whose music adapters sing.
    @Test func theSingersAreTheMusicAdaptersThatSing() throws {
        for entry in ProviderDirectory.all {
            guard let make = entry.music else { continue }
            let credentials = Dictionary(uniqueKeysWithValues: entry.credentials.map { ($0, Secret("k")) })
            let adapter = try make(ProviderConfig(id: entry.id, baseURL: URL(string: "http://127.0.0.1:9")!, credentials: credentials),
                                   AdapterSupport())
            #expect(adapter.singsLyrics == Studio.singers.contains(entry.id), "\(entry.id)")
        }
    }
}
