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

    /// `text` (a reel.yaml) with its top-level `song:` block replaced by `song`'s (added at the
    /// end when there was none; removed when `song` is nil). The block is found by the YAML
    /// parser (from the `song` key's line to the next top-level key's, comments and blank lines
    /// before that key left to it); the other lines stay as they were, comments included, and
    /// the new block takes the file's line endings. The result must read back as the old
    /// settings with the new song, or nothing is changed.
    static func replacingBlock(in text: String, with song: SongSettings?, file: String) throws -> String {
        let crlf = text.contains("\r\n")
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let refused = ReelError(.configuration, "reel.yaml's song: block cannot be rewritten safely", at: file,
                                hint: "edit the song: block by hand (title, lyrics, style, at, provider), or remove it and set the song again")
        if let mapping = try? Yams.compose(yaml: text)?.mapping,
           let index = mapping.keys.firstIndex(where: { $0.string == "song" }), let first = mapping.keys[index].mark?.line {
            // Marks count lines from 1. The block ends before the next top-level key (or the file's end).
            let keys = Array(mapping.keys)
            let next = keys.compactMap { $0.mark?.line }.filter { $0 > first }.min().map { $0 - 1 } ?? lines.count
            var end = next
            while end > first, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
            guard first >= 1, first <= end, lines[first - 1].hasPrefix("song:") else { throw refused }
            lines.removeSubrange((first - 1)..<end)
        } else if lines.contains(where: { $0.hasPrefix("song:") }) {
            throw refused
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        var out = lines.joined(separator: "\n") + "\n"
        if let song { out += song.yamlBlock() }
        if crlf { out = out.replacingOccurrences(of: "\n", with: "\r\n") }
        // It must read back as meant: the new song, every other setting as it was.
        guard var expected = try? ProjectConfig.parse(text, file: file), let read = try? ProjectConfig.parse(out, file: file) else {
            throw refused
        }
        expected.song = song
        guard read == expected else { throw refused }
        return out
    }
}
