import Foundation
import ReelMedia
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `reel dev simulate` serves the simulated provider from the built binary, until SIGTERM.
@Suite struct DevSimulateCommandTests {
    @Test func theCommandServesTheProviderUntilTerminated() async throws {
        let dir = TemporaryDirectory("reel-sim-cli")
        defer { dir.remove() }
        let process = ChildProcess()
        process.executableURL = ReelBinary.url
        process.arguments = ["dev", "simulate", "--port", "0", "--json", "--latency", "0", "--cheap",
                             "--cache", dir.file("clips").path, "--api-key", "k-123"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = .pipe(out)
        process.standardError = .pipe(err)
        let (lines, sink) = AsyncStream.makeStream(of: String.self)
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { sink.finish() } else { sink.yield(String(decoding: data, as: UTF8.self)) }
        }
        let exited: AsyncStream<Int32> = AsyncStream { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()
        var first = ""
        for await chunk in lines {
            first += chunk
            if first.contains("\n") { break }
        }
        let announced = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(first.utf8)).objectValue)
        let url = try #require(announced["url"]?.stringValue.flatMap(URL.init(string:)))
        #expect(announced["api_key"] == "k-123")

        let h = SimCalls(baseURL: url, apiKey: "k-123")
        let created = try await h.create(key: "cli-1")
        #expect(created.status == 201)
        #expect(try await h.create(key: "cli-1").status == 200)
        #expect(try await h.create(key: "cli-2", authorization: .key("wrong")).status == 401)

        process.terminate()
        var status: Int32 = -1
        for await code in exited { status = code }
        out.fileHandleForReading.readabilityHandler = nil
        #expect(status == 0)
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("stopped: 1 jobs made, 1 replays"))
    }
}
