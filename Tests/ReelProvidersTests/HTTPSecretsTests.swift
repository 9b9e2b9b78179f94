import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// Keys travel in headers and signatures in queries; neither may reach an error message.
@Suite struct HTTPSecretsTests {
    static let key = "sk-test-SECRETKEY123456"
    static let signature = "SIGNATURE987654"
    static let token = "TOKEN24680"

    func request(_ base: URL, timeout: Double = 5) -> HTTPRequest {
        var parts = URLComponents(url: base.appendingPathComponent("v1/files/clip.mp4"), resolvingAgainstBaseURL: false)!
        parts.query = "X-Amz-Signature=\(Self.signature)&token=\(Self.token)"
        return HTTPRequest(url: parts.url!, headers: ["Authorization": "Bearer \(Self.key)", "x-goog-api-key": Self.key],
                           timeout: timeout)
    }

    func expectClean(_ error: (any Error)?, _ context: String) {
        let text = error.map { "\($0)" } ?? ""
        #expect(!text.isEmpty, "\(context): no error")
        for secret in [Self.key, Self.signature, Self.token] {
            #expect(!text.contains(secret), "\(context): \(secret) leaked into \(text)")
        }
    }

    @Test(arguments: ["timeout", "truncated", "dropped", "status"])
    func failuresNeverCarrySecrets(kind: String) async throws {
        try await FakeHTTPServer.serving(handler: { _ in
            switch kind {
            case "timeout": FakeResponse.status(200).delayed(by: 30)
            case "truncated": FakeResponse.bytes(Data(count: 50_000)).truncated(after: 10)
            case "dropped": FakeResponse.drop
            default: FakeResponse.json(["error": ["message": .string("denied for key=\(Self.key) at https://x.example/f?token=\(Self.token)")]],
                                       status: 403)
            }
        }) { server in
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            // Long enough that a busy machine still delivers the request before the deadline.
            let request = request(server.baseURL, timeout: 3)
            do {
                let result = try await AsyncHTTPTransport().download(request, to: dir.file("f.mp4"))
                let failure = HTTPStatusPolicy(provider: "Sim").failure(for: result.response, doing: "download the result")
                expectClean(failure, kind)
                #expect(failure?.reason == .auth)
            } catch {
                expectClean(error, kind)
            }
            #expect(server.requests.first?.query["token"] == Self.token)
        }
    }

    @Test func aRefusedConnectionNamesOnlyHostAndPath() async throws {
        let server = try await FakeHTTPServer.start { _ in .status(200) }
        let base = server.baseURL
        try await server.stop()
        do {
            _ = try await AsyncHTTPTransport().send(request(base, timeout: 0.5))
            Issue.record("a stopped server answered")
        } catch {
            expectClean(error, "refused")
            #expect("\(error)".contains("/v1/files/clip.mp4"))
        }
    }
}
