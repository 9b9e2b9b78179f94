import Foundation
import NIOCore
import NIOWebSocket
import ReelModel

/// A path on a ``FakeHTTPServer`` that upgrades to WebSocket, and what to do with each
/// socket: the handler runs for as long as the connection should live, sending frames as
/// the fake's state changes (ComfyUI's `/ws?clientId=…` is the model). When it returns, the
/// server closes the socket normally; when the client goes away first, the handler is
/// cancelled.
///
/// ```swift
/// let route = FakeWebSocketRoute(path: "/ws") { request, socket in
///     try await socket.send(json: ["type": "status", "data": ["sid": .string(request.query["clientId"] ?? "")]])
/// }
/// let server = try await FakeHTTPServer.start(webSocket: route) { _ in .status(404) }
/// ```
public struct FakeWebSocketRoute: Sendable {
    /// Runs one upgraded connection, given the upgrade request and the socket; returning closes
    /// the socket, and the client leaving first cancels it.
    public typealias Handler = @Sendable (RecordedRequest, FakeWebSocket) async throws -> Void

    /// The request path that upgrades (query ignored): `/ws`.
    public var path: String
    public var handler: Handler

    public init(path: String, handler: @escaping Handler) {
        self.path = path
        self.handler = handler
    }

    /// Runs one upgraded connection: the handler, and a reader that answers pings, collects
    /// the client's text messages and notices the client closing.
    func serve(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: RecordedRequest) async throws {
        try await channel.executeThenClose { inbound, outbound in
            let (messages, received) = AsyncStream.makeStream(of: String.self)
            let socket = FakeWebSocket(outbound: outbound, messages: messages)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { received.finish() }
                    for try await frame in inbound {
                        switch frame.opcode {
                        case .ping:
                            try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData))
                        case .text:
                            received.yield(String(buffer: frame.unmaskedData))
                        case .connectionClose:
                            return
                        default:
                            continue
                        }
                    }
                }
                group.addTask {
                    try await handler(request, socket)
                    try await socket.close()
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}

/// The server's end of one WebSocket connection.
public struct FakeWebSocket: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
    /// The text messages the client sends, in order; finishes when the client goes away.
    public let messages: AsyncStream<String>

    /// Sends a text frame.
    public func send(text: String) async throws {
        try await outbound.write(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text)))
    }

    /// Sends `value` as a text frame of canonical JSON.
    public func send(json value: JSONValue) async throws {
        try await send(text: value.canonical)
    }

    /// Sends a binary frame (ComfyUI's previews are binary).
    public func send(binary: Data) async throws {
        try await outbound.write(WebSocketFrame(fin: true, opcode: .binary, data: ByteBuffer(bytes: binary)))
    }

    /// Sends a close frame (1000, normal closure).
    public func close() async throws {
        var data = ByteBuffer()
        data.write(webSocketErrorCode: .normalClosure)
        try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
    }
}
