import Foundation
import ReelProviders
import ReelTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `stop()` ends every connection a client holds open, including one on which nothing was
/// ever sent (AsyncHTTPClient opens spare connections and keeps idle ones for a minute).
/// Before the fix, such a connection kept `stop()` waiting until the client let go, so a
/// test could idle for as long as its provider's timeout. Without the fix these tests do
/// not return; the test runner's deadline names them.
@Suite struct FakeHTTPServerStopTests {
    @Test func stopClosesAConnectionThatNeverSentARequest() async throws {
        let server = try await FakeHTTPServer.start(handler: { _ in .text("hello") })
        let silent = try RawConnection(port: server.port)
        defer { silent.close() }
        // Connections are accepted in order: once the second one is answered, the silent
        // one is being served too, waiting for its first request.
        let other = try RawConnection(port: server.port)
        defer { other.close() }
        other.send("GET /other HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(other.readUntilClosed().count > 0)
        try await server.stop()
        #expect(silent.readUntilClosed().isEmpty)
        #expect(server.requests.map(\.path) == ["/other"])
    }

    @Test func stopClosesAnIdleKeepAliveConnection() async throws {
        let server = try await FakeHTTPServer.start(handler: { _ in .text("hello") })
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("GET /one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = socket.readUntil("hello")
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        try await server.stop()
        #expect(socket.readUntilClosed().isEmpty)
        #expect(server.requests.map(\.path) == ["/one"])
    }
}

/// A plain blocking TCP connection to 127.0.0.1, so a test controls exactly what is sent.
private final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, connected == 0 else {
            Glibc.close(fd)
            throw FakeServerError("cannot connect to 127.0.0.1:\(port) (errno \(errno))")
        }
        // A deadline, not a wait: a server that never closes fails the test in a minute
        // instead of hanging the run.
        var deadline = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// What arrives until `marker` has been read, or the connection ends.
    func readUntil(_ marker: String) -> String {
        var received = [UInt8]()
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let chunk = readChunk()
            if chunk.isEmpty { break }
            received += chunk
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// What arrives until the server closes the connection.
    func readUntilClosed() -> [UInt8] {
        var received = [UInt8]()
        while true {
            let chunk = readChunk()
            if chunk.isEmpty { return received }
            received += chunk
        }
    }

    private func readChunk() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
            Issue.record("the server neither answered nor closed the connection within a minute")
        }
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    func close() { Glibc.close(fd) }
}
