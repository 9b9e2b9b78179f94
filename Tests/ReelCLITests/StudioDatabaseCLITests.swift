import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore
import ReelTesting
import Testing

/// A project whose state is in the studio's PostgreSQL (`REEL_DATABASE`) and whose media
/// is on the studio's shared path (`REEL_MEDIA`), made by the real `reel` against a real
/// server: the same film as on SQLite, nothing made twice, nothing kept in `reel.sqlite`.
@Suite struct StudioDatabaseCLITests {
    static let script = """
    Title: Two Machines

    INT. SERVER ROOM - NIGHT

    Fans hum. A green light blinks.

    ANA
    Both of them are working.

    """

    /// The project's id in the studio (`studio_id` in its reel.yaml).
    static func studioID(_ root: URL) throws -> String? {
        let yaml = try String(contentsOf: root.appendingPathComponent("reel.yaml"), encoding: .utf8)
        return yaml.split(separator: "\n").first { $0.hasPrefix("studio_id: ") }
            .map { String($0.dropFirst("studio_id: ".count).prefix { !$0.isWhitespace }) }
    }

    func makeProject(_ dir: TemporaryDirectory, _ place: String, name: String, env: [String: String]) async throws -> URL {
        let script = try dir.write("\(place).fountain", Self.script)
        let root = dir.file(place).appendingPathComponent(name)
        let made = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(made.status == 0, "\(made.stderrText)")
        return root
    }

    @Test func aProjectOnTheStudioDatabaseMakesTheSameFilmAndPaysNothingTwice() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let name = TestPostgres.uniqueProject("film")
        let home = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path]
        let studio = home.merging(["REEL_DATABASE": try await TestPostgres.url(), "REEL_MEDIA": dir.file("shared-media").path]) { $1 }

        let local = try await makeProject(dir, "local", name: name, env: home)
        let shared = try await makeProject(dir, "shared", name: name, env: studio)
        let plain = try await ReelBinary.run(["make", "--json"], environment: home, directory: local)
        #expect(plain.status == 0, "\(plain.stderrText)")
        let first = try await ReelBinary.run(["make", "--json"], environment: studio, directory: shared)
        #expect(first.status == 0, "\(first.stderrText)")

        let film = { (result: ProcessResult) -> Data in
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            return try Data(contentsOf: URL(fileURLWithPath: try #require(report["film"] as? String)))
        }
        #expect(Hashing.sha256(try film(first)) == Hashing.sha256(try film(plain)), "the same film on either database")
        #expect(!FileManager.default.fileExists(atPath: shared.appendingPathComponent(".reel/reel.sqlite").path),
                "the state is in the studio database, not in a file")
        let stored = try FileManager.default.subpathsOfDirectory(atPath: dir.file("shared-media").path).filter { $0.hasSuffix(".mp4") }
        #expect(!stored.isEmpty, "the media is on the studio's shared path")

        // Again: everything is in the studio database already.
        let again = try await ReelBinary.run(["make", "--json"], environment: studio, directory: shared)
        #expect(again.status == 0, "\(again.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any])
        #expect(report["rendered"] as? Int == 0 && (report["reused"] as? Int ?? 0) > 0, "\(again.stdoutText)")

        // What the studio shows comes from the same rows.
        let takes = try await ReelBinary.run(["takes", "S01-01", "--json"], environment: studio, directory: shared)
        #expect(takes.status == 0, "\(takes.stderrText)")
        #expect(takes.stdoutText.contains("\"succeeded\""), "\(takes.stdoutText.prefix(400))")
    }

    /// A project made on one machine moves into the studio, and back out: never made again.
    @Test func aProjectMovesIntoTheStudioAndBackWithoutMakingAnythingTwice() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let home = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path]
        let database = try await TestPostgres.url()
        let studio = home.merging(["REEL_DATABASE": database, "REEL_MEDIA": dir.file("shared-media").path]) { $1 }
        let root = try await makeProject(dir, "here", name: TestPostgres.uniqueProject("moving"), env: home)
        let made = try await ReelBinary.run(["make", "--json"], environment: home, directory: root)
        #expect(made.status == 0, "\(made.stderrText)")

        // Its state is in its file: the studio refuses to start it over (and pay again).
        let refused = try await ReelBinary.run(["make"], environment: studio, directory: root)
        #expect(refused.status == 78 && refused.stderrText.contains("`reel project import`"), "\(refused.stderrText)")

        let moved = try await ReelBinary.run(["project", "import", "--json"], environment: studio, directory: root)
        #expect(moved.status == 0, "\(moved.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: moved.stdout) as? [String: Any])
        #expect((report["mediaFiles"] as? Int ?? 0) > 0 && ((report["rows"] as? [String: Int])?["job"] ?? 0) > 0, "\(moved.stdoutText)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".reel/reel.sqlite.moved").path))
        let id = try #require(try Self.studioID(root), "the move gave the project its studio id")
        #expect(report["project"] as? String == id)
        // The studio's media is enough: the project's own store is not needed any more. And the
        // project is known by its id, not its directory's name: a rename changes nothing.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".reel/media"))
        let renamed = root.deletingLastPathComponent().appendingPathComponent("renamed")
        try FileManager.default.moveItem(at: root, to: renamed)
        let there = try await ReelBinary.run(["make", "--json"], environment: studio, directory: renamed)
        #expect(there.status == 0 && there.stdoutText.contains("\"rendered\" : 0"), "\(there.stdoutText) \(there.stderrText)")

        // Without the studio's media path, the export says what it could not bring.
        let blind = try await ReelBinary.run(["project", "export", "--json"], environment: studio.merging(["REEL_MEDIA": ""]) { $1 },
                                             directory: renamed)
        #expect(blind.status == 0, "\(blind.stderrText)")
        let blindReport = try #require(try JSONSerialization.jsonObject(with: blind.stdout) as? [String: Any])
        #expect((blindReport["missingMedia"] as? Int ?? 0) > 0, "\(blind.stdoutText)")
        try FileManager.default.removeItem(at: renamed.appendingPathComponent(".reel/reel.sqlite"))
        let out = try await ReelBinary.run(["project", "export"], environment: studio, directory: renamed)
        #expect(out.status == 0 && out.stdoutText.contains("copied out of postgres://reel@127.0.0.1:"), "\(out.stdoutText) \(out.stderrText)")
        #expect(!out.stderrText.contains("warning"), "every file came back: \(out.stderrText)")
        let local = try await ReelBinary.run(["make", "--json"], environment: home, directory: renamed)
        #expect(local.status == 0 && local.stdoutText.contains("\"rendered\" : 0"), "\(local.stdoutText) \(local.stderrText)")
    }

    /// Two machines with the same project (two directories of one name, one studio): the
    /// second is refused while the first works, and told who it is.
    @Test func anotherMachineWorkingOnTheProjectIsNamedAndWaitedFor() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let database = try await TestPostgres.url()
        let name = TestPostgres.uniqueProject("busy")
        let env = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path, "REEL_DATABASE": database]
        let root = try await makeProject(dir, "second-machine", name: name, env: env)
        let id = try #require(try Self.studioID(root), "a project made in a studio gets its id there")
        #expect(id.hasPrefix("\(name)-"))
        let held = try StudioProjectLock.acquire(address: database, project: id, command: "generate")
        let refused = try await ReelBinary.run(["make"], environment: env, directory: root)
        #expect(refused.status == 75, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("another reel of the studio is working on this project (reel generate on "), "\(refused.stderrText)")
        let reading = try await ReelBinary.run(["status"], environment: env, directory: root)
        #expect(reading.status == 0, "reading needs no lock: \(reading.stderrText)")
        // Who works on what, as the studio sees it.
        let workers = try await ReelBinary.run(["workers", "--json"], environment: env)
        #expect(workers.status == 0, "\(workers.stderrText)")
        let listing = try #require(try JSONSerialization.jsonObject(with: workers.stdout) as? [String: Any])
        let listed = try #require(listing["runs"] as? [[String: Any]], "\(workers.stdoutText)")
        let mine = try #require(listed.first { $0["project"] as? String == id }, "\(workers.stdoutText)")
        #expect(mine["command"] as? String == "generate" && mine["host"] as? String == ProcessInfo.processInfo.hostName
                && mine["pid"] as? Int == Int(getpid()) && mine["since"] != nil, "\(mine)")
        held.release()
        let made = try await ReelBinary.run(["make"], environment: env, directory: root)
        #expect(made.status == 0, "\(made.stderrText)")
        let after = try await ReelBinary.run(["workers"], environment: env)
        #expect(after.status == 0 && !after.stdoutText.contains(id), "\(after.stdoutText)")
    }

    /// A project from before the studio (no studio_id) is not taken for a new, empty one.
    @Test func aProjectWithoutAStudioIDIsToldHowToJoin() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let home = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path]
        let root = try await makeProject(dir, "old", name: "film", env: home)
        let refused = try await ReelBinary.run(["status"], environment: home.merging(["REEL_DATABASE": try await TestPostgres.url()]) { $1 },
                                               directory: root)
        #expect(refused.status == 78 && refused.stderrText.contains("this project has no studio id yet")
                && refused.stderrText.contains("`reel project import`"), "\(refused.stderrText)")
    }

    @Test func aStudioDatabaseThatCannotBeReachedStopsTheCommandAndKeepsThePasswordToItself() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let env = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path,
                   "REEL_DATABASE": "postgres://ana:hunter2@127.0.0.1:1/studio?sslmode=disable"]
        let root = try await makeProject(dir, "p", name: "film", env: env.merging(["REEL_DATABASE": ""]) { $1 })
        let yaml = root.appendingPathComponent("reel.yaml")
        try (try String(contentsOf: yaml, encoding: .utf8) + "studio_id: film-0123abcd\n").write(to: yaml, atomically: true, encoding: .utf8)
        let initialized = try await ReelBinary.run(["init", dir.file("q/film").path], environment: env)
        #expect(initialized.status == 69 && !initialized.stderrText.contains("hunter2"), "\(initialized.stderrText)")
        let made = try await ReelBinary.run(["make"], environment: env, directory: root)
        #expect(made.status == 69, "\(made.stderrText)")
        #expect(made.stderrText.contains("cannot connect to the studio database") && made.stderrText.contains("postgres://ana@127.0.0.1:1/studio"),
                "\(made.stderrText)")
        #expect(!made.stderrText.contains("hunter2") && !made.stdoutText.contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("renders").path))
    }
}
