import Foundation
import GRDB

/// Writes the journal's records in as few transactions as possible (group commit). The
/// first writer to arrive leads: it yields once so that records arriving at the same
/// moment can join, then commits them all in one transaction; records that arrive while
/// it writes go in the next. Every caller returns only after its own record is committed.
actor GroupCommitWriter {
    typealias Work = @Sendable (Database) throws -> Void
    private let database: ProjectDatabase
    private var pending: [(Work, CheckedContinuation<Void, any Error>)] = []
    private var leading = false

    init(database: ProjectDatabase) { self.database = database }

    func write(_ work: @escaping Work) async throws {
        guard !leading else {
            // A leader is writing: it (or its next batch) takes this record.
            return try await withCheckedThrowingContinuation { pending.append((work, $0)) }
        }
        leading = true
        defer { leading = false }
        await Task.yield()
        var mine: (any Error)?
        var first = true
        while first || !pending.isEmpty {
            let batch = pending
            pending = []
            let works = (first ? [work] : []) + batch.map(\.0)
            do {
                try database.writeNow { db in for w in works { try w(db) } }
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                // Something failed: write each alone so that only its own caller hears of it.
                if first {
                    do { try database.writeNow { db in try work(db) } } catch { mine = error }
                }
                for (w, continuation) in batch {
                    do {
                        try database.writeNow { db in try w(db) }
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            first = false
        }
        if let mine { throw mine }
    }
}
