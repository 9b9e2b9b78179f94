import Foundation
import ReelMedia
import ReelTesting
import Testing

/// `reel users`: accounts are added with a password printed once, listed, refused when the
/// name is taken or malformed, and removed; the file keeps no password.
@Suite struct UsersCommandTests {
    @Test func accountsAreAddedListedAndRemoved() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let folder = ["--projects", dir.url.path]
        let empty = try await ReelBinary.run(["users", "list"] + folder)
        #expect(empty.status == 66 && empty.stderrText.contains("has no accounts yet: it is open"))
        let added = try await ReelBinary.run(["users", "add", "ana", "--role", "owner"] + folder)
        #expect(added.status == 0, "\(added.stderrText)")
        let password = try #require(added.stdoutText.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(password.count == 19, "four groups of four: \(password)")
        let editor = try await ReelBinary.run(["users", "add", "陈默", "--role", "editor"] + folder)
        #expect(editor.status == 0)
        let taken = try await ReelBinary.run(["users", "add", "ana", "--role", "viewer"] + folder)
        #expect(taken.status == 64 && taken.stderrText.hasPrefix("reel: error: there is already a user ana"))
        let badRole = try await ReelBinary.run(["users", "add", "bo", "--role", "boss"] + folder)
        #expect(badRole.status == 64)
        let badName = try await ReelBinary.run(["users", "add", "bo bo", "--role", "viewer"] + folder)
        #expect(badName.status == 64 && badName.stderrText.contains("a user name is 1 to 40 letters"))
        let listed = try await ReelBinary.run(["users", "list", "--json"] + folder)
        let names = try JSONDecoder().decode([[String: String]].self, from: Data(listed.stdoutText.utf8)).map { "\($0["name"]!) \($0["role"]!)" }
        #expect(names == ["ana owner", "陈默 editor"])
        let missing = try await ReelBinary.run(["users", "remove", "anna"] + folder)
        #expect(missing.status == 66 && missing.stderrText.contains("did you mean ana?"))
        #expect(try await ReelBinary.run(["users", "remove", "陈默"] + folder).status == 0)
        let stored = try FileManager.default.contentsOfDirectory(at: dir.file(".reel-studio"), includingPropertiesForKeys: nil)
            .map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }.joined()
        #expect(!stored.contains(password), "only a bcrypt hash of the password is kept")
    }
}
