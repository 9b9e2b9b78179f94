import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Something waited for, rung by whoever sees it happen: a waiter wakes at the ring, or at
/// the end of its wait if none comes (a ring is a hint, never the only way to learn).
public final class Doorbell: Sendable {
    enum Slot {
        case waiting(CheckedContinuation<Void, Never>)
        /// Woken before it started waiting (its time ran out, or it was cancelled).
        case woken
    }

    let waiters = Mutex<[UUID: Slot]>([:])
    let rings = Mutex(0)

    public init() {}

    /// How many times it rang.
    public var rung: Int { rings.withLock { $0 } }

    /// Wakes everyone waiting now.
    public func ring() {
        rings.withLock { $0 += 1 }
        let woken = waiters.withLock { waiters in
            let woken = waiters.values.compactMap { slot -> CheckedContinuation<Void, Never>? in
                if case .waiting(let continuation) = slot { return continuation }
                return nil
            }
            waiters = waiters.filter { if case .woken = $0.value { true } else { false } }
            return woken
        }
        woken.forEach { $0.resume() }
    }

    /// Waits until the bell rings, `most` has passed or the task is cancelled — at once when
    /// it rang since it had rung `since` times (read before the look that found nothing, so a
    /// ring between that look and this wait is not missed).
    public func wait(atMost most: Duration, since: Int? = nil) async {
        if let since, rung != since { return }
        let id = UUID()
        let timer = Task.detached { [weak self] in
            guard (try? await Task.sleep(for: most)) != nil else { return }
            self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early = waiters.withLock { waiters in
                    if case .woken? = waiters[id] { return true }
                    waiters[id] = .waiting(continuation)
                    return false
                }
                if early { continuation.resume() }
            }
        } onCancel: {
            wake(id)
        }
        timer.cancel()
        await timer.value
        waiters.withLock { _ = $0.removeValue(forKey: id) }
    }

    func wake(_ id: UUID) {
        let continuation = waiters.withLock { waiters -> CheckedContinuation<Void, Never>? in
            switch waiters[id] {
            case .waiting(let continuation)?:
                waiters[id] = nil
                return continuation
            case .woken?:
                return nil
            case nil:
                waiters[id] = .woken
                return nil
            }
        }
        continuation?.resume()
    }
}

extension StudioDatabase {
    /// Rings when a job is queued for the workers (an idle worker looks at once).
    public var jobQueued: Doorbell { bells.queued }
    /// Rings when a job of the queue ends, done or not (a run reads its rows at once).
    public var jobEnded: Doorbell { bells.ended }

    /// Waits until this process listens for the work queue's notifications (after
    /// ``listenForWork()``).
    func listening() async {
        while !bells.active.withLock({ $0 }) { await bells.connected.wait(atMost: .seconds(1)) }
    }

    /// The bells, and the task listening for what rings them.
    final class Bells: Sendable {
        let queued = Doorbell()
        let ended = Doorbell()
        let listening = Mutex<Task<Void, Never>?>(nil)
        /// Whether a LISTEN is in place now; `connected` rings when one is.
        let active = Mutex(false)
        let connected = Doorbell()

        deinit { listening.withLock { $0?.cancel() } }

        /// The tickets of the jobs that ended lately, by the number of their end.
        let endings = Mutex<(count: Int, tickets: [Int: String])>((0, [:]))
        static let remembered = 4096

        /// What the table `work`'s trigger said (`STATE TICKET`) rings its bell.
        func ring(_ payload: String) {
            let words = payload.split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first {
            case "queued":
                queued.ring()
            case "done", "failed", "cancelled":
                endings.withLock { endings in
                    endings.count += 1
                    endings.tickets[endings.count] = words.count > 1 ? words[1] : ""
                    endings.tickets[endings.count - Self.remembered] = nil
                }
                ended.ring()
            default:
                break
            }
        }

        /// How many jobs were heard ending so far.
        var endCount: Int { endings.withLock { $0.count } }

        /// The tickets of the jobs heard ending after the first `count`; nil when they are no
        /// longer all remembered (then every waited-for row should be read).
        func endedTickets(after count: Int) -> [String]? {
            endings.withLock { endings in
                guard endings.count - count <= Self.remembered else { return nil }
                return (count + 1 ..< endings.count + 1).compactMap { endings.tickets[$0] }
            }
        }
    }

    /// Listens, once for the process, on a connection of its own for the work queue's
    /// notifications (PostgreSQL's LISTEN, sent by a trigger on `work` when a row changes
    /// state): the bells ring within a moment of a job queued or ended on any machine. A
    /// connection lost is made again; meanwhile waiters wake at the end of their waits.
    public func listenForWork() {
        bells.listening.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [bells, address, logger] in
                var wait = 0.25
                while !Task.isCancelled {
                    if let connection = try? await PostgresConnection.connect(configuration: try address.connection, id: 1, logger: logger) {
                        wait = 0.25
                        let listening = Task {
                            try? await connection.listen(on: "reel_work") { notifications in
                                bells.active.withLock { $0 = true }
                                bells.connected.ring()
                                defer { bells.active.withLock { $0 = false } }
                                for try await notification in notifications { bells.ring(notification.payload) }
                            }
                            try? await connection.close()
                        }
                        // A connection closed under a listener is not always said to it: look.
                        while !Task.isCancelled, !connection.isClosed {
                            try? await Task.sleep(for: .seconds(1))
                        }
                        listening.cancel()
                        try? await connection.close()
                    }
                    try? await Task.sleep(for: .seconds(wait))
                    wait = min(wait * 2, 5)
                }
            }
        }
    }
}
