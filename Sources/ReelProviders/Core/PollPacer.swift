import Foundation

/// How long to wait before looking at a running job again: the descriptor's interval, or
/// less when the provider's progress says the job ends sooner — one look just after the
/// finish it announces, instead of up to a whole interval late.
///
/// The rate is read from two progress readings (the first and the latest of a run of rising
/// ones), not from one: a job's time in the queue would make one reading look slow. Without
/// progress, or before two readings half an interval apart, it waits the interval. A wait is
/// never shorter than a tenth of the interval, so a job that overruns its estimate is looked
/// at a few more times near its end, not hammered.
public struct PollPacer: Sendable {
    public let interval: Double
    private var first: (progress: Double, at: Double)?
    private var last: (progress: Double, at: Double)?

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
        guard let first, let last, last.at - first.at >= interval / 2, last.progress > first.progress else { return interval }
        let rate = (last.progress - first.progress) / (last.at - first.at)
        let remaining = (1 - last.progress) / rate
        // Aim a little after the estimate: a look that comes early costs a round trip and a
        // short wait, one that comes late costs only its lateness.
        return min(interval, max(interval / 10, remaining + interval / 20))
    }
}
