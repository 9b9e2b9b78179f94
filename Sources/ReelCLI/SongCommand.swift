import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel song`: the song sung over the film's end (or its opening).
struct SongCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "song",
        abstract: "Set the song sung over the film's end or opening, from lyrics (`reel song` alone shows it).",
        discussion: """
            The song takes the place of the last scene's music (`--at end`, the default) or the \
            first's (`--at opening`), ducked under the dialogue like the score, cut at the film's \
            end with a fade. It is sung by a music model that sings (`--provider minimax`, or \
            `music:`'s provider); Reel's offline score plays an instrumental in its place and says \
            so. The words go to song/lyrics.txt, the rest to reel.yaml's `song:` block; the next \
            `reel render` makes it (a paid job, made once).

              reel song "末班车" --lyrics lyrics.txt --style "国风流行, 女声, 钢琴" --provider minimax
              reel song --remove
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The song's title.")
    var title: String?

    @Option(help: "A text file of the lyrics: a line per line; [Verse], [Chorus] on lines of their own.")
    var lyrics: String?

    @Option(help: "The music in words: genre, voice, instruments.")
    var style: String?

    @Option(help: "Where it plays: end (over the last scene) or opening (over the first).")
    var at: String?

    @Option(help: "Who sings it (minimax); `music:`'s provider when left out (\"\" goes back to it).")
    var provider: String?

    @Flag(help: "Remove the song: the last scene gets its own music again.")
    var remove = false

    @Flag(help: "Print the song as JSON.")
    var json = false

    func run() async throws {
        let changes = title != nil || lyrics != nil || style != nil || at != nil || provider != nil
        if remove && changes {
            throw ReelError(.usage, "--remove takes nothing else", hint: "`reel song --remove` alone")
        }
        let production = try project.open(lockFor: changes || remove ? "song" : nil)
        defer { production.close() }
        let studio = Studio()
        let report: SongReport?
        if remove {
            report = try await studio.setSong(production, nil)
        } else if changes {
            report = try await studio.setSong(production, try change(current: production.config.song, production: production))
        } else {
            report = try await studio.song(production)
        }
        if json { return try Terminal.json(report) }
        guard let report else {
            Terminal.out(remove ? "the song is removed; the last scene has its own music again"
                                : "no song; set one: reel song TITLE --lyrics FILE --style \"…\"")
            return
        }
        for warning in report.warnings { Terminal.err("warning: \(warning)") }
        let place = report.at == .end ? "over the end" : "over the opening"
        var when = ""
        if let scene = report.scene, let start = report.start, let length = report.length {
            when = String(format: " (scene %@, from %.1f s for %.1f s)", scene.rawValue, start, length)
        }
        Terminal.out("“\(report.title)” \(place)\(when), \(report.sung ? "sung by" : "an instrumental by") \(report.provider)")
        if !report.style.isEmpty { Terminal.out("  style: \(report.style)") }
        Terminal.out("  lyrics: \(report.lyricsFile) (\(Plural.count(report.lyrics.split(separator: "\n").count, "line")))")
        if changes { Terminal.out("render to hear it: reel render") }
    }

    /// What was asked, over the song there is (a title alone keeps the words, style and place).
    func change(current: SongSettings?, production: Production) throws -> SongChange {
        let words: String
        if let lyrics {
            let url = URL(fileURLWithPath: lyrics)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ReelError(.usage, "cannot read the lyrics file \(lyrics)", at: lyrics, hint: "give a UTF-8 text file, a line per line")
            }
            words = text
        } else if let current {
            // The words as they are (read, not planned: the change is planned once, when set).
            words = try Studio().songLyrics(current, production: production)
        } else {
            throw ReelError(.usage, "a new song needs its words (--lyrics FILE)", hint: "reel song TITLE --lyrics lyrics.txt --style \"…\"")
        }
        let placement = try at.map { word in
            guard let placement = SongSettings.placement(word) else {
                throw ReelError(.usage, "--at \(word) is not a place for a song", hint: "use end or opening")
            }
            return placement
        }
        guard let name = title ?? current?.title else {
            throw ReelError(.usage, "a new song needs a title", hint: "reel song TITLE --lyrics lyrics.txt")
        }
        return SongChange(title: name, lyrics: words, style: style ?? current?.style ?? "", at: placement ?? current?.at ?? .end,
                          provider: provider.map { $0.isEmpty ? nil : ProviderID($0.lowercased()) } ?? current?.provider)
    }
}
