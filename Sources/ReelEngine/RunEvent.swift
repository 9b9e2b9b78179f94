import Foundation
import ReelModel

/// What happens during a run, in order. The CLI's progress display, the server's live
/// channel and the tests all read the same stream.
public enum RunEvent: Sendable {
    /// The run starts with this many nodes.
    case began(total: Int)
    /// Served from the store: the job ran before with the same key.
    case cached(NodeID, NodeOutput)
    /// A runner starts the job (attempt 1, 2…).
    case started(NodeID, attempt: Int)
    /// Picked up a provider job submitted earlier: polling, not paying again.
    case resumed(NodeID, ProviderHandle)
    /// The provider accepted the job; its handle is in the journal.
    case submitted(NodeID, ProviderHandle)
    case progress(NodeID, Double)
    case succeeded(NodeID, NodeOutput, seconds: Double)
    /// Failed in a way that may pass; tries again after `delay` seconds.
    case retrying(NodeID, JobFailure, delay: Double, attempt: Int)
    case failed(NodeID, JobFailure)
    /// Not run: an input failed or the budget would be passed.
    case skipped(NodeID, JobFailure)
    case finished(RunSummary)
}

/// How a run ended.
public struct RunSummary: Sendable {
    /// Every node of the graph, given ones included.
    public var total: Int
    /// Jobs whose output an earlier run made (journal and store).
    public var cached: Int
    /// Nodes handed to the graph with their file (the cast's references, a picked keyframe or
    /// take): inputs, not jobs — nothing was made or reused for them.
    public var given: Int = 0
    public var ran: Int
    public var outputs: [NodeID: NodeOutput]
    public var failures: [NodeID: JobFailure]
    public var skipped: [NodeID: JobFailure]
    /// What this run's jobs cost, one amount per currency (a model priced in yuan, a critic
    /// in dollars), in the order of the currencies' codes; empty when nothing was paid.
    public var spent: [Money]
    public var seconds: Double

    public init(total: Int = 0, cached: Int = 0, ran: Int = 0, outputs: [NodeID: NodeOutput] = [:],
                failures: [NodeID: JobFailure] = [:], skipped: [NodeID: JobFailure] = [:], spent: [Money] = [],
                seconds: Double = 0) {
        self.total = total
        self.cached = cached
        self.ran = ran
        self.outputs = outputs
        self.failures = failures
        self.skipped = skipped
        self.spent = spent
        self.seconds = seconds
    }

    /// True when every node produced its output.
    public var succeeded: Bool { failures.isEmpty && skipped.isEmpty }

    /// This run followed by `next` (a command that runs in steps), told as one.
    public func then(_ next: RunSummary) -> RunSummary {
        var both = next
        both.total += total
        both.cached += cached
        both.given += given
        both.ran += ran
        both.outputs.merge(outputs) { later, _ in later }
        both.failures.merge(failures) { later, _ in later }
        both.skipped.merge(skipped) { later, _ in later }
        both.seconds += seconds
        both.spent = Money.totals(spent + next.spent)
        return both
    }
}
