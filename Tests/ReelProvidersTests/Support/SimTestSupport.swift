import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting

/// Raw HTTP calls to a simulated provider, for tests of the server itself.
struct SimCalls {
    let baseURL: URL
    var apiKey: String = "sim-key"
    var transport = AsyncHTTPTransport()

    init(sim: SimulatedProviderServer) {
        baseURL = sim.baseURL
        apiKey = sim.apiKey
    }

    /// For a server in another process.
    init(baseURL: URL, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    static func body(seed: String = "42", duration: JSONValue = 1000, width: JSONValue = 64, height: JSONValue = 64,
                     fps: JSONValue = "24", model: JSONValue = "sim-1", label: String = "S01-01") -> JSONValue {
        ["model": model, "prompt": "A lighthouse in the rain", "duration_ms": duration, "width": width, "height": height,
         "fps": fps, "seed": .string(seed), "label": .string(label)]
    }

    enum Authorization { case own, missing, key(String) }

    func create(_ body: JSONValue = SimCalls.body(), key: String? = nil, authorization: Authorization = .own,
                timeout: Double = 10) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        switch authorization {
        case .own: headers["Authorization"] = "Bearer \(apiKey)"
        case .key(let other): headers["Authorization"] = "Bearer \(other)"
        case .missing: break
        }
        if let key { headers["Idempotency-Key"] = key }
        return try await transport.send(.json("POST", baseURL.appendingPathComponent("v1/generations"), body: body,
                                              headers: headers, timeout: timeout))
    }

    func poll(_ id: String, timeout: Double = 10) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(url: baseURL.appendingPathComponent("v1/generations/\(id)"),
                                             headers: ["Authorization": "Bearer \(apiKey)"], timeout: timeout))
    }

    func download(_ link: String, to file: URL) async throws -> HTTPDownload {
        try await transport.download(HTTPRequest(url: URL(string: link)!, timeout: 60), to: file)
    }
}

extension HTTPResponse {
    /// The `id` of a generation answer.
    var id: String { json?["id"]?.stringValue ?? "" }
    var errorCode: String? { json?["error"]?["code"]?.stringValue }
}

/// A simulated provider for one test, with its clip cache in a temporary directory.
func withSim<T: Sendable>(_ config: SimulationConfig = .instant, clock: ManualClock? = nil,
                          _ body: (SimulatedProviderServer, TemporaryDirectory) async throws -> T) async throws -> T {
    let dir = TemporaryDirectory("reel-sim")
    defer { dir.remove() }
    var config = config
    config.cacheDirectory = dir.file("clips").path
    let sim = try await SimulatedProviderServer.start(config: config, clock: clock?.reading)
    do {
        let result = try await body(sim, dir)
        try await sim.stop()
        return result
    } catch {
        try? await sim.stop()
        throw error
    }
}
