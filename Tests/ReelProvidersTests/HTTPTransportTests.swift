import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@Suite struct HTTPTransportTests {
    let transport = AsyncHTTPTransport()

    @Test func sendsTheRequestAndReturnsTheAnswer() async throws {
        try await FakeHTTPServer.serving(handler: { request in
            .json(["echo": .string(request.json?["prompt"]?.stringValue ?? "")], status: 201, headers: ["X-Request-Id": "r1"])
        }) { server in
            let request = HTTPRequest.json("POST", server.baseURL.appendingPathComponent("v1/things"),
                                           body: ["prompt": "雨夜"], headers: ["Authorization": "Bearer k"])
            let response = try await transport.send(request)
            #expect(response.status == 201)
            #expect(response.header("X-REQUEST-ID") == "r1")
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.json?["echo"]?.stringValue == "雨夜")
            let seen = try #require(server.requests.first)
            #expect(seen.method == "POST")
            #expect(seen.path == "/v1/things")
            #expect(seen.header("authorization") == "Bearer k")
            #expect(seen.header("content-type") == "application/json")
        }
    }

    @Test func errorStatusesAreAnswersNotThrows() async throws {
        try await FakeHTTPServer.serving(handler: { _ in .json(["error": ["message": "nope"]], status: 422) }) { server in
            let response = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("x")))
            #expect(response.status == 422)
            #expect(HTTPStatusPolicy(provider: "T").failure(for: response)?.reason == .invalidRequest)
        }
    }

    @Test func aLateAnswerTimesOut() async throws {
        try await FakeHTTPServer.serving(handler: { _ in FakeResponse.json(["ok": true]).delayed(by: 30) }) { server in
            let request = HTTPRequest(url: server.baseURL.appendingPathComponent("slow"), timeout: 0.3)
            let failure = await #expect(throws: JobFailure.self) { try await transport.send(request) }
            #expect(failure?.reason == .timedOut)
            #expect(failure?.message.contains("/slow") == true)
        }
    }

    @Test func redirectsAreFollowed() async throws {
        try await FakeHTTPServer.serving(handler: { request in
            request.path == "/old" ? .redirect(to: "/new") : .text("moved here")
        }) { server in
            let download = TemporaryDirectory()
            defer { download.remove() }
            let file = download.file("out.bin")
            let result = try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("old")), to: file)
            #expect(result.status == 200)
            #expect(try String(contentsOf: file, encoding: .utf8) == "moved here")
            #expect(server.requests.map(\.path) == ["/old", "/new"])
        }
    }

    @Test func downloadsStreamTheWholeBodyToTheFile() async throws {
        let bytes = Data((0..<300_000).map { UInt8($0 % 251) })
        try await FakeHTTPServer.serving(handler: { _ in .bytes(bytes, contentType: "video/mp4") }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let file = dir.file("clip.mp4")
            let result = try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("f")), to: file)
            #expect(result.byteCount == Int64(bytes.count))
            #expect(result.header("Content-Type") == "video/mp4")
            #expect(try Data(contentsOf: file) == bytes)
        }
    }

    @Test func aTruncatedDownloadFailsAndLeavesNoFile() async throws {
        let bytes = Data(repeating: 7, count: 100_000)
        try await FakeHTTPServer.serving(handler: { _ in FakeResponse.bytes(bytes).truncated(after: 40_000) }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let file = dir.file("clip.mp4")
            let failure = await #expect(throws: JobFailure.self) {
                try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("f")), to: file)
            }
            #expect(failure?.reason == .transient)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func aDownloadThatStallsHalfWayTimesOutAndLeavesNoFile() async throws {
        let bytes = Data(repeating: 7, count: 100_000)
        try await FakeHTTPServer.serving(handler: { _ in FakeResponse.bytes(bytes).stalled(after: 40_000) }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let file = dir.file("clip.mp4")
            let failure = await #expect(throws: JobFailure.self) {
                try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("f"), timeout: 1), to: file)
            }
            #expect(failure?.reason == .timedOut)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func aFailedDownloadWritesNoFileAndKeepsTheErrorBody() async throws {
        try await FakeHTTPServer.serving(handler: { _ in .json(["error": ["code": "expired", "message": "link expired"]], status: 410) }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let file = dir.file("clip.mp4")
            let result = try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("f")), to: file)
            #expect(result.status == 410)
            #expect(!FileManager.default.fileExists(atPath: file.path))
            let failure = HTTPStatusPolicy(provider: "T").failure(for: result.response)
            #expect(failure?.reason == .expired)
            #expect(failure?.providerCode == "expired")
        }
    }

    @Test func aLargeErrorBodyIsCutNotFatal() async throws {
        try await FakeHTTPServer.serving(handler: { _ in .bytes(Data(repeating: 65, count: 300_000), status: 503) }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let result = try await transport.download(HTTPRequest(url: server.baseURL.appendingPathComponent("f")), to: dir.file("f"))
            #expect(result.status == 503)
            #expect(result.errorBody?.count == 64 << 10)
            #expect(HTTPStatusPolicy(provider: "T").failure(for: result.response)?.reason == .transient)
        }
    }

    @Test func aDroppedConnectionIsTransient() async throws {
        try await FakeHTTPServer.serving(handler: { _ in .drop }) { server in
            let failure = await #expect(throws: JobFailure.self) {
                try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("x"), timeout: 5))
            }
            #expect(failure?.reason == .transient)
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let server = try await FakeHTTPServer.start { _ in .status(200) }
        let url = server.baseURL.appendingPathComponent("gone")
        try await server.stop()
        let failure = await #expect(throws: JobFailure.self) {
            try await transport.send(HTTPRequest(url: url, timeout: 1))
        }
        // AsyncHTTPClient tries to connect again until the request's deadline, so on a busy
        // machine the deadline may speak first: either way the take is tried again.
        #expect(failure?.reason == .transient || failure?.reason == .timedOut, "\(String(describing: failure))")
        #expect(failure?.reason.isRetryable == true)
    }
}
