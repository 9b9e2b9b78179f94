import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

extension FakeHTTPServer {
    /// Serves one accepted connection: HTTP requests one after another, or a WebSocket.
    struct Connection: Sendable {
        enum Upgrade: Sendable {
            case http(NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>, declined: HTTPRequestHead?)
            case webSocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, RecordedRequest)
        }

        typealias Outbound = NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>

        let recorder: Recorder
        let handler: Handler
        let webSocket: FakeWebSocketRoute?

        /// An accepted connection: its channel, and what its first request makes of it.
        struct Accepted: Sendable {
            let channel: any Channel
            let upgrade: EventLoopFuture<Upgrade>
        }

        /// Sets up a new connection's pipeline: HTTP/1.1, upgraded to WebSocket on the route's path.
        static func configure(_ channel: any Channel, webSocket: FakeWebSocketRoute?) throws -> Accepted {
            // NIO forgets a request whose upgrade it declined (nothing of it reaches the HTTP
            // side), so the declined head is kept here and answered 404 by `serveHTTP`.
            let declined = DeclinedUpgrade()
            var upgraders: [any NIOTypedHTTPServerProtocolUpgrader<Upgrade>] = []
            if let route = webSocket {
                upgraders.append(NIOTypedWebSocketServerUpgrader<Upgrade>(
                    shouldUpgrade: { channel, head in
                        guard RecordedRequest(method: "GET", uri: head.uri).path == route.path else {
                            declined.head.withLock { $0 = head }
                            return channel.eventLoop.makeSucceededFuture(nil)
                        }
                        return channel.eventLoop.makeSucceededFuture(HTTPHeaders())
                    },
                    upgradePipelineHandler: { channel, head in
                        channel.eventLoop.makeCompletedFuture {
                            let frames = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                            return Upgrade.webSocket(frames, RecordedRequest(head: head, body: Data()))
                        }
                    }))
            }
            let upgrade = NIOTypedHTTPServerUpgradeConfiguration<Upgrade>(
                upgraders: upgraders,
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ResponsePartHandler())
                        let head = declined.head.withLock { $0 }
                        return Upgrade.http(try NIOAsyncChannel(wrappingChannelSynchronously: channel), declined: head)
                    }
                })
            return Accepted(channel: channel, upgrade: try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
                configuration: .init(upgradeConfiguration: upgrade)))
        }

        /// Never throws: a connection that breaks is the client's business, not the server's.
        ///
        /// Cancelling (``FakeHTTPServer/stop()``) closes the connection, whatever it waits for.
        /// A client may keep a connection open without sending anything on it (AsyncHTTPClient
        /// opens spare ones and keeps idle ones); its first request decides the upgrade, and
        /// waiting for that future ignores cancellation, so without the close a stop would
        /// wait for the client's idle timeout.
        func serve(_ accepted: Accepted) async {
            await withTaskCancellationHandler {
                await serve(accepted.upgrade)
            } onCancel: {
                accepted.channel.close(promise: nil)
            }
        }

        private func serve(_ upgrade: EventLoopFuture<Upgrade>) async {
            do {
                switch try await upgrade.get() {
                case .http(let channel, let declined):
                    try await serveHTTP(channel, declined: declined)
                case .webSocket(let channel, let request):
                    recorder.record(request)
                    try await webSocket?.serve(channel, request: request)
                }
            } catch {
                // Closed by the client, by a truncation, or by stop().
            }
        }

        private func serveHTTP(_ channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>,
                               declined: HTTPRequestHead?) async throws {
            try await channel.executeThenClose { inbound, outbound in
                if let declined {
                    recorder.record(RecordedRequest(head: declined, body: Data()))
                    _ = try await write(.text("not a WebSocket path", status: 404), to: outbound, keepAlive: false)
                    return
                }
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let started):
                        head = started
                        body.clear()
                    case .body(var chunk):
                        body.writeBuffer(&chunk)
                    case .end:
                        guard let finished = head else { continue }
                        head = nil
                        let request = RecordedRequest(head: finished, body: Data(body.readableBytesView))
                        recorder.record(request)
                        let response = await handler(request)
                        if response.delay > 0 {
                            try await Task.sleep(for: .milliseconds(Int64(response.delay * 1000)))
                        }
                        guard try await write(response, to: outbound, keepAlive: finished.isKeepAlive) else { return }
                    }
                }
            }
        }

        /// The head of a WebSocket request on a path without a route, kept for its 404.
        final class DeclinedUpgrade: Sendable {
            let head = Mutex<HTTPRequestHead?>(nil)
        }

        /// Writes `response`; false when the connection must close afterwards.
        private func write(_ response: FakeResponse, to outbound: Outbound, keepAlive: Bool) async throws -> Bool {
            if response.dropsConnection { return false }
            var headers = HTTPHeaders()
            for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) where name.lowercased() != "content-length" {
                headers.add(name: name, value: value)
            }
            headers.add(name: "Content-Length", value: String(response.body.count))
            let closing = !keepAlive || response.truncateAfter != nil
            if closing { headers.replaceOrAdd(name: "Connection", value: "close") }
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            try await outbound.write(.head(head))
            let sent = min(response.truncateAfter ?? response.body.count, response.body.count)
            var offset = 0
            while offset < sent {
                let end = min(sent, offset + 256 << 10)
                try await outbound.write(.body(ByteBuffer(bytes: response.body[response.body.startIndex + offset ..< response.body.startIndex + end])))
                offset = end
            }
            if response.stalls { try? await Task.sleep(for: .seconds(3600)) }
            if response.truncateAfter != nil { return false }
            try await outbound.write(.end(nil))
            return !closing
        }
    }
}

extension RecordedRequest {
    init(head: HTTPRequestHead, body: Data) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        self.init(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
    }
}

/// Lets the async channel write `ByteBuffer` bodies into the HTTP encoder.
final class ResponsePartHandler: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = HTTPPart<HTTPResponseHead, ByteBuffer>
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head): context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body(let buffer): context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: promise)
        case .end(let trailers): context.write(wrapOutboundOut(.end(trailers)), promise: promise)
        }
    }
}
