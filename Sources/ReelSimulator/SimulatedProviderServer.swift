import Foundation
import ReelModel
import Synchronization

/// A simulated remote video provider on loopback that behaves like the real ones: jobs
/// wait for a running slot, take a while, report progress and cost, and may be refused,
/// fail, hang, expire or break off, as its ``FaultPlan`` says. Its protocol is documented
/// in `docs/SIMULATED-PROVIDER.md`; `SimulatedVideoProvider` (ReelProviders) is its client.
///
/// ```swift
/// let sim = try await SimulatedProviderServer.start(config: .instant)
/// let provider = SimulatedVideoProvider(baseURL: sim.baseURL, apiKey: sim.apiKey, probe: nil)
/// // … run jobs …
/// #expect(sim.counters.createdJobs == 3)
/// try await sim.stop()
/// ```
///
/// `reel dev simulate` serves one from the command line.
public final class SimulatedProviderServer: Sendable {
    public let config: SimulationConfig
    /// A key the server accepts: the configured one, or `sim-key` when any key will do.
    public let apiKey: String
    private let http: FakeHTTPServer
    private let books: SimulationBooks

    private init(config: SimulationConfig, http: FakeHTTPServer, books: SimulationBooks) {
        self.config = config
        self.apiKey = config.apiKey ?? "sim-key"
        self.http = http
        self.books = books
    }

    /// Starts a server on 127.0.0.1:`port` (0 picks a free port).
    /// - Parameters:
    ///   - clock: the time jobs run by; tests pass a ``ManualClock`` to move it by hand.
    ///   - renderer: makes the videos; by default ffmpeg into `config.cacheURL`.
    public static func start(config: SimulationConfig = SimulationConfig(), port: Int = 0,
                             clock: (@Sendable () -> Date)? = nil,
                             renderer: SimulatedClipRenderer? = nil) async throws -> SimulatedProviderServer {
        let books = SimulationBooks(SimulationState(config: config, instance: UInt64.random(in: 1...UInt64.max)))
        let routes = SimulatedRoutes(config: config, books: books, clock: clock ?? { Date() },
                                     renderer: renderer ?? SimulatedClipRenderer(directory: config.cacheURL, mode: config.render))
        let http = try await FakeHTTPServer.start(port: port) { request in await routes.answer(request) }
        return SimulatedProviderServer(config: config, http: http, books: books)
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { http.baseURL }
    public var port: Int { http.port }

    /// Stops serving; answers still being delayed are abandoned.
    public func stop() async throws { try await http.stop() }

    /// What the server has seen and done so far.
    public var counters: SimulationCounters { books.with { $0.counters } }

    /// The running time of every job made so far (seconds in a slot): the work a
    /// makespan is measured against.
    public var jobLatencies: [Double] { books.with { $0.jobs.values.map(\.latency) } }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { http.requests }

    /// Makes request `number` (from 1, counted since start) to `endpoint` go wrong this way.
    public func script(_ fault: SimulatedFault, on endpoint: ScriptedFault.Endpoint, request number: Int) {
        books.with { $0.scripted.append(ScriptedFault(fault, on: endpoint, request: number)) }
    }

    /// Makes the next request to `endpoint` go wrong this way.
    public func scriptNext(_ fault: SimulatedFault, on endpoint: ScriptedFault.Endpoint) {
        books.with { state in
            let next = state.requestCount(endpoint) + 1
            state.scripted.append(ScriptedFault(fault, on: endpoint, request: next))
        }
    }
}

/// The state, behind a lock shared by every connection.
final class SimulationBooks: Sendable {
    private let state: Mutex<SimulationState>

    init(_ state: SimulationState) { self.state = Mutex(state) }

    func with<T: Sendable>(_ body: (inout SimulationState) -> T) -> T {
        state.withLock { body(&$0) }
    }
}
