import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelEngine

@Suite struct ExecutorTests {
    func makeExecutor(_ runner: ScriptedRunner, journal: any JobJournal = InMemoryJournal(), blobs: any BlobStore,
                      options: ExecutorOptions = ExecutorOptions(), sleeper: RecordingSleeper = RecordingSleeper()) -> Executor {
        Executor(runners: registry(runner), journal: journal, blobs: blobs, options: options, sleeper: sleeper)
    }

    @Test func runsEveryNodeAndFeedsOutputsForward() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let runner = ScriptedRunner()
        let summary = try await makeExecutor(runner, blobs: blobs).run(fanInGraph(5))
        #expect(summary.succeeded)
        #expect(summary.ran == 6)
        let sink = try #require(summary.outputs["sink"])
        let text = try String(contentsOf: blobs.url(for: sink.asset), encoding: .utf8)
        let firstInput = try #require(summary.outputs["n0"]).asset.digest.short
        #expect(text.hasPrefix("sink|{}|\(firstInput),"))
    }

    @Test func aSecondRunWithTheSameJournalRunsNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        let runner = ScriptedRunner()
        _ = try await makeExecutor(runner, journal: journal, blobs: blobs).run(fanInGraph(4))
        let again = try await makeExecutor(runner, journal: journal, blobs: blobs).run(fanInGraph(4))
        #expect(again.ran == 0)
        #expect(again.cached == 5)
        #expect(runner.totalCalls == 5)
    }

    @Test func changingOneInputRerunsOnlyItAndWhatDependsOnIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        _ = try await makeExecutor(ScriptedRunner(), journal: journal, blobs: blobs).run(fanInGraph(4))
        var graph = fanInGraph(4)
        var nodes = graph.nodes
        nodes[2].spec.params = ["i": 99]
        graph = JobGraph(nodes)
        let runner = ScriptedRunner()
        let summary = try await makeExecutor(runner, journal: journal, blobs: blobs).run(graph)
        #expect(runner.callCount("n2") == 1)
        #expect(runner.callCount("sink") == 1)
        #expect(runner.totalCalls == 2)
        #expect(summary.cached == 3)
    }

    @Test func aMissingBlobIsNotACacheHit() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        let first = try await makeExecutor(ScriptedRunner(), journal: journal, blobs: blobs).run(fanInGraph(1))
        try FileManager.default.removeItem(at: blobs.url(for: try #require(first.outputs["n0"]).asset))
        let runner = ScriptedRunner()
        _ = try await makeExecutor(runner, journal: journal, blobs: blobs).run(fanInGraph(1))
        #expect(runner.callCount("n0") == 1)
    }

    @Test(.timeLimit(.minutes(1))) func perProviderLimitsHold() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // The first three wait for each other, so the limit is reached however slow the
        // machine is; a fourth at once would show as 4.
        let runner = ScriptedRunner(holdUntil: 3)
        let summary = try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url),
                                             options: ExecutorOptions(limits: ["p": 3])).run(fanInGraph(12))
        #expect(summary.succeeded)
        #expect(runner.maxConcurrent == 3)
    }

    @Test func rateLimitedJobsWaitWhatTheProviderAsksThenSucceed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runner = ScriptedRunner()
        runner.script("n1", [.fail(JobFailure(.rateLimited, "429", retryAfter: 7)),
                             .fail(JobFailure(.rateLimited, "429", retryAfter: 7))])
        let sleeper = RecordingSleeper()
        let (stream, sink) = AsyncStream.makeStream(of: RunEvent.self)
        let summary = try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url), sleeper: sleeper)
            .run(fanInGraph(2), events: sink)
        sink.finish()
        #expect(summary.succeeded)
        #expect(runner.callCount("n1") == 3)
        let waits = await sleeper.waits
        #expect(waits.count == 2)
        #expect(waits.allSatisfy { $0 >= 7 && $0 <= 7.7 })
        var retries = 0
        for await event in stream { if case .retrying = event { retries += 1 } }
        #expect(retries == 2)
    }

    @Test func transientFailuresBackOffExponentiallyAndGiveUp() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runner = ScriptedRunner()
        let boom = JobFailure(.transient, "502")
        runner.script("n0", [.fail(boom), .fail(boom), .fail(boom), .fail(boom), .fail(boom)])
        let sleeper = RecordingSleeper()
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 2, maxDelay: 60)
        let summary = try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url),
                                             options: ExecutorOptions(retry: policy), sleeper: sleeper).run(fanInGraph(2))
        #expect(runner.callCount("n0") == 4)
        #expect(summary.failures["n0"]?.reason == .transient)
        #expect(summary.skipped["sink"]?.reason == .blocked)
        #expect(summary.outputs["n1"] != nil)
        let waits = await sleeper.waits
        #expect(waits.count == 3)
        for (i, wait) in waits.enumerated() {
            let ceiling = 2 * pow(2, Double(i))
            #expect(wait >= ceiling / 2 && wait <= ceiling)
        }
    }

    @Test(arguments: [JobFailure.Reason.moderation, .invalidRequest, .auth])
    func permanentFailuresAreNotRetried(reason: JobFailure.Reason) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runner = ScriptedRunner()
        runner.script("n0", [.fail(JobFailure(reason, "no"))])
        let summary = try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url)).run(fanInGraph(1))
        #expect(runner.callCount("n0") == 1)
        #expect(summary.failures["n0"]?.reason == reason)
    }

    @Test func aJobWhoseProviderHandleWasJournaledResumesByPollingNotSubmitting() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        let handle = ProviderHandle(provider: "p", jobID: "task-1")
        let first = ScriptedRunner()
        // The first run is cut off mid-poll (a timeout with no retries left): the handle stays journaled.
        first.script("n0", [.submitThenFail(handle, JobFailure(.timedOut, "poll timed out"))])
        let options = ExecutorOptions(retry: RetryPolicy(maxAttempts: 1))
        _ = try await makeExecutor(first, journal: journal, blobs: blobs, options: options).run(fanInGraph(1))
        let second = ScriptedRunner()
        let summary = try await makeExecutor(second, journal: journal, blobs: blobs).run(fanInGraph(1))
        #expect(summary.succeeded)
        #expect(second.resumedHandles("n0") == [handle])
    }

    /// The studio database restarting just as a provider accepts a job: the job is paid for,
    /// so the failed write of its id neither fails it nor sends it again — the retry polls it.
    @Test func aProviderJobWhoseIdTheJournalCouldNotTakeIsPolledNotPaidAgain() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let journal = AwayJournal(refusing: { if case .submitted = $0 { true } else { false } })
        let handle = ProviderHandle(provider: "p", jobID: "task-1")
        let runner = ScriptedRunner()
        runner.script("n0", [.submitThenFail(handle, JobFailure(.timedOut, "poll timed out"))])
        let summary = try await makeExecutor(runner, journal: journal, blobs: try DirectoryBlobStore(root: dir.url)).run(fanInGraph(1))
        #expect(summary.succeeded, "\(summary.failures)")
        #expect(runner.callCount("n0") == 2)
        #expect(runner.resumedHandles("n0") == [handle], "the second attempt polls the job the first was given")
        #expect(await journal.refused == 2, "written again when the retry polls it (the journal still away here)")
    }

    /// A result made and stored while the journal is away is not a failed job (which a
    /// later run would replace with a new, paid take): it is tried again and recorded.
    @Test func aResultTheJournalCouldNotTakeIsTriedAgainNotFailed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let journal = AwayJournal(refusing: { if case .succeeded = $0 { true } else { false } }, times: 1)
        let runner = ScriptedRunner()
        let summary = try await makeExecutor(runner, journal: journal, blobs: try DirectoryBlobStore(root: dir.url)).run(fanInGraph(1))
        #expect(summary.succeeded, "\(summary.failures)")
        #expect(runner.callCount("n0") == 2)
        let key = try #require(await journal.inner.entries.first { $0.value.attempts == 2 }?.key)
        #expect(await journal.inner.entry(for: key).map { if case .succeeded = $0.state { true } else { false } } == true)
    }

    @Test func theBudgetCapStopsSubmissionsThatWouldPassIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runner = ScriptedRunner()
        let options = ExecutorOptions(limits: ["p": 1], budgetCap: Money(micros: 2_500_000),
                                      spentBefore: Money(micros: 500_000))
        let summary = try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url), options: options)
            .run(fanInGraph(4, cost: Money(micros: 1_000_000)))
        // $0.50 spent before; two $1.00 jobs fit under $2.50, the third would not.
        #expect(summary.ran == 2)
        #expect(summary.skipped.values.filter { $0.reason == .budget }.count == 2)
        #expect(summary.spent == [Money(micros: 2_000_000)])
        #expect(summary.skipped["sink"] != nil)
    }

    /// A run that pays in two currencies (a model priced in yuan, a critic in dollars) says
    /// both, and two runs joined (make's takes, then its cut) add them up per currency.
    @Test func spendingInTwoCurrenciesIsKeptPerCurrency() {
        let takes = RunSummary(spent: [Money(micros: 400, currency: "CNY"), Money(micros: 100, currency: "USD")])
        let cut = RunSummary(spent: [Money(micros: 50, currency: "USD")])
        #expect(takes.then(cut).spent == [Money(micros: 400, currency: "CNY"), Money(micros: 150, currency: "USD")])
        #expect(RunSummary().then(RunSummary()).spent.isEmpty)
    }

    @Test func anInvalidGraphIsRefusedBeforeAnythingRuns() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runner = ScriptedRunner()
        let graph = JobGraph([GraphNode(id: "a", spec: JobSpec(kind: "work", provider: "p"), inputs: ["ghost"])])
        await #expect(throws: ReelError.self) {
            try await makeExecutor(runner, blobs: try DirectoryBlobStore(root: dir.url)).run(graph)
        }
        #expect(runner.totalCalls == 0)
    }

    @Test func eventsTellTheWholeStoryInOrder() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (stream, sink) = AsyncStream.makeStream(of: RunEvent.self)
        _ = try await makeExecutor(ScriptedRunner(), blobs: try DirectoryBlobStore(root: dir.url))
            .run(fanInGraph(2), events: sink)
        sink.finish()
        var names: [String] = []
        for await event in stream {
            switch event {
            case .began: names.append("began")
            case .started(let id, _): names.append("started \(id)")
            case .succeeded(let id, _, _): names.append("succeeded \(id)")
            case .finished: names.append("finished")
            default: break
            }
        }
        #expect(names.first == "began")
        #expect(names.last == "finished")
        #expect(names.filter { $0.hasPrefix("succeeded") }.count == 3)
        #expect(names.firstIndex(of: "started sink")! > names.firstIndex(of: "succeeded n0")!)
    }
}

extension ExecutorTests {
    @Test func refreshedNodesRunEvenWhenCached() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let journal = InMemoryJournal()
        _ = try await makeExecutor(ScriptedRunner(), journal: journal, blobs: blobs).run(fanInGraph(3))
        let runner = ScriptedRunner()
        var options = ExecutorOptions()
        options.refresh = ["n1"]
        let summary = try await makeExecutor(runner, journal: journal, blobs: blobs, options: options).run(fanInGraph(3))
        #expect(runner.callCount("n1") == 1)
        // n1 makes the same bytes again, so the sink's key is unchanged: it stays cached.
        #expect(runner.totalCalls == 1)
        #expect(summary.cached == 3)
    }
}

/// A journal whose writes of some states fail as a database restarting fails them.
actor AwayJournal: JobJournal {
    let inner = InMemoryJournal()
    let refusing: @Sendable (JobState) -> Bool
    var left: Int
    private(set) var refused = 0

    init(refusing: @escaping @Sendable (JobState) -> Bool, times: Int = .max) {
        self.refusing = refusing
        left = times
    }

    func entry(for key: CacheKey) async throws -> JournalEntry? { await inner.entry(for: key) }

    func record(_ state: JobState, for key: CacheKey, node: GraphNode) async throws {
        if left > 0, refusing(state) {
            left -= 1
            refused += 1
            throw ReelError(.unavailable, "cannot write the studio database: terminating connection due to administrator command")
        }
        await inner.record(state, for: key, node: node)
    }
}
