import Foundation
import ReelEngine
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// A project whose state is missing or empty while its media or renders say work was done
/// is refused, never started over; a new project still opens.
@Suite struct ProjectStateTests {
    func project(_ dir: TemporaryDirectory) throws -> Project {
        let script = try dir.write("s.fountain", "Title: Clock\n\nINT. ROOM - DAY\n\nA clock ticks.\n\nANNA\nLate again.\n")
        return try Project.create(at: dir.file("film"), script: script, format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
    }

    /// A project with one paid take's worth of media: generated, then closed.
    func projectWithATake(_ dir: TemporaryDirectory) async throws -> Project {
        let project = try project(dir)
        let production = try Production.open(project, lockFor: "generate")
        defer { production.close() }
        let result = try await Studio().generate(production, GenerateRequest(shots: ["S01-01"]))
        try #require(result.summary?.succeeded == true)
        return project
    }

    static func refusesLostState(_ error: any Error) -> Bool {
        guard let error = error as? ReelError else { return false }
        return error.code == .configuration && error.message.contains("show work was done")
            && error.hint?.contains("restore .reel/reel.sqlite from a backup") == true
    }

    @Test func anEmptyDatabaseFileIsRefusedAndLeftEmpty() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await projectWithATake(dir)
        let database = project.workspace.databaseURL
        try Data().write(to: database)
        for command in ["render", nil] as [String?] {
            #expect { try Production.open(project, lockFor: command) } throws: { error in
                (error as? ReelError)?.message == "the project database is empty (0 bytes): its takes, picks and journal are gone"
                    && (error as? ReelError)?.hint?.contains("restore .reel/reel.sqlite from a backup") == true
            }
        }
        #expect(try Data(contentsOf: database).isEmpty)
    }

    @Test func aMissingDatabaseWithMediaIsRefused() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await projectWithATake(dir)
        try FileManager.default.removeItem(at: project.workspace.databaseURL)
        #expect { try Production.open(project, lockFor: "generate") } throws: { Self.refusesLostState($0) }
        #expect { try Production.open(project, lockFor: nil) } throws: { Self.refusesLostState($0) }
        #expect(!FileManager.default.fileExists(atPath: project.workspace.databaseURL.path))
    }

    @Test func aDeletedStateDirectoryWithRendersIsRefusedAndNotRecreated() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try project(dir)
        try dir.write("film/renders/clock.mp4", "a film")
        try FileManager.default.removeItem(at: project.workspace.stateDirectory)
        #expect { try Production.open(project, lockFor: "render") } throws: { Self.refusesLostState($0) }
        #expect(!FileManager.default.fileExists(atPath: project.workspace.stateDirectory.path))
    }

    @Test func newProjectsOpen() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // A loose script's film made here before: `reel init` here starts a project anyway.
        try dir.write("film/renders/s.mp4", "a film")
        let project = try project(dir)
        try Production.open(project, lockFor: "init").close()
        // A cloned project: no `.reel/`, nothing made.
        let clone = try self.project(TemporaryDirectory())
        defer { try? FileManager.default.removeItem(at: clone.directory.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: clone.workspace.stateDirectory)
        try Production.open(clone, lockFor: nil).close()
        #expect(!FileManager.default.fileExists(atPath: clone.workspace.stateDirectory.path), "a reader creates nothing")
        try Production.open(clone, lockFor: "plan").close()
        #expect(FileManager.default.fileExists(atPath: clone.workspace.databaseURL.path))
    }
}
