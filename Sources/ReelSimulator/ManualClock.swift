import Foundation
import Synchronization

/// A clock tests move by hand.
public final class ManualClock: Sendable {
    private let time: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { time = Mutex(start) }

    public var now: Date { time.withLock { $0 } }

    public func advance(by seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock as the server takes it.
    public var reading: @Sendable () -> Date { { [self] in now } }
}
