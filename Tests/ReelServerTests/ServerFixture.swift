import Foundation
import ReelModel
import ReelServer
import ReelStudio
import ReelTesting

/// A folder of projects with one project, `two-rooms`, planned from a short script: what the
/// server tests serve.
struct ServerFixture {

    let dir = TemporaryDirectory()
    let projects: URL
    let project: URL
    let studio: Studio

    init() throws {
        projects = dir.file("films")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        let script = try dir.write("two-rooms.fountain", FixtureScripts.twoRooms)
        project = try Project.create(at: projects.appendingPathComponent("two-rooms"), script: script,
                                     format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24)).directory
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        studio = Studio(environment: env, sleeper: RecordingSleeper())
    }

    var configuration: ServerConfiguration { ServerConfiguration(port: 0, projects: projects, studio: studio) }

    /// The project opened for a change, as the CLI would.
    func production() throws -> Production { try Production.open(try Project.find(project), lockFor: "test") }

    func remove() { dir.remove() }
}
