import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel song` as a user types it, on a project made by `reel init` from the Chinese example:
/// set from a lyrics file (CRLF, as an editor on Windows saves it), shown, changed in part,
/// refused with one clear message, removed.
@Suite struct SongCommandTests {
    @Test func aSongIsSetShownChangedAndRemoved() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await ReelBinary.initialized(dir, example: "last-delivery.zh.fountain")
        func reel(_ arguments: String...) async throws -> ProcessResult { try await project.run(arguments) }
        let words = try dir.write("lyrics.txt", "[Verse]\r\n雨落在旧站台\r\n[Chorus]\r\n末班车 带走了夏天\r\n")
        let set = try await reel("song", "末班车", "--lyrics", words.path, "--style", "国风流行, 女声")
        #expect(set.status == 0, "\(set.stderrText)")
        #expect(set.stdoutText.hasPrefix("“末班车” over the end (scene "), "\(set.stdoutText)")
        #expect(set.stdoutText.contains("an instrumental by procedural") && set.stdoutText.contains("lyrics: song/lyrics.txt (4 lines)"),
                "\(set.stdoutText)")
        #expect(set.stderrText.contains("warning: the song “末班车” plays as an instrumental"), "\(set.stderrText)")

        // A place alone keeps the words, title and style.
        let moved = try await reel("song", "--at", "opening", "--json")
        #expect(moved.status == 0, "\(moved.stderrText)")
        let song = try JSONDecoder().decode(JSONValue.self, from: moved.stdout)
        #expect(song["at"] == "opening" && song["start"] == .int(0) && song["title"] == "末班车" && song["style"] == "国风流行, 女声")
        #expect(song["lyrics"] == "[Verse]\n雨落在旧站台\n[Chorus]\n末班车 带走了夏天")

        for (arguments, status, says) in [
            (["song", "--at", "middle"], Int32(64), "--at middle is not a place for a song"),
            (["song", "--provider", "elevenlabs"], 78, "song.provider: elevenlabs makes music but does not sing lyrics"),
            (["song", "X", "--lyrics", dir.file("missing.txt").path], 64, "cannot read the lyrics file"),
            (["song", "--remove", "--at", "end"], 64, "--remove takes nothing else"),
        ] {
            let refused = try await project.run(arguments)
            #expect(refused.status == status && refused.stderrText.contains(says), "\(arguments): \(refused.status) \(refused.stderrText)")
        }
        let unchanged = try await reel("song", "--json")
        #expect(try JSONDecoder().decode(JSONValue.self, from: unchanged.stdout) == song, "refusals changed nothing")

        let removed = try await reel("song", "--remove")
        #expect(removed.status == 0 && removed.stdoutText.contains("the song is removed"), "\(removed.stderrText)")
        let none = try await reel("song", "--json")
        #expect(none.status == 0 && none.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "null", "\(none.stdoutText)")
        let yaml = try String(contentsOf: project.folder.appendingPathComponent("reel.yaml"), encoding: .utf8)
        #expect(!yaml.contains("song:"))
    }
}
