import Foundation
import Synchronization

/// Slows down guessing a password: after a few wrong ones for a name from one address, that
/// name must wait there before its next try, twice as long after each further wrong one (up
/// to a quarter of an hour); from every address together a name gets more tries before the
/// same waits start (guessing spread over many machines). A try during a wait is answered at
/// once, without checking the password, so a guesser learns nothing and costs nothing; a
/// right password afterwards starts over, and a name left alone for a day starts over too.
///
/// A try counts as wrong from the moment it starts (``begin(_:from:now:)``), so tries sent
/// together cannot all slip past before the first is checked. Kept in memory: a restart
/// forgets it, which gives a guesser back only a handful of tries.
final class SignInThrottle: Sendable {
    /// Wrong passwords allowed for a name from one address before the waits start…
    static let free = 5
    /// …and from every address together.
    static let freeFromEverywhere = 50
    static let longestWait: TimeInterval = 15 * 60
    static let forgottenAfter: TimeInterval = 86_400

    struct Record {
        var failures = 0
        var last = Date.distantPast
    }

    private let records = Mutex<[String: Record]>([:])

    static func key(_ name: String) -> String { String(name.lowercased().prefix(40)) }

    /// The wait after `failures` wrong passwords in a row when `free` are allowed: 1 s after
    /// the last free one, doubling.
    static func delay(after failures: Int, free: Int = SignInThrottle.free) -> TimeInterval {
        guard failures >= free else { return 0 }
        return min(longestWait, pow(2, Double(min(failures - free, 20))))
    }

    /// Starts a try of `name` from `address`: the wait left (nil: it may go on, and is
    /// counted as wrong until ``succeeded(_:from:)`` says otherwise).
    func begin(_ name: String, from address: String, now: Date) -> TimeInterval? {
        let keys = [(Self.key(name) + "|" + address, Self.free), (Self.key(name), Self.freeFromEverywhere)]
        return records.withLock { records in
            var wait: TimeInterval = 0
            for (key, free) in keys {
                guard var record = records[key] else { continue }
                if now.timeIntervalSince(record.last) > Self.forgottenAfter { record = Record() }
                records[key] = record
                wait = max(wait, Self.delay(after: record.failures, free: free) - now.timeIntervalSince(record.last))
            }
            if wait > 0 { return wait }
            for (key, _) in keys {
                var record = records[key] ?? Record()
                record.failures += 1
                record.last = now
                records[key] = record
            }
            if records.count > 10_000 { records = records.filter { now.timeIntervalSince($0.value.last) < Self.forgottenAfter } }
            return nil
        }
    }

    /// The try was right: the name starts over, from this address and from everywhere.
    func succeeded(_ name: String, from address: String) {
        records.withLock { records in
            records[Self.key(name) + "|" + address] = nil
            records[Self.key(name)] = nil
        }
    }
}
