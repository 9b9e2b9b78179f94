import Foundation
import ReelModel
import ReelProviders
import Yams

/// The film's song (`song:` in reel.yaml): sung over the last scene to the end, or over the
/// first scene, in place of that scene's underscore.
///
/// ```yaml
/// song:
///   title: 末班车
///   lyrics: song/lyrics.txt     # the words, in the project folder
///   style: "国风流行, 女声"
///   at: end                     # or opening
///   provider: minimax           # who sings it; `music:`'s provider when left out
/// ```
public struct SongSettings: Hashable, Sendable {
    /// Where the song plays.
    public enum Placement: String, Hashable, Sendable, Codable, CaseIterable {
        /// Over the last scene, to the film's end.
        case end
        /// Over the first scene, from the film's start.
        case opening
    }

    public var title: String
    /// The lyrics file, relative to the project folder.
    public var lyrics: String
    /// The music asked for in words (genre, voice, instruments).
    public var style: String
    public var at: Placement
    /// Who sings it; nil for `music:`'s provider.
    public var provider: ProviderID?

    /// Where `reel song` keeps the words.
    public static let lyricsFile = "song/lyrics.txt"
    /// The most characters of lyrics a song takes (MiniMax's limit, the most of any provider Reel knows).
    public static let lyricsLimit = 3_500
    /// The most characters of style: with the film's style, within the 2,000 of a prompt.
    public static let styleLimit = 1_000

    public init(title: String, lyrics: String = SongSettings.lyricsFile, style: String, at: Placement = .end,
                provider: ProviderID? = nil) {
        self.title = title
        self.lyrics = lyrics
        self.style = style
        self.at = at
        self.provider = provider
    }

    init(_ node: Yams.Node, fail: (String, Yams.Node, String, String) -> ReelError) throws {
        let example = "song: { title: \"Last Train\", lyrics: song/lyrics.txt, style: \"piano ballad, female voice\", at: end }"
        guard let mapping = node.mapping else { throw fail("song", node, "must be a mapping", example) }
        func text(_ key: String, required: Bool) throws -> String? {
            guard let value = mapping[key] else {
                if required { throw fail("song.\(key)", node, "is missing", example) }
                return nil
            }
            guard let s = value.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("song.\(key)", value, "must be text", example)
            }
            return s
        }
        title = try text("title", required: true)!
        lyrics = try text("lyrics", required: true)!
        style = try text("style", required: false) ?? ""
        let word = try text("at", required: false) ?? "end"
        guard let placement = Self.placement(word) else {
            throw fail("song.at", mapping["at"] ?? node, "must be end or opening", "`at: end` sings it over the last scene")
        }
        at = placement
        provider = try text("provider", required: false).map { ProviderID($0.lowercased()) }
    }

    /// `end`, `ending`, `credits`; `opening`, `start`, `titles`.
    public static func placement(_ word: String) -> Placement? {
        switch word.trimmingCharacters(in: .whitespaces).lowercased() {
        case "end", "ending", "credits", "outro": .end
        case "opening", "open", "start", "titles", "intro": .opening
        default: nil
        }
    }

    /// The `song:` block, as `reel song` writes it.
    func yamlBlock() -> String {
        var out = "song:                    # sung over the \(at == .end ? "last scene, to the end" : "first scene"); `reel song` changes it\n"
        out += "  title: \(ProjectConfig.quote(title))\n"
        out += "  lyrics: \(ProjectConfig.quote(lyrics))\n"
        if !style.isEmpty { out += "  style: \(ProjectConfig.quote(style))\n" }
        out += "  at: \(at.rawValue)\n"
        if let provider { out += "  provider: \(provider)\n" }
        return out
    }

    /// `text` (a reel.yaml) with its `song:` block replaced by `song`'s (removed for nil); the
    /// rest of the file as it was (``ProjectConfig/replacingBlock(_:in:with:file:hint:expecting:)``).
    static func replacingBlock(in text: String, with song: SongSettings?, file: String) throws -> String {
        try ProjectConfig.replacingBlock("song", in: text, with: song?.yamlBlock(), file: file,
                                         hint: "edit the song: block by hand (title, lyrics, style, at, provider), or remove it and set the song again",
                                         expecting: { $0.song = song })
    }
}
