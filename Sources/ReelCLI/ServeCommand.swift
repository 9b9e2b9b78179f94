import ArgumentParser
import Foundation
import ReelModel
import ReelServer
import ReelStudio

/// `reel serve`: the studio in a browser, over the same use cases as the command line.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web studio and its HTTP API for a folder of projects.",
        discussion: """
            The studio shows each project's storyboard as a grid, a shot's keyframes and takes side \
            by side (played together), and lets you pick and edit shots; GET /openapi.json describes \
            the API. It listens on 127.0.0.1 unless --host says otherwise. Without accounts \
            (`reel users add`), anyone who can reach the port can read and change the projects; with them, \
            everyone signs in and may do what their role allows.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8080

    @Option(help: "A folder of projects, or one project (default: the current directory).")
    var projects: String?

    @Option(help: ArgumentHelp("Keep the projects' state in this PostgreSQL database instead of each project's reel.sqlite (also REEL_DATABASE).",
                               valueName: "postgres://user@host/db"))
    var database: String?

    @Option(help: ArgumentHelp("Keep the projects' media on this path, shared by every machine of the studio (also REEL_MEDIA).",
                               valueName: "dir"))
    var media: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535 (got \(port))") }
    }

    func run() async throws {
        let folder = try Self.projectsFolder(projects)
        let state = try await Workspace.useStudio(database: database, media: media)
        let configuration = ServerConfiguration(host: host, port: port, projects: folder)
        let accounts = try Accounts.open(projects: folder, create: false)
        if !configuration.isLoopback, try accounts?.hasAccounts() != true {
            Terminal.err("reel: warning: listening on \(host), not only this machine, and the studio has no accounts: anyone "
                         + "who can reach port \(port) can read and change these projects (`reel users add NAME --role owner` asks everyone to sign in)")
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        try await runServer(configuration) { port in
            Terminal.out("the studio: http://\(shown):\(port)/  (projects in \(folder.path)\(state.map { ", their state in \($0)" } ?? ""); Ctrl-C stops it)")
        }
    }
}

extension ServeCommand {
    /// `--projects`, or the current directory: a folder that must exist.
    static func projectsFolder(_ option: String?) throws -> URL {
        let folder = URL(fileURLWithPath: option ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReelError(.notFound, "there is no folder \(folder.path)", hint: "--projects names a folder of projects, or one project")
        }
        return folder
    }
}
