import Foundation
import ReelModel
import ReelServer
import ReelSimulator
import ReelStudio
import ReelTesting

/// A folder of projects with one project, `two-rooms`, planned from a short script: what the
/// server tests serve.
struct ServerFixture {

    let dir = TemporaryDirectory()
    let projects: URL
    let project: URL
    let studio: Studio

    /// With `simulated`, the project makes its takes on that simulated provider.
    /// `settings`: lines added to the project's reel.yaml (with `simulated` only).
    init(simulated: SimulatedProviderServer? = nil, settings: String = "") throws {
        projects = dir.file("films")
        try FileManager.default.createDirectory(at: projects, withIntermediateDirectories: true)
        let script = try dir.write("two-rooms.fountain", FixtureScripts.twoRooms)
        project = try Project.create(at: projects.appendingPathComponent("two-rooms"), script: script,
                                     format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24)).directory
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        guard let simulated else {
            studio = Studio(environment: env, sleeper: RecordingSleeper())
            return
        }
        env["SIM_API_KEY"] = simulated.apiKey
        env["REEL_SIM_BASE_URL"] = simulated.baseURL.absoluteString
        env["REEL_POLL_INTERVAL"] = "0.05"
        studio = Studio(environment: env)
        let yaml = project.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim") + settings)
            .write(to: yaml, atomically: true, encoding: .utf8)
    }

    /// The project opened to read, as `reel status` would.
    func reading() throws -> Production { try Production.open(try Project.find(project), lockFor: nil) }

    var configuration: ServerConfiguration { ServerConfiguration(port: 0, projects: projects, studio: studio, passwordCost: 4) }

    /// The project opened for a change, as the CLI would.
    func production() throws -> Production { try Production.open(try Project.find(project), lockFor: "test") }

    func remove() { dir.remove() }
}
