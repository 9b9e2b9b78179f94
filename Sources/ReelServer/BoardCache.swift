import Foundation
import Hummingbird

/// The storyboard grid each project last answered, encoded, with the change token it was made
/// at (``Studio/changeToken(_:)``: the project's database, its script and reel.yaml). Many
/// browsers ask for the same grid — every one of them after each change the live view
/// announces — and planning it again costs tens of milliseconds on a few hundred shots. While
/// the token is the same they get the grid as it was made; requests that arrive while it is
/// being made wait for that one making. A grid older than `keep` is made again in the
/// background (the kept one answers meanwhile), so what moves with the clock alone (a consent
/// that ends) is seen soon.
actor BoardCache {
    private struct Kept {
        var token: String
        var made: ContinuousClock.Instant
        var body: ByteBuffer
    }

    private var kept: [String: Kept] = [:]
    private var making: [String: (token: String, task: Task<(body: ByteBuffer, token: String), any Error>)] = [:]
    private let clock = ContinuousClock()
    /// How long a grid is answered before it is made again, while nothing changes; for how
    /// long after that it still answers while it is made again behind it (older: made now).
    let keep: Duration
    let stale: Duration

    init(keep: Duration = .seconds(5), stale: Duration = .seconds(15)) {
        self.keep = keep
        self.stale = stale
    }

    /// The project's grid at `token`, encoded: kept, being made, or made now by `make`. `make`
    /// answers the grid and the token read again after it was made: a grid made while the
    /// project changed is answered but not kept (a token can come back — a pick taken back —
    /// and must not find a grid of another state).
    func board(_ project: String, token: String,
               make: @escaping @Sendable () async throws -> (body: ByteBuffer, token: String)) async throws -> ByteBuffer {
        if let grid = kept[project], grid.token == token {
            let age = clock.now - grid.made
            // Old: made again behind it; much older (no one asked for a while): made now.
            if age < keep + stale {
                if age >= keep, making[project] == nil {
                    let (made, task) = start(project, token: token, make: make)
                    Task { await self.record(project, token: token, made: made, body: try? await task.value) }
                }
                return grid.body
            }
        }
        if let current = making[project], current.token == token { return try await current.task.value.body }
        let (made, task) = start(project, token: token, make: make)
        do {
            let answer = try await task.value
            record(project, token: token, made: made, body: answer)
            return answer.body
        } catch {
            record(project, token: token, made: made, body: nil)
            throw error
        }
    }

    private func start(_ project: String, token: String, make: @escaping @Sendable () async throws -> (body: ByteBuffer, token: String))
        -> (ContinuousClock.Instant, Task<(body: ByteBuffer, token: String), any Error>)
    {
        let task = Task { try await make() }
        making[project] = (token, task)
        return (clock.now, task)
    }

    /// The making started at `made` has ended (with `answer`, or failed): kept unless a newer
    /// one is, or the project changed while it was made.
    private func record(_ project: String, token: String, made: ContinuousClock.Instant, body answer: (body: ByteBuffer, token: String)?) {
        if making[project]?.token == token { making[project] = nil }
        guard let answer, answer.token == token else { return }
        if kept[project].map({ $0.made <= made }) ?? true { kept[project] = Kept(token: token, made: made, body: answer.body) }
    }
}

/// An answer already encoded as JSON (``JSONAnswer/encode(_:)``).
struct EncodedJSON: ResponseGenerator {
    var body: ByteBuffer

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: body))
    }
}
