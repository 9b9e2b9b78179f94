import Foundation
import Hummingbird
import Synchronization
import Testing

@testable import ReelServer

/// The storyboard grid as the server keeps it: made once per change token however many ask
/// at once, made again when the token moves, and made again in the background when old.
@Suite struct BoardCacheTests {
    @Test(.timeLimit(.minutes(1))) func aGridIsMadeOncePerTokenAndAgainWhenItMovesOrAges() async throws {
        let made = Mutex(0)
        let (started, starting) = AsyncStream.makeStream(of: Int.self)
        var events = started.makeAsyncIterator()
        let now = Mutex("t1")
        let make: @Sendable () async throws -> (body: ByteBuffer, token: String) = {
            let n = made.withLock { $0 += 1; return $0 }
            starting.yield(n)
            return (ByteBuffer(string: "grid \(n)"), now.withLock { $0 })
        }
        let cache = BoardCache(keep: .seconds(3600))
        async let a = cache.board("p", token: "t1", make: make)
        async let b = cache.board("p", token: "t1", make: make)
        let (first, second) = try await (a, b)
        #expect(String(buffer: first) == String(buffer: second))
        #expect(try await String(buffer: cache.board("p", token: "t1", make: make)) == String(buffer: first))
        let once = made.withLock { $0 }
        #expect(once <= 2, "two asking at once before either made it may both make it, never more")
        now.withLock { $0 = "t2" }
        #expect(try await String(buffer: cache.board("p", token: "t2", make: make)) == "grid \(once + 1)", "a new token is a new grid")

        // A grid made while the project changed is answered, not kept: the token it was asked
        // at can come back (a pick taken back) and must not find it.
        for _ in 0...once { _ = await events.next() }
        now.withLock { $0 = "t3" }
        let moved = try await cache.board("p", token: "t1", make: make)
        #expect(String(buffer: moved) == "grid \(once + 2)")
        now.withLock { $0 = "t1" }
        #expect(try await String(buffer: cache.board("p", token: "t1", make: make)) == "grid \(once + 3)", "made again, not the one of another state")
        for _ in 0..<2 { _ = await events.next() }

        // Aged: the kept grid answers at once and a new one is made behind it.
        let aging = BoardCache(keep: .zero, stale: .seconds(3600))
        now.withLock { $0 = "t" }
        #expect(try await String(buffer: aging.board("q", token: "t", make: make)) == "grid \(once + 4)")
        _ = await events.next()
        #expect(try await String(buffer: aging.board("q", token: "t", make: make)) == "grid \(once + 4)", "the kept one while the next is made")
        #expect(await events.next() == once + 5, "made again in the background")
    }
}
