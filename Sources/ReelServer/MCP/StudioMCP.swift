import Foundation
import MCP
import ReelEngine
import ReelModel
import ReelStudio

/// `reel mcp`: the Model Context Protocol on standard input and output, for agents. Its tools
/// are the same Studio use cases as the command line and the HTTP API, with the same errors
/// and the same JSON; each storyboard is a resource. Nothing else may write to standard
/// output while it runs: that is the protocol's channel.
public func runMCPServer(_ configuration: ServerConfiguration) async throws {
    let mcp = StudioMCP(configuration)
    let server = await mcp.server()
    try await server.start(transport: StdioTransport())
    await server.waitUntilCompleted()
    // The client has gone: a run it started finishes (what it submitted is paid for) first.
    await mcp.library.runs.waitUntilAllIdle()
}

/// The MCP server over a folder of projects (or one project), built apart from its
/// transport so tests can connect it in memory.
struct StudioMCP: Sendable {
    let library: ProjectLibrary
    let studio: Studio
    let tools: [StudioTool]

    init(_ configuration: ServerConfiguration, tools: [StudioTool] = StudioTool.all) {
        library = ProjectLibrary(root: configuration.projects, holder: "mcp")
        studio = configuration.studio
        self.tools = tools
        library.hearStudioStops()
    }

    static let instructions = """
        Reel is an AI film studio. A project is a screenplay planned into shots (S01-02 is scene 1, shot 2). \
        plan shows the storyboard; show_shot one shot; edit_shot changes one; estimate says what generate \
        would make and cost; generate makes video takes and spends money at remote providers, so it runs \
        only with confirm: true; takes lists a shot's takes with their quality check; pick chooses the one \
        the cut uses; note asks for a change the next takes carry; render cuts the film; export writes \
        it for an editor. Every answer is JSON, the same as `reel … --json` prints.
        """

    func server() async -> Server {
        let server = Server(name: "reel", version: "0.1.0", title: "Reel — an AI film studio", instructions: Self.instructions,
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: tools.map(\.definition))
        }
        await server.withMethodHandler(CallTool.self) { [self] params in
            guard let tool = tools.first(where: { $0.name == params.name }) else {
                let nearest = Spelling.nearest(to: params.name, among: tools.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
                throw MCPError.invalidParams("there is no tool \(params.name.prefix(40))\(nearest); tools/list names them")
            }
            return await call(tool, params, server: server)
        }
        await server.withMethodHandler(ListResources.self) { [self] _ in
            ListResources.Result(resources: library.projects().keys.sorted().map { id in
                Resource(name: "\(id) storyboard", uri: Self.storyboardURI(id), title: "The storyboard of \(id)",
                         description: "Scenes and a card per shot (size, move, length, line, state, takes, pick), as plan returns it.",
                         mimeType: "application/json")
            })
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [
                Resource.Template(uriTemplate: "reel://projects/{project}/storyboard", name: "storyboard",
                                  title: "A project's storyboard", description: "Scenes and a card per shot, as plan returns it.",
                                  mimeType: "application/json"),
            ])
        }
        await server.withMethodHandler(ReadResource.self) { [self] params in
            guard let id = Self.project(inStoryboardURI: params.uri) else {
                throw MCPError.invalidParams("there is no resource \(params.uri.prefix(80)); resources/list names them")
            }
            do {
                let production = try library.open(id)
                defer { production.close() }
                let board = try await studio.boardView(production)
                return ReadResource.Result(contents: [.text(try Self.json(board), uri: params.uri, mimeType: "application/json")])
            } catch let error as ReelError {
                throw MCPError.invalidParams(error.description)
            }
        }
        return server
    }

    /// Runs a tool: its arguments checked, its use case called, its run events sent as
    /// progress when the client asked for them, its answer (or refusal) as the CLI's JSON.
    func call(_ tool: StudioTool, _ params: CallTool.Parameters, server: Server) async -> CallTool.Result {
        let (stream, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        let progress = Task { [token = params._meta?.progressToken] in
            var run = RunProgress()
            for await event in stream {
                guard let token, run.handle(event), run.done > 0 else { continue }
                let message: String? = switch event {
                case .succeeded(let node, _, _): "\(node.rawValue) made"
                case .failed(let node, let failure): "\(node.rawValue) failed: \(failure)"
                default: nil
                }
                try? await server.notify(ProgressNotification.message(.init(
                    progressToken: token, progress: Double(run.done), total: run.total.map(Double.init), message: message)))
            }
        }
        defer { progress.cancel() }
        do {
            let arguments = try ToolArguments(params.arguments, declared: tool.arguments, tool: tool.name)
            let answer = try await tool.run(ToolCall(tool: tool.name, arguments: arguments, library: library, studio: studio,
                                                     events: continuation))
            continuation.finish()
            await progress.value
            return CallTool.Result(content: [Self.text(try Self.json(answer))], isError: false)
        } catch let refusal as ToolRefusal {
            continuation.finish()
            let report = (refusal.report).flatMap { try? Self.json($0) }
            return Self.refused(refusal.error.description, report: report)
        } catch let error as ReelError {
            continuation.finish()
            return Self.refused(error.description)
        } catch is CancellationError {
            continuation.finish()
            return Self.refused("cancelled; what was submitted is kept, and calling the tool again resumes it")
        } catch {
            continuation.finish()
            // Anything else is a bug; its text may hold what should not leave (a path, a reply).
            return Self.refused("something inside Reel broke (\(String(describing: type(of: error))))")
        }
    }

    /// A tool's error: what the command line would say, then what it found, if anything.
    static func refused(_ message: String, report: String? = nil) -> CallTool.Result {
        CallTool.Result(content: [text("error: \(message)")] + (report.map { [text($0)] } ?? []), isError: true)
    }

    static func text(_ text: String) -> Tool.Content {
        .text(text: text, annotations: nil, _meta: nil)
    }

    /// `reel://projects/<id>/storyboard`, the id percent-encoded (a project may be `最后一单`).
    static func storyboardURI(_ id: String) -> String {
        "reel://projects/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)/storyboard"
    }

    static func project(inStoryboardURI uri: String) -> String? {
        let prefix = "reel://projects/", suffix = "/storyboard"
        guard uri.hasPrefix(prefix), uri.hasSuffix(suffix), uri.count > prefix.count + suffix.count else { return nil }
        let id = String(uri.dropFirst(prefix.count).dropLast(suffix.count))
        return id.removingPercentEncoding.flatMap { $0.contains("/") ? nil : $0 }
    }

    /// The one JSON of every answer: keys sorted, slashes as they are, dates in ISO 8601.
    static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
