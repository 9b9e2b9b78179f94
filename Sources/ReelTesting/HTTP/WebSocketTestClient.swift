import Foundation
import NIOCore
import NIOPosix

/// A minimal WebSocket client for tests of fakes that push events (ComfyUI's `/ws`):
/// it upgrades, then collects the server's text frames. Plain `ws://` on loopback only.
public enum WebSocketTestClient {
    /// Connects to `url`, upgrades, and returns the first `count` text messages the server
    /// sends, or fewer if the server closes first. Throws when the server does not upgrade,
    /// or when nothing ends within `timeout` seconds.
    public static func receiveText(from url: URL, count: Int, timeout: Double = 10) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String]?.self) { group in
            group.addTask { try await receive(from: url, count: count) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let messages = first else {
                throw FakeServerError("no WebSocket answer from \(url.path) within \(timeout) s")
            }
            return messages
        }
    }

    private static func receive(from url: URL, count: Int) async throws -> [String] {
        guard let host = url.host, let port = url.port else { throw FakeServerError("not a ws:// URL with a port: \(url)") }
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let upgrade = "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
            try await outbound.write(ByteBuffer(string: upgrade))
            var buffer = ByteBuffer()
            var upgraded = false
            var messages: [String] = []
            for try await chunk in inbound {
                buffer.writeImmutableBuffer(chunk)
                if !upgraded {
                    let bytes = Array(buffer.readableBytesView)
                    guard let end = headEnd(bytes) else { continue }
                    let head = String(decoding: bytes[..<end], as: UTF8.self)
                    guard head.hasPrefix("HTTP/1.1 101") else {
                        throw FakeServerError("the server did not upgrade: \(head.split(separator: "\r\n").first ?? "")")
                    }
                    buffer.moveReaderIndex(forwardBy: end + 4)
                    upgraded = true
                }
                while let (opcode, payload) = nextFrame(&buffer) {
                    if opcode == 0x8 { return messages }
                    guard opcode == 0x1 else { continue }
                    messages.append(String(decoding: payload, as: UTF8.self))
                    if messages.count == count { return messages }
                }
            }
            guard upgraded else { throw FakeServerError("the server closed the connection without upgrading") }
            return messages
        }
    }

    /// Where `\r\n\r\n` starts.
    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }

    /// One whole frame from `buffer`, or nil (leaving it untouched) until one has arrived.
    private static func nextFrame(_ buffer: inout ByteBuffer) -> (opcode: UInt8, payload: [UInt8])? {
        let start = buffer.readerIndex
        guard let first = buffer.readInteger(as: UInt8.self), let second = buffer.readInteger(as: UInt8.self) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let extended = buffer.readInteger(as: UInt16.self) else { buffer.moveReaderIndex(to: start); return nil }
            length = Int(extended)
        } else if length == 127 {
            guard let extended = buffer.readInteger(as: UInt64.self) else { buffer.moveReaderIndex(to: start); return nil }
            length = Int(extended)
        }
        let mask: [UInt8]? = second & 0x80 != 0 ? buffer.readBytes(length: 4) : nil
        guard var payload = buffer.readBytes(length: length) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        if let mask { for i in payload.indices { payload[i] ^= mask[i % 4] } }
        return (first & 0x0F, payload)
    }
}
