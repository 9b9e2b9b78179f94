import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// A real HTTP/1.1 server on loopback, for tests that want adapters to speak real HTTP.
///
/// Every request is recorded (in order) and answered by `handler`; a ``FakeResponse`` can
/// be late, cut short or dropped to provoke the failures clients must survive. With a
/// ``FakeWebSocketRoute``, the same server upgrades requests on that path to WebSocket.
///
/// The server runs from ``start(port:webSocket:handler:)`` until ``stop()``; stop it in the
/// test that started it.
///
/// ```swift
/// let server = try await FakeHTTPServer.start { request in
///     request.path == "/v1/ping" ? .json(["ok": true]) : .status(404)
/// }
/// let url = server.baseURL.appendingPathComponent("v1/ping")
/// // … exercise the client …
/// try await server.stop()
/// ```
public final class FakeHTTPServer: Sendable {
    /// How the server answers: called with each request, after it is recorded, for the response to send.
    public typealias Handler = @Sendable (RecordedRequest) async -> FakeResponse

    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    public let port: Int
    private let recorder: Recorder
    private let channel: any Channel
    private let serving: Task<Void, Never>
    private let connections: OpenConnections

    private init(port: Int, recorder: Recorder, channel: any Channel, serving: Task<Void, Never>,
                 connections: OpenConnections) {
        self.port = port
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.recorder = recorder
        self.channel = channel
        self.serving = serving
        self.connections = connections
    }

    /// Every request received so far, in the order they arrived (WebSocket upgrades included).
    public var requests: [RecordedRequest] { recorder.requests }

    /// Binds 127.0.0.1:`port` (0 picks a free port) and serves until ``stop()``.
    public static func start(port: Int = 0, webSocket: FakeWebSocketRoute? = nil,
                             handler: @escaping Handler) async throws -> FakeHTTPServer {
        let recorder = Recorder()
        let connections = OpenConnections()
        let listener = try await bind(port: port, webSocket: webSocket, connections: connections)
        guard let bound = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw FakeServerError("the fake server has no port after binding")
        }
        let connection = Connection(recorder: recorder, handler: handler, webSocket: webSocket)
        // The accept loop and every connection run on the server's own queue (see FakeServerExecutor).
        let serving = Task(executorPreference: FakeServerExecutor(label: "reel.fake-http.\(bound)")) {
            await withDiscardingTaskGroup { group in
                try? await listener.executeThenClose { inbound in
                    for try await accepted in inbound {
                        group.addTask { await connection.serve(accepted) }
                    }
                }
                group.cancelAll()
            }
        }
        return FakeHTTPServer(port: bound, recorder: recorder, channel: listener.channel, serving: serving,
                              connections: connections)
    }

    /// Closes the listening socket and every open connection, and waits until they are gone.
    /// Answers still being delayed are abandoned.
    public func stop() async throws {
        try? await channel.close()
        serving.cancel()
        // Also the connections accepted but not yet taken up by the accept loop: nobody
        // serves those, so nobody else would close them.
        await connections.closeAll()
        await serving.value
    }

    /// Runs `body` against a server started for it, and stops the server however `body` ends.
    public static func serving<T: Sendable>(port: Int = 0, webSocket: FakeWebSocketRoute? = nil,
                                            handler: @escaping Handler,
                                            _ body: (FakeHTTPServer) async throws -> T) async throws -> T {
        let server = try await start(port: port, webSocket: webSocket, handler: handler)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Forgets the requests recorded so far.
    public func resetRequests() { recorder.reset() }

    private static func bind(port: Int, webSocket: FakeWebSocketRoute?, connections: OpenConnections) async throws
        -> NIOAsyncChannel<Connection.Accepted, Never>
    {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try Connection.configure(channel, webSocket: webSocket)
                }
            }
    }
}

/// Every connection the server accepted and that is still open, from the moment it is
/// accepted: ``FakeHTTPServer/stop()`` closes them all.
final class OpenConnections: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        open.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in self?.open.withLock { _ = $0.removeValue(forKey: id) } }
    }

    func closeAll() async {
        for channel in open.withLock({ Array($0.values) }) { try? await channel.close() }
    }
}

/// The requests a server received, shared by its connections.
final class Recorder: Sendable {
    private let log = Mutex<[RecordedRequest]>([])

    var requests: [RecordedRequest] { log.withLock { $0 } }

    func record(_ request: RecordedRequest) { log.withLock { $0.append(request) } }

    func reset() { log.withLock { $0.removeAll() } }
}

/// A fake server that could not do what a test asked.
public struct FakeServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
