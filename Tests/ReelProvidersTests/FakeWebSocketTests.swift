import Foundation
import ReelModel
import ReelTesting
import Testing
import ReelProviders

@Suite struct FakeWebSocketTests {
    @Test func aRouteUpgradesAndPushesTextFrames() async throws {
        let route = FakeWebSocketRoute(path: "/ws") { request, socket in
            try await socket.send(json: ["type": "status", "data": ["sid": .string(request.query["clientId"] ?? "")]])
            try await socket.send(json: ["type": "progress", "data": ["value": 1, "max": 2]])
            try await socket.send(text: String(repeating: "雨", count: 100))
        }
        try await FakeHTTPServer.serving(webSocket: route, handler: { _ in .json(["queue_running": []]) }) { server in
            let url = URL(string: "ws://127.0.0.1:\(server.port)/ws?clientId=c-1")!
            let messages = try await WebSocketTestClient.receiveText(from: url, count: 5)
            #expect(messages.count == 3)
            #expect(messages.first == #"{"data":{"sid":"c-1"},"type":"status"}"#)
            #expect(messages.last?.count == 100)
            let upgrade = try #require(server.requests.first)
            #expect(upgrade.path == "/ws")
            #expect(upgrade.query["clientId"] == "c-1")
            // Plain HTTP on the same server still answers.
            let plain = try await AsyncHTTPTransport().send(HTTPRequest(url: server.baseURL.appendingPathComponent("queue")))
            #expect(plain.json?["queue_running"] == [])
        }
    }

    @Test func otherPathsAreNotUpgraded() async throws {
        let route = FakeWebSocketRoute(path: "/ws") { _, socket in try await socket.send(text: "hi") }
        try await FakeHTTPServer.serving(webSocket: route, handler: { _ in .status(404) }) { server in
            let url = URL(string: "ws://127.0.0.1:\(server.port)/elsewhere")!
            await #expect(throws: FakeServerError.self) { try await WebSocketTestClient.receiveText(from: url, count: 1) }
        }
    }
}
