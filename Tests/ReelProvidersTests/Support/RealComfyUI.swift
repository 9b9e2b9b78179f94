import Foundation
import ReelMedia
import ReelProviders
import ReelTesting

/// A real ComfyUI for the integration test: the one at `REEL_COMFYUI_URL`, or one started
/// from `REEL_COMFYUI_DIR` on a free loopback port (and stopped afterwards).
final class RealComfyUI {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// Whether the integration test has a server to run against.
    static var configured: Bool {
        environment["REEL_INTEGRATION"] == "1" && (environment["REEL_COMFYUI_URL"] != nil || environment["REEL_COMFYUI_DIR"] != nil)
    }

    let url: URL
    private let process: ChildProcess?

    private init(url: URL, process: ChildProcess?) {
        self.url = url
        self.process = process
    }

    static func start(environment: [String: String], dir: TemporaryDirectory) async throws -> RealComfyUI {
        if let given = environment["REEL_COMFYUI_URL"], let url = URL(string: given) {
            return RealComfyUI(url: url, process: nil)
        }
        guard let checkout = environment["REEL_COMFYUI_DIR"] else { throw FakeServerError("no ComfyUI configured") }
        let port = Int.random(in: 20_000...40_000)
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [environment["REEL_COMFYUI_PYTHON"] ?? "python3", "main.py", "--listen", "127.0.0.1",
                             "--port", String(port), "--cpu", "--output-directory", dir.file("out").path,
                             "--input-directory", dir.file("in").path]
        process.currentDirectoryURL = URL(fileURLWithPath: checkout)
        process.standardOutput = .null
        process.standardError = .null
        try process.run()
        let server = RealComfyUI(url: URL(string: "http://127.0.0.1:\(port)")!, process: process)
        // Waiting for a real server to come up is the one wait this test cannot avoid.
        for _ in 0..<240 {
            if let answer = try? await AsyncHTTPTransport().send(HTTPRequest(url: server.url.appendingPathComponent("system_stats"),
                                                                            timeout: 2)), answer.isSuccess {
                return server
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        server.stop()
        throw FakeServerError("ComfyUI in \(checkout) did not answer on port \(port) within 2 minutes")
    }

    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
