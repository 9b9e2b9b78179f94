import Foundation
import MCP
import ReelModel
@testable import ReelServer
import ReelStudio
import ReelTesting
import Testing

/// The MCP server's tools, called in process: arguments checked before anything opens,
/// errors as the command line says them, spending only with confirm. (An agent's whole
/// session over stdio, through a real client, is MCPSessionTests.)
@Suite struct MCPToolTests {
    static let declared = [
        ToolArgument(name: "shot", kind: .string, help: "The shot.", required: true),
        ToolArgument(name: "takes", kind: .integer, help: "How many.", range: 1...20),
        ToolArgument(name: "size", kind: .string, help: "Shot size.", choices: ["MS", "CU"]),
        ToolArgument(name: "shots", kind: .strings, help: "Patterns."),
        ToolArgument(name: "box", kind: .box, help: "Where."),
        ToolArgument(name: "at", kind: .number, help: "Seconds."),
    ]

    func refusal(_ given: [String: Value]) -> String {
        do {
            _ = try ToolArguments(given, declared: Self.declared, tool: "t")
            return "taken"
        } catch let error as ReelError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func badArgumentsAreRefusedNamingTheArgument() {
        #expect(refusal(["shto": "S01-01"]).contains("t takes no argument shto\n  → did you mean shot?"))
        #expect(refusal([:]) == "t needs shot: The shot.")
        #expect(refusal(["shot": .int(3)]).hasPrefix("t: shot must be a string"))
        #expect(refusal(["shot": "S01-01", "takes": 40]).hasPrefix("t: takes must be from 1 to 20 (got 40)"))
        #expect(refusal(["shot": "S01-01", "takes": 2.5]).hasPrefix("t: takes must be a whole number"))
        #expect(refusal(["shot": "S01-01", "size": "CX"]).contains("size cannot be 'CX'\n  → did you mean CU? it is one of MS, CU"))
        #expect(refusal(["shot": "S01-01", "shots": [1, 2]]).hasPrefix("t: shots must be a list of strings"))
        #expect(refusal(["shot": "S01-01", "box": ["x": 0.5, "y": 0.5, "width": 0.8, "height": 0.1]])
            .contains("inside the frame"))
        #expect(refusal(["shot": "S01-01", "at": "soon"]).hasPrefix("t: at must be a number"))
        #expect(refusal(["shot": "S01-01", "at": .null]) == "taken", "null is left out, as JSON-RPC clients send it")
    }

    @Test func argumentsArriveInTheirDeclaredKinds() throws {
        let a = try ToolArguments(["shot": "S01-01", "takes": 2.0, "shots": "S01-*, S02-01", "at": 2,
                                   "box": ["x": 0, "y": 0.5, "width": 1, "height": 0.5]], declared: Self.declared, tool: "t")
        #expect(a.int("takes") == 2)
        #expect(a.strings("shots") == ["S01-*", "S02-01"])
        #expect(a.number("at") == 2)
        #expect(a.box("box") == NoteBox(x: 0, y: 0.5, width: 1, height: 0.5))
    }

    @Test func everyToolDeclaresAnObjectSchemaThatTakesNoOtherArguments() throws {
        let names = StudioTool.all.map(\.name)
        #expect(Set(names).count == names.count)
        for tool in StudioTool.all {
            let schema = try #require(tool.definition.inputSchema.objectValue)
            #expect(schema["type"] == "object" && schema["additionalProperties"] == false, "\(tool.name)")
            let properties = try #require(schema["properties"]?.objectValue, "\(tool.name)")
            #expect(Set(properties.keys) == Set(tool.arguments.map(\.name)), "\(tool.name)")
        }
    }

    /// The server and a client of the SDK, connected in memory.
    func connected(_ f: ServerFixture) async throws -> (Client, Server) {
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        let server = await StudioMCP(f.configuration).server()
        try await server.start(transport: serverSide)
        let client = Client(name: "test", version: "1")
        _ = try await client.connect(transport: clientSide)
        return (client, server)
    }

    func text(_ content: [Tool.Content]) -> String {
        content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: "\n")
    }

    @Test func generateWithoutConfirmAnswersTheEstimateAndMakesNothing() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (client, server) = try await connected(f)
        let (content, isError) = try await client.callTool(name: "generate", arguments: ["shots": ["S01-01"]])
        #expect(isError == true)
        let said = text(content)
        #expect(said.hasPrefix("error: nothing was run: "))
        #expect(said.contains("call generate again with confirm: true"))
        #expect(said.contains("\"forecast\":\"run\""), "the estimate comes with it")
        let production = try f.production()
        defer { production.close() }
        #expect(try await f.studio.takes(production, shot: "S01-01").isEmpty)
        #expect(try await f.studio.stats(production).jobsByState.isEmpty, "no job was run or journaled")
        // Only a JSON true runs it.
        let (refused, refusedIsError) = try await client.callTool(name: "generate", arguments: ["confirm": false])
        #expect(refusedIsError == true && text(refused).hasPrefix("error: nothing was run: "))
        let (typed, typedIsError) = try await client.callTool(name: "generate", arguments: ["confirm": "true"])
        #expect(typedIsError == true && text(typed).hasPrefix("error: generate: confirm must be true or false"))
        #expect(try await f.studio.stats(production).jobsByState.isEmpty)
        await server.stop()
    }

    /// A render that would pay a remote speech provider for lines asks for confirm too.
    @Test func renderWithPaidVoicesWaitsForConfirm() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let yaml = f.project.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "voices: minimax\n").write(to: yaml, atomically: true, encoding: .utf8)
        let (client, server) = try await connected(f)
        let (content, isError) = try await client.callTool(name: "render", arguments: [:])
        #expect(isError == true)
        #expect(text(content).hasPrefix("error: nothing was run: the lines are voiced by minimax"))
        #expect(!FileManager.default.fileExists(atPath: f.project.appendingPathComponent("renders").path))
        await server.stop()
    }

    /// A song sung by a model is paid for too: render asks for confirm, and so does an export
    /// whose timeline carries the sound (a subtitle file does not).
    @Test func aSungSongWaitsForConfirmInRenderAndExport() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let yaml = f.project.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "song: { title: Rain, lyrics: song/lyrics.txt, provider: minimax }\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let (client, server) = try await connected(f)
        for (tool, arguments) in [("render", [String: Value]()), ("export", ["format": "otio"])] {
            let (content, isError) = try await client.callTool(name: tool, arguments: arguments)
            #expect(isError == true)
            #expect(text(content).hasPrefix("error: nothing was run: the song is sung by minimax"), "\(tool): \(text(content))")
            #expect(text(content).contains("call \(tool) again with confirm: true"))
        }
        #expect(!FileManager.default.fileExists(atPath: f.project.appendingPathComponent("renders").path))
        let (srt, srtIsError) = try await client.callTool(name: "export", arguments: ["format": "srt"])
        #expect(srtIsError != true, "\(text(srt))")
        await server.stop()
    }

    @Test func aSceneScoredByAModelWaitsForConfirmInRender() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let yaml = f.project.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "scene_music: { \"1\": { provider: elevenlabs, prompt: harp } }\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let (client, server) = try await connected(f)
        let (content, isError) = try await client.callTool(name: "render", arguments: [:])
        #expect(isError == true)
        #expect(text(content).hasPrefix("error: nothing was run: scene 1 is scored by elevenlabs"), "\(text(content))")
        await server.stop()
    }

    @Test func aProjectMustBeNamedWhenTheServerHasSeveral() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try FileManager.default.copyItem(at: f.project, to: f.projects.appendingPathComponent("最后一单"))
        let (client, server) = try await connected(f)
        let (content, isError) = try await client.callTool(name: "stats", arguments: [:])
        #expect(isError == true)
        #expect(text(content) == "error: stats needs project: this server has 2 projects\n  → one of two-rooms, 最后一单 (list_projects lists them)")
        let resources = try await client.listResources().resources.map(\.uri)
        #expect(resources == ["reel://projects/two-rooms/storyboard", "reel://projects/%E6%9C%80%E5%90%8E%E4%B8%80%E5%8D%95/storyboard"])
        let board = try await client.readResource(uri: resources[1])
        #expect(board.first?.text?.contains("\"rows\"") == true)
        let (missing, missingIsError) = try await client.callTool(name: "plan", arguments: ["project": "../two-rooms"])
        #expect(missingIsError == true)
        #expect(text(missing).hasPrefix("error: there is no project ../two-rooms"))
        await server.stop()
    }

    /// A run an agent waits on (generate, render) stops when the project's run is stopped —
    /// by the web studio's Stop or by `stop_run` — and says who stopped it.
    @Test func anAgentsRunStopsWhenTheProjectsRunIsStopped() async throws {
        let runs = RunBoard()
        let (started, began) = AsyncStream.makeStream(of: Void.self)
        let run = Task {
            try await runs.exclusive("film", command: "generate") {
                began.yield()
                try await Task.sleep(for: .seconds(3600)) // until it is stopped
            }
        }
        for await _ in started { break }
        #expect(try await runs.stop("film", by: "an agent (MCP)").state == "stopping")
        await #expect { try await run.value } throws: { error in
            (error as? ReelError)?.message == "stopped by an agent (MCP)"
        }
        #expect(await runs.run(of: "film")?.state == "stopped")
        #expect(await runs.isRunning("film") == false)
    }

    @Test func stopRunWithNoRunGoingOnSaysSo() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let (client, server) = try await connected(f)
        let (content, isError) = try await client.callTool(name: "stop_run", arguments: [:])
        #expect(isError == true && text(content).hasPrefix("error: no run is going on in two-rooms"), "\(text(content))")
        await server.stop()
    }

    /// One run per project in a server: a second is refused naming the first; waiting for
    /// the project to be idle ends when the run does, or when the waiter is cancelled.
    @Test func aProjectHasOneRunAtATime() async throws {
        let runs = RunBoard()
        let first = try await runs.begin("film", command: "generate", shots: [], estimate: [])
        await #expect(throws: ReelError.self) { try await runs.begin("film", command: "generate", shots: [], estimate: []) }
        await #expect(throws: ReelError.self) { try await runs.exclusive("film", command: "render") { 1 } }
        #expect(try await runs.exclusive("other", command: "render") { 2 } == 2, "another project runs meanwhile")
        let waiter = Task { await runs.waitUntilIdle("film") }
        let cancelled = Task { await runs.waitUntilIdle("film") }
        cancelled.cancel()
        await cancelled.value
        #expect(await runs.isRunning("film"), "a cancelled waiter returns while the run goes on")
        await runs.end("film", report: nil, error: nil)
        await waiter.value
        #expect(await runs.run(of: "film")?.state == "finished" && first.state == "running")
        _ = try await runs.begin("film", command: "generate", shots: [], estimate: [])
    }
}
