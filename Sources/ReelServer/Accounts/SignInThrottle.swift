import Foundation
import Synchronization

/// Slows down guessing a password: after a few wrong ones for a name, that name must wait
/// before its next try, twice as long after each further wrong one (up to a quarter of an
/// hour). A try during the wait is answered at once, without checking the password, so a
/// guesser learns nothing and costs nothing; a right password afterwards starts over.
///
/// Kept by name (as typed, lowercased), in memory: a restart forgets it, which only gives a
/// guesser back a handful of tries.
final class SignInThrottle: Sendable {
    /// Wrong passwords allowed before the waits start.
    static let free = 5
    static let longestWait: TimeInterval = 15 * 60

    struct Record {
        var failures = 0
        var last = Date.distantPast
    }

    private let records = Mutex<[String: Record]>([:])

    static func key(_ name: String) -> String { String(name.lowercased().prefix(40)) }

    /// How long `name` must still wait before trying (nil: it may try now).
    func wait(for name: String, now: Date) -> TimeInterval? {
        records.withLock { records in
            guard let record = records[Self.key(name)], record.failures >= Self.free else { return nil }
            let left = Self.delay(after: record.failures) - now.timeIntervalSince(record.last)
            return left > 0 ? left : nil
        }
    }

    /// The wait after `failures` wrong passwords in a row: 1 s after the fifth, doubling.
    static func delay(after failures: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        return min(longestWait, pow(2, Double(min(failures - free, 20))))
    }

    func failed(_ name: String, now: Date) {
        records.withLock { records in
            var record = records[Self.key(name)] ?? Record()
            record.failures += 1
            record.last = now
            records[Self.key(name)] = record
            // Old records go: a name not tried for a day starts over.
            if records.count > 10_000 { records = records.filter { now.timeIntervalSince($0.value.last) < 86_400 } }
        }
    }

    func succeeded(_ name: String) {
        records.withLock { _ = $0.removeValue(forKey: Self.key(name)) }
    }
}
