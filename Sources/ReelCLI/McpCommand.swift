import ArgumentParser
import Foundation
import ReelServer

/// `reel mcp`: the studio's use cases as MCP tools, for agents, on standard input and output.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the studio to agents over the Model Context Protocol, on stdin and stdout.",
        discussion: """
            Tools: list_projects, workers, plan, show_shot, edit_shot, cast, estimate, generate, stop_run, takes, \
            note, pick, render, export and stats — the same use cases and errors as the command line, answered in the JSON \
            that `--json` and the HTTP API give. \
            generate spends money at remote providers, so it runs only when called with confirm: true \
            (without it, it answers the estimate). Each project's storyboard is a resource, \
            reel://projects/ID/storyboard. An agent's configuration starts it as \
            `reel mcp --projects ~/films`; it reads requests until its input closes.
            """)

    @Option(help: "A folder of projects, or one project (default: the current directory).")
    var projects: String?

    func run() async throws {
        try await runMCPServer(ServerConfiguration(projects: try ServeCommand.projectsFolder(projects)))
    }
}
