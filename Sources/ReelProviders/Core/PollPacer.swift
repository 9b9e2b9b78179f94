import Foundation

/// How long to wait before looking at a running job again: the descriptor's interval, or
/// less when the provider's progress says the job ends sooner — one look just after the
/// finish it announces, instead of up to a whole interval late.
///
/// The rate is read from two progress readings (the first and the latest of a run of rising
/// ones), not from one: a job's time in the queue would make one reading look slow. Without
/// progress, or before two readings half an interval apart, it waits the interval. A wait is
/// never shorter than a tenth of the interval, and at most ``earlyLooks`` waits of a job are
/// shortened: a job that overruns its estimate (many hold 99% to the end) is looked at twice
/// more near its end, then every interval as before — never hammered.
public struct PollPacer: Sendable {
    public let interval: Double
    /// How many waits of one job may be shorter than the interval.
    public static let earlyLooks = 2
    private var first: (progress: Double, at: Double)?
    private var last: (progress: Double, at: Double)?
    private var early = 0

    public init(interval: Double) {
        self.interval = interval
    }

    /// The wait after a poll that found the job at `progress` (0…1, nil when the provider
    /// does not say) `at` seconds into polling.
    public mutating func wait(progress: Double?, at time: Double) -> Double {
        guard let progress, progress > 0, progress < 1 else { return interval }
        if let last, progress < last.progress {
            // Progress that goes back (the job was restarted) starts the estimate again.
            first = nil
        }
        if first == nil { first = (progress, time) }
        last = (progress, time)
        guard early < Self.earlyLooks, let first, let last, last.at - first.at >= interval / 2,
              last.progress > first.progress else { return interval }
        let rate = (last.progress - first.progress) / (last.at - first.at)
        let remaining = (1 - last.progress) / rate
        // Aim a little after the estimate: a look that comes early costs a round trip and a
        // short wait, one that comes late costs only its lateness.
        let wait = min(interval, max(interval / 10, remaining + interval / 20))
        if wait < interval { early += 1 }
        return wait
    }
}
