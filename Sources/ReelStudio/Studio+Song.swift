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
        return try await songReport(song, lyrics: try songLyrics(song, production: production), production: production)
    }

    /// The report of `song` with `lyrics`, as the storyboard and the configured providers stand.
    func songReport(_ song: SongSettings, lyrics: String, production: Production) async throws -> SongReport {
        let board = try await plan(production, save: false)
        let setup = try? providerSetup(production)
        let generators = generators(setup)
        let singer = generators.song ?? generators.music
        let placed = Self.songPlace(song.at, in: board)
        var warnings: [String] = []
        var sung = singer.singsLyrics
        if let provider = song.provider, setup?.song == nil {
            sung = false
            let missing = setup?.providers.first { $0.entry.id == provider }?.missing
            warnings.append("\(provider) is not configured here\(missing.map { " (\($0))" } ?? ""): the film cannot sing the song until it is")
        } else if !sung {
            warnings.append(Self.unsungWarning(song, by: singer))
        }
        return SongReport(title: song.title, lyricsFile: song.lyrics, lyrics: lyrics, style: song.style, at: song.at,
                          provider: song.provider ?? production.config.music ?? singer.descriptor.id, sung: sung,
                          scene: placed?.scene, start: placed?.start.seconds, length: placed?.length.seconds, warnings: warnings)
    }

    /// Sets the film's song (nil removes it): the words go to `song/lyrics.txt` in the project,
    /// the rest to reel.yaml's `song:` block (the file's other lines stay as they are). A
    /// change that cannot be used — no title or lyrics, lyrics too long, a provider that
    /// makes no music or does not sing, a reel.yaml whose block cannot be rewritten safely —
    /// is refused with nothing changed.
    public func setSong(_ production: Production, _ change: SongChange?) async throws -> SongReport? {
        guard let directory = production.workspace.projectDirectory else {
            throw ReelError(.usage, "a song belongs to a project, and \(production.script.lastPathComponent) is a loose script",
                            hint: "make a project first: `reel init DIR --script \(production.script.lastPathComponent)`")
        }
        let configURL = directory.appendingPathComponent(ProjectConfig.fileName)
        let before = try String(contentsOf: configURL, encoding: .utf8)
        guard let change else {
            guard production.config.song != nil else { return nil }
            let text = try SongSettings.replacingBlock(in: before, with: nil, file: configURL.path)
            try OutputFile.write(Data(text.utf8), at: configURL)
            return nil
        }
        let title = Self.oneLine(change.title)
        let style = Self.oneLine(change.style)
        let lyrics = Self.lyricsText(change.lyrics)
        guard !title.isEmpty else {
            throw ReelError(.usage, "the song needs a title", hint: "for example `reel song \"Last Train\" --lyrics lyrics.txt`")
        }
        guard title.count <= 200 else {
            throw ReelError(.usage, "a title of \(title.count) characters is too long for a song (200 at most)", hint: "a few words")
        }
        guard style.count <= SongSettings.styleLimit else {
            throw ReelError(.usage, "a style of \(style.count) characters is over the \(SongSettings.styleLimit) a song takes",
                            hint: "say the genre, the voice and the instruments in a line")
        }
        try Self.checkLyrics(lyrics, at: nil)
        let song = SongSettings(title: title, style: style, at: change.at, provider: change.provider)
        var next = production
        next.config.song = song
        try requireSong(next, setup: try providerSetup(next), lyrics: lyrics)
        let text = try SongSettings.replacingBlock(in: before, with: song, file: configURL.path)
        // The answer first: once both files are written, nothing is left to fail.
        let report = try await songReport(song, lyrics: lyrics, production: next)
        let lyricsURL = directory.appendingPathComponent(song.lyrics)
        let oldWords = try? Data(contentsOf: lyricsURL)
        try FileManager.default.createDirectory(at: lyricsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try OutputFile.write(Data((lyrics + "\n").utf8), at: lyricsURL)
        do {
            try OutputFile.write(Data(text.utf8), at: configURL)
        } catch {
            // The old song keeps its old words.
            if let oldWords { try? OutputFile.write(oldWords, at: lyricsURL) } else { try? FileManager.default.removeItem(at: lyricsURL) }
            throw error
        }
        return report
    }

    /// The song's words, read from its file in the project; one clear error when they are missing or unusable.
    public func songLyrics(_ song: SongSettings, production: Production) throws -> String {
        let root = production.workspace.projectDirectory ?? production.script.deletingLastPathComponent()
        let url = root.appendingPathComponent(song.lyrics)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReelError(.configuration, "the song's lyrics file \(song.lyrics) cannot be read", at: "reel.yaml song.lyrics",
                            hint: "write the words there, or set them again with `reel song \"\(song.title)\" --lyrics FILE`")
        }
        let lyrics = Self.lyricsText(text)
        try Self.checkLyrics(lyrics, at: song.lyrics)
        return lyrics
    }

    /// Words as a singer's model counts them: lines ending in `\n` (not `\r\n`), trimmed.
    static func lyricsText(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A title or style on one line: control characters (a newline) become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
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

    /// Fails with what to do when the song's words cannot be read, or it names a provider that
    /// makes no music, is not configured, or does not sing.
    func requireSong(_ production: Production, setup: ProviderSetup, lyrics: String? = nil) throws {
        guard let song = production.config.song else { return }
        if lyrics == nil { _ = try songLyrics(song, production: production) }
        guard let provider = song.provider else { return }
        if ProviderDirectory.entry(provider)?.music != nil, !Self.singers.contains(provider) {
            throw ReelError(.configuration, "song.provider: \(provider) makes music but does not sing lyrics", at: "reel.yaml",
                            hint: "name one that sings: " + Self.singers.map(\.rawValue).joined(separator: ", "))
        }
        try requireConfigured(provider, key: "song.provider", what: "singing", made: setup.song != nil, setup: setup,
                              makes: { Self.singers.contains($0.id) }, otherwise: nil, leaveOut: "leave it out for `music:`'s provider")
    }

    /// What a film or timeline says of its song: an instrumental in its place, or words that
    /// cannot be read (the scene keeps its own music).
    func songWarnings(_ production: Production, generators: Generators) -> [String] {
        guard let song = production.config.song else { return [] }
        if (try? songLyrics(song, production: production)) == nil {
            return ["the song “\(song.title)” is left out: its words (\(song.lyrics)) cannot be read"]
        }
        let singer = generators.song ?? generators.music
        return singer.singsLyrics ? [] : [Self.unsungWarning(song, by: singer)]
    }

    /// The providers whose music models sing lyrics (``MusicGenerator/singsLyrics``; a test
    /// holds the two together).
    static let singers: [ProviderID] = ["minimax"]

    static func unsungWarning(_ song: SongSettings, by singer: any MusicGenerator) -> String {
        "the song “\(song.title)” plays as an instrumental: \(singer.descriptor.name) does not sing; "
            + "name a music model that does (`song.provider: \(singers[0])` in reel.yaml)"
    }

    /// The scene the song plays over: the last one with shots (`end`), or the first (`opening`).
    static func songScene(_ at: SongSettings.Placement, in board: Storyboard) -> SceneID? {
        let shot = at == .end ? board.shots.last : board.shots.first
        return shot?.scene
    }

    /// The scene the song plays over, where that starts and how long it lasts. Nil for a
    /// storyboard without shots.
    static func songPlace(_ at: SongSettings.Placement, in board: Storyboard) -> (scene: SceneID, start: RationalTime, length: RationalTime)? {
        guard let scene = songScene(at, in: board) else { return nil }
        var start = RationalTime.zero
        var length = RationalTime.zero
        for shot in board.shots {
            if shot.scene == scene {
                length = length + shot.duration
            } else if length == .zero {
                start = start + shot.duration
            }
        }
        return (scene, start, length)
    }
}
