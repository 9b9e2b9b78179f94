import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// init → plan → generate → takes → pick → render, on the animatic, as a user goes.
@Suite(.serialized) struct ProjectWorkflowTests {
    static let script = FixtureScripts.twoRooms

    func project(_ dir: TemporaryDirectory) throws -> Project {
        let script = try dir.write("two-rooms.fountain", Self.script)
        return try Project.create(at: dir.file("film"), script: script,
                                  format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
    }

    @Test func takesAreAddedNeverReplacedAndTheCutUsesThePick() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try project(dir)
        let studio = Studio()
        let production = try Production.open(project, lockFor: "test")
        defer { production.close() }
        let first = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 2))
        #expect(first.added.map(\.id) == ["S01-02#1", "S01-02#2"])
        let again = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 2))
        #expect(again.added.isEmpty)
        #expect(again.summary?.ran == 0)
        let more = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 3))
        #expect(more.added.map(\.id) == ["S01-02#3"])

        let takes = try await studio.takes(production, shot: "S01-02")
        #expect(takes.map(\.number) == [3, 2, 1])
        #expect(takes.allSatisfy { $0.state == "succeeded" && $0.current })
        // Different seeds, different takes.
        #expect(Set(takes.compactMap(\.output)).count == 3)

        _ = try await studio.pick(production, shot: "S01-02", number: 2)
        let film = try await studio.film(production, output: dir.file("cut.mp4"), makeMissing: false)
        #expect(film.sources["S01-02"] == "S01-02#2")
        #expect(film.sources["S01-01"] == "animatic")
        let stats = try await studio.stats(production)
        #expect(stats.takes == 3)
        #expect(stats.attemptsPerPickedShot == 3)
    }

    @Test func anEditedShotKeepsItsIdAndItsTakesBecomeEarlierVersions() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try project(dir)
        let studio = Studio()
        let production = try Production.open(project, lockFor: "test")
        defer { production.close() }
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"]))
        try Self.script.replacingOccurrences(of: "You came back.", with: "You came home.")
            .write(to: project.scriptURL, atomically: true, encoding: .utf8)
        let result = try await studio.generate(production, GenerateRequest(shots: ["S01-02"]))
        #expect(result.added.map(\.id) == ["S01-02#2"])
        let takes = try await studio.takes(production, shot: "S01-02")
        #expect(takes.map(\.current) == [true, false])
    }

    @Test func pickingATakeThatDoesNotExistSaysWhichDo() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try Production.open(try project(dir), lockFor: "test")
        defer { production.close() }
        _ = try await Studio().generate(production, GenerateRequest(shots: ["S01-02"]))
        await #expect { try await Studio().pick(production, shot: "S01-02", number: 5) } throws: { error in
            (error as? ReelError)?.message == "shot S01-02 has no take 5" && (error as? ReelError)?.hint?.contains("1") == true
        }
        await #expect { try await Studio().generate(production, GenerateRequest(shots: ["S09-*"])) } throws: { error in
            (error as? ReelError)?.message == "no shot matches S09-*"
        }
    }

    @Test func aDryRunSaysWhatWouldRunAndRunsNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let production = try Production.open(try project(dir), lockFor: nil)
        defer { production.close() }
        let dry = try await Studio().generate(production, GenerateRequest(takes: 2, dryRun: true))
        #expect(dry.summary == nil)
        #expect(dry.forecast?.values.allSatisfy { $0 == .runs } == true)
        #expect(try await production.repository.takes(of: nil).isEmpty)
        #expect(try await production.repository.stats().jobsByState.isEmpty)
    }
}

/// Two processes on one project: the second is told, clearly, and changes nothing.
@Suite struct ProjectLockTests {
    /// The studio server's requests share its one lock of a project: two shares at once are
    /// fine, another holder is refused meanwhile, and the last share released lets it in.
    @Test func sharesOfTheServersLockLetEachOtherInAndKeepOthersOut() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let state = dir.file("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let run = try ProjectLock.acquireShared(state, command: "serve")
        let pick = try ProjectLock.acquireShared(state, command: "serve")
        #expect(throws: ReelError.self) { try ProjectLock.acquire(state, command: "generate") }
        #expect(ProjectLock.holder(of: state)?.contains("`reel serve`") == true)
        pick.release()
        pick.release()
        #expect(throws: ReelError.self, "one share is still held") { try ProjectLock.acquire(state, command: "generate") }
        run.release()
        #expect(ProjectLock.holder(of: state) == nil)
        let next = try ProjectLock.acquire(state, command: "generate")
        next.release()
    }

    @Test func aSecondReelOnTheSameProjectIsRefusedWithWhoHoldsIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("s.fountain", "INT. A - DAY\n\nA clock ticks.\n")
        let project = try Project.create(at: dir.file("film"), script: script, format: .default)
        let held = try ProjectLock.acquire(project.workspace.stateDirectory, command: "generate")
        let result = try await ReelBinary.run(["generate", "-q"], directory: project.directory)
        #expect(result.status == 75)
        #expect(result.stderrText.hasPrefix("reel: error: \(project.directory.path): another reel is working on this project (pid \(getpid()), `reel generate`"))
        // Read-only commands still work.
        let status = try await ReelBinary.run(["status"], directory: project.directory)
        #expect(status.status == 0)
        #expect(status.stdoutText.contains("working now: pid \(getpid())"))
        _ = held
    }
}

@Suite struct ProjectConfigTests {
    @Test(arguments: [
        ("format:\n  aspect: 4:3\n", "format.aspect: must be \"9:16\", \"16:9\" or \"1:1\""),
        ("takes: 0\n", "takes: must be a whole number from 1 to 20"),
        ("budget:\n  cap: lots\n", "budget.cap: must be an amount with a currency"),
        ("label: sometimes\n", "label: must be auto, always or never"),
        ("limits:\n  sim: many\n", "limits.sim: must be a whole number from 1 to 64"),
        ("format: [\n", "reel.yaml is not valid YAML"),
    ])
    func badSettingsNameTheField(yaml: String, message: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("reel.yaml", yaml)
        #expect { try ProjectConfig.load(url) } throws: { error in
            guard let e = error as? ReelError else { return false }
            return e.message.hasPrefix(message) && e.location?.hasPrefix(url.path) == true
        }
    }

    @Test func theFileInitWritesReadsBackTheSame() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let config = ProjectConfig(title: "A \"quoted\" title", script: "s.fountain",
                                   format: VideoFormat(aspect: .landscape, size: .p1080, frameRate: .fps23_976), takes: 3,
                                   label: .always, burnSubtitles: true)
        let url = try dir.write("reel.yaml", config.yaml())
        var read = try ProjectConfig.load(url)
        read.limits = config.limits
        #expect(read == config)
        let budget = try dir.write("b.yaml", "budget:\n  cap: \"¥150\"\nlimits:\n  sim: 4\n")
        #expect(try ProjectConfig.load(budget).budgetCap == Money(micros: 150_000_000, currency: "CNY"))
        #expect(try ProjectConfig.load(budget).limits == ["sim": 4])
    }
}
