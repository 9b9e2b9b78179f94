import Foundation

/// Wakes the live views of a project when this server changes it — a pick, an edit, a note,
/// a job of its run finishing — so a second browser hears of it at once instead of at its next
/// look (changes made by other processes, a `reel generate` in a terminal, are still found by
/// looking, every second). Each ring advances the project's count; a view that read the count
/// before it looked waits only while the count is still what it read, so a ring between its
/// look and its wait is never missed.
actor ChangeBell {
    private var counts: [String: UInt64] = [:]
    private var waiting: [String: [UUID: CheckedContinuation<Void, Never>]] = [:]

    /// How many times the project's bell has rung.
    func count(_ project: String) -> UInt64 { counts[project, default: 0] }

    func ring(_ project: String) {
        counts[project, default: 0] &+= 1
        for (_, waiter) in waiting.removeValue(forKey: project) ?? [:] { waiter.resume() }
    }

    /// Returns when the project's bell has rung since `seen` was read (at once if it has), or
    /// after `limit`, whichever is first.
    func wait(_ project: String, after seen: UInt64, upTo limit: Duration) async {
        guard count(project) == seen else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: limit) }
            group.addTask { await self.rung(project, after: seen) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns when the bell rings (or the waiting task is cancelled).
    private func rung(_ project: String, after seen: UInt64) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if count(project) != seen || Task.isCancelled {
                    continuation.resume()
                } else {
                    waiting[project, default: [:]][id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancel(project, id) }
        }
    }

    private func cancel(_ project: String, _ id: UUID) {
        waiting[project]?.removeValue(forKey: id)?.resume()
        if waiting[project]?.isEmpty == true { waiting[project] = nil }
    }
}
