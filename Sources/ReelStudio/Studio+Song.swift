import Foundation
import ReelEngine
import ReelModel
import ReelProviders

/// What `reel song` (and `PUT …/song`, MCP's `set_song`) asks: the song the film ends or opens with.
public struct SongChange: Sendable, Hashable {
    public var title: String
    /// The words: a line per line, `[Verse]`/`[Chorus]` tags as the singer's model reads them.
    public var lyrics: String
    /// The music in words: genre, voice, instruments (`国风流行, 女声`).
    public var style: String
    public var at: SongSettings.Placement
    /// Who sings it; nil for `music:`'s provider.
    public var provider: ProviderID?

    public init(title: String, lyrics: String, style: String = "", at: SongSettings.Placement = .end, provider: ProviderID? = nil) {
        self.title = title
        self.lyrics = lyrics
        self.style = style
        self.at = at
        self.provider = provider
    }
}

/// The film's song as `reel song` shows it.
public struct SongReport: Sendable, Codable, Hashable {
    public var title: String
    /// The lyrics file, in the project folder.
    public var lyricsFile: String
    public var lyrics: String
    public var style: String
    public var at: SongSettings.Placement
    /// Who sings it (`procedural`: Reel's offline score, which plays an instrumental in its place).
    public var provider: ProviderID
    /// False when the provider does not sing: an instrumental plays in the song's place.
    public var sung: Bool
    /// The scene it plays over, where it starts in the film and for how long (seconds), as
    /// the storyboard stands now.
    public var scene: SceneID?
    public var start: Double?
    public var length: Double?
    public var warnings: [String]
}

extension Studio {
    /// The film's song, or nil when it has none.
    public func song(_ production: Production) async throws -> SongReport? {
        guard let song = production.config.song else { return nil }
        let lyrics = try songLyrics(song, production: production)
        let board = try await plan(production, save: false)
        let setup = try? providerSetup(production)
        let singer = generators(setup).song ?? generators(setup).music
        let placed = Self.songPlace(song.at, in: board)
        var warnings: [String] = []
        if !singer.singsLyrics {
            warnings.append(Self.unsungWarning(song, by: singer))
        }
        return SongReport(title: song.title, lyricsFile: song.lyrics, lyrics: lyrics, style: song.style, at: song.at,
                          provider: song.provider ?? production.config.music ?? singer.descriptor.id, sung: singer.singsLyrics,
                          scene: placed?.scene, start: placed?.start.seconds, length: placed?.length.seconds, warnings: warnings)
    }

    /// Sets the film's song (nil removes it): the words go to `song/lyrics.txt` in the project,
    /// the rest to reel.yaml's `song:` block (the file's other lines stay as they are). A
    /// change that cannot be used — no title or lyrics, lyrics too long, a provider that
    /// makes no music or does not sing — is refused with nothing changed.
    public func setSong(_ production: Production, _ change: SongChange?) async throws -> SongReport? {
        guard let directory = production.workspace.projectDirectory else {
            throw ReelError(.usage, "a song belongs to a project, and \(production.script.lastPathComponent) is a loose script",
                            hint: "make a project first: `reel init DIR --script \(production.script.lastPathComponent)`")
        }
        let configURL = directory.appendingPathComponent(ProjectConfig.fileName)
        let before = try String(contentsOf: configURL, encoding: .utf8)
        var next = production
        guard let change else {
            try OutputFile.write(Data(SongSettings.replacingBlock(in: before, with: nil).utf8), at: configURL)
            return nil
        }
        let title = change.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let lyrics = change.lyrics.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            throw ReelError(.usage, "the song needs a title", hint: "for example `reel song \"Last Train\" --lyrics lyrics.txt`")
        }
        try Self.checkLyrics(lyrics, at: nil)
        let song = SongSettings(title: title, style: change.style.trimmingCharacters(in: .whitespacesAndNewlines), at: change.at,
                                provider: change.provider)
        next.config.song = song
        try requireSong(next, setup: try providerSetup(next))
        let text = SongSettings.replacingBlock(in: before, with: song.yamlBlock())
        // The file must read back as it was meant, or nothing is written.
        _ = try ProjectConfig.parse(text, file: configURL.path)
        let lyricsURL = directory.appendingPathComponent(song.lyrics)
        try FileManager.default.createDirectory(at: lyricsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try OutputFile.write(Data((lyrics + "\n").utf8), at: lyricsURL)
        try OutputFile.write(Data(text.utf8), at: configURL)
        return try await self.song(next)
    }

    /// The song's words, read from its file in the project; one clear error when they are missing or unusable.
    func songLyrics(_ song: SongSettings, production: Production) throws -> String {
        let root = production.workspace.projectDirectory ?? production.script.deletingLastPathComponent()
        let url = root.appendingPathComponent(song.lyrics)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReelError(.configuration, "the song's lyrics file \(song.lyrics) cannot be read", at: "reel.yaml song.lyrics",
                            hint: "write the words there, or set them again with `reel song \"\(song.title)\" --lyrics FILE`")
        }
        let lyrics = text.trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.checkLyrics(lyrics, at: song.lyrics)
        return lyrics
    }

    /// Refuses words a song cannot be sung from; `place` names the file they came from.
    static func checkLyrics(_ lyrics: String, at place: String?) throws {
        guard !lyrics.isEmpty else {
            throw ReelError(.usage, "the song has no words", at: place,
                            hint: "a line per line; [Verse] and [Chorus] on lines of their own help the singer")
        }
        guard lyrics.count <= SongSettings.lyricsLimit else {
            throw ReelError(.usage, "\(lyrics.count) characters of lyrics are over the \(SongSettings.lyricsLimit) a song takes",
                            at: place, hint: "shorten them: a song over the end is a verse and a chorus or two")
        }
    }

    /// Fails with what to do when the song names a provider that makes no music, is not
    /// configured, or does not sing.
    func requireSong(_ production: Production, setup: ProviderSetup) throws {
        guard let song = production.config.song, let provider = song.provider else { return }
        if ProviderDirectory.entry(provider)?.music != nil, !Self.singers.contains(provider) {
            throw ReelError(.configuration, "song.provider: \(provider) makes music but does not sing lyrics", at: "reel.yaml",
                            hint: "name one that sings: " + Self.singers.map(\.rawValue).joined(separator: ", "))
        }
        try requireConfigured(provider, key: "song.provider", what: "singing", made: setup.song != nil, setup: setup,
                              makes: { Self.singers.contains($0.id) }, otherwise: nil, leaveOut: "leave it out for `music:`'s provider")
    }

    /// The providers whose music models sing lyrics (``MusicGenerator/singsLyrics``; a test
    /// holds the two together).
    static let singers: [ProviderID] = ["minimax"]

    static func unsungWarning(_ song: SongSettings, by singer: any MusicGenerator) -> String {
        "the song “\(song.title)” plays as an instrumental: \(singer.descriptor.name) does not sing; "
            + "name a music model that does (`song.provider: \(singers[0])` in reel.yaml)"
    }

    /// The scene the song plays over, where that starts and how long it lasts: the last scene
    /// (`end`) or the first (`opening`). Nil for a storyboard without scenes.
    static func songPlace(_ at: SongSettings.Placement, in board: Storyboard) -> (scene: SceneID, start: RationalTime, length: RationalTime)? {
        guard let scene = at == .end ? board.scenes.last : board.scenes.first else { return nil }
        var start = RationalTime.zero
        var length = RationalTime.zero
        for shot in board.shots {
            if shot.scene == scene.id {
                length = length + shot.duration
            } else if length == .zero {
                start = start + shot.duration
            }
        }
        return (scene.id, start, length)
    }
}
