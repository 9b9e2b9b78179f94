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
        defer { Task { await server.stop() } }
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
    }

    @Test func aProjectMustBeNamedWhenTheServerHasSeveral() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try FileManager.default.copyItem(at: f.project, to: f.projects.appendingPathComponent("最后一单"))
        let (client, server) = try await connected(f)
        defer { Task { await server.stop() } }
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
    }
}
