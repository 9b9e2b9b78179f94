import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// One tool the MCP server offers: a Studio use case, its arguments, and whether it only reads.
struct StudioTool: Sendable {
    var name: String
    var title: String
    var summary: String
    var arguments: [ToolArgument]
    /// Reads only: opens the project read-only and changes nothing.
    var readOnly = false
    /// Can spend money at a provider (so it asks for `confirm`).
    var spends = false
    var run: @Sendable (ToolCall) async throws -> any Encodable & Sendable

    var definition: Tool {
        Tool(name: name, title: title, description: summary, inputSchema: ToolArgument.schema(arguments),
             annotations: .init(title: title, readOnlyHint: readOnly, destructiveHint: readOnly ? nil : false,
                                idempotentHint: readOnly ? true : nil, openWorldHint: spends))
    }
}

/// What a tool's use case is called with: its checked arguments, the projects, the studio,
/// and where run events go (the call's progress notifications).
struct ToolCall: Sendable {
    let tool: String
    let arguments: ToolArguments
    let library: ProjectLibrary
    let studio: Studio
    let events: AsyncStream<RunEvent>.Continuation?

    /// The project the call names, opened (read-only unless `lockFor` names the change);
    /// with one project served, naming it is optional.
    func open(lockFor command: String? = nil) throws -> Production {
        try library.open(try projectID(), lockFor: command)
    }

    func projectID() throws -> String {
        if let id = arguments.string("project") { return id }
        let all = library.projects().keys.sorted()
        guard all.count == 1, let only = all.first else {
            throw ReelError(.usage, "\(tool) needs project: this server has \(Plural.count(all.count, "project"))",
                            hint: all.isEmpty ? "start one with `reel new` in \(library.root.path)"
                                : "one of " + all.prefix(20).joined(separator: ", ") + " (list_projects lists them)")
        }
        return only
    }

    /// Runs a short change (an edit, a pick, a note) on the project, after the others asked for.
    func change<T: Sendable>(_ body: (Production) async throws -> T) async throws -> T {
        try await library.change(try projectID(), body)
    }

    /// Runs `body` on the project opened for `command`, as the project's one run in this
    /// server: a second generate, render or export of it at the same time is refused.
    func exclusive<T: Sendable>(_ command: String, _ body: @escaping @Sendable (Production) async throws -> T) async throws -> T {
        let id = try projectID()
        return try await library.runs.exclusive(id, command: command) {
            let production = try library.open(id, lockFor: command)
            defer { production.close() }
            return try await body(production)
        }
    }

    func shot() throws -> ShotID { ShotID((arguments.string("shot") ?? "").uppercased()) }

    func generateRequest(dryRun: Bool) -> GenerateRequest {
        GenerateRequest(shots: arguments.strings("shots") ?? [], takes: arguments.int("takes"),
                        provider: arguments.string("provider").map { ProviderID($0.lowercased()) }, dryRun: dryRun)
    }
}

/// The MCP answer to a tool that did not do what was asked: the tool's result, marked as an
/// error, with what the CLI would have said and, when there is one, what it found.
struct ToolRefusal: Error, Sendable {
    var error: ReelError
    var report: (any Encodable & Sendable)?
}

extension StudioTool {
    static let project = ToolArgument(name: "project", kind: .string,
                                              help: "The project's id, as list_projects gives it (optional when the server has one).")
    static let shot = ToolArgument(name: "shot", kind: .string, help: "The shot's id, e.g. S01-02.", required: true)
    static let generation = [
        ToolArgument(name: "shots", kind: .strings, help: "Shot ids or patterns (S01-02, S03-*); every shot when left out."),
        ToolArgument(name: "takes", kind: .integer, help: "Takes each shot should have of its current version (more are added, none replaced).",
                     range: 1...20),
        ToolArgument(name: "provider", kind: .string, help: "The video provider (default: the project's)."),
    ]

    /// Every tool, in the order `tools/list` gives them.
    static let all: [StudioTool] = projects + shotEdits + castTools + runs + review + cut

    /// The projects, the series and the workers this server serves.
    static let projects: [StudioTool] = [
        StudioTool(name: "list_projects", title: "Projects", summary: "The projects this server serves: id, title, shots, length, aspect, money spent.",
                   arguments: [], readOnly: true) { call in
            try await call.library.entries(studio: call.studio)
        },
        StudioTool(name: "series", title: "The series",
                   summary: "When the served folder is a series: its bible's cast (shared by every episode), look, rules, and each episode's shots, takes, picks, spending and yield.",
                   arguments: [], readOnly: true) { call in
            try await call.studio.seriesStatus(call.library.root).relative
        },
        StudioTool(name: "workers", title: "Workers",
                   summary: "Who works in the studio: its worker machines and the jobs in their hands, the runs holding projects, jobs waiting for a worker.",
                   arguments: [], readOnly: true) { call in
            try await call.studio.workers(required: false, titledFrom: Array(call.library.projects().values))
        },
    ]
}
