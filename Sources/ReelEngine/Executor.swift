import Foundation
import ReelModel

/// Runs a job graph: concurrent up to each provider's limit, critical path first, each
/// job served from the journal when its key was done before, retried when it may pass,
/// and every transition journaled before it is acted on.
///
/// ```swift
/// let (events, sink) = AsyncStream.makeStream(of: RunEvent.self)
/// async let shown: Void = { for await event in events { display(event) } }()
/// let summary = try await executor.run(graph, events: sink)
/// sink.finish()   // the caller's job: several runs may share one stream
/// await shown
/// ```
public struct Executor: Sendable {
    public let runners: RunnerRegistry
    public let journal: any JobJournal
    public let blobs: any BlobStore
    public let options: ExecutorOptions
    public let sleeper: any Sleeper

    public init(runners: RunnerRegistry, journal: any JobJournal, blobs: any BlobStore,
                options: ExecutorOptions = ExecutorOptions(), sleeper: any Sleeper = TaskSleeper()) {
        self.runners = runners
        self.journal = journal
        self.blobs = blobs
        self.options = options
        self.sleeper = sleeper
    }

    /// Runs every node whose inputs succeed. Job failures are reported in the summary (and
    /// the events), not thrown; this throws for an invalid graph, a journal that cannot be
    /// written, or cancellation. The caller finishes `events` (a command may run several
    /// graphs into one display).
    public func run(_ graph: JobGraph, events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> RunSummary {
        let problems = graph.validate { $0.given != nil || runners.runner(for: $0) != nil }
        guard problems.isEmpty else {
            throw ReelError(.internalError, "the job graph cannot run:\n" + problems.map { "  \($0)" }.joined(separator: "\n"),
                            hint: "this is a bug in Reel; please report it with the command you ran")
        }
        var run = RunState(graph: graph, options: options)
        events?.yield(.began(total: graph.count))
        try await withThrowingTaskGroup(of: ChildResult.self) { group in
            try await pump(&run, group: &group, events: events)
            while let result = try await group.next() {
                try await handle(result, &run, group: &group, events: events)
                try await pump(&run, group: &group, events: events)
            }
        }
        run.summary.seconds = run.clock.duration(to: .now).seconds
        run.summary.total = graph.count
        events?.yield(.finished(run.summary))
        return run.summary
    }

    // MARK: - Scheduling

    /// Starts every ready node it can: given and cached nodes complete at once (they take
    /// no slot), others start while their provider has a free slot. Each node is looked up
    /// once, when it becomes ready, in a batch with the others that became ready with it.
    private func pump(_ run: inout RunState, group: inout ThrowingTaskGroup<ChildResult, any Error>,
                      events: AsyncStream<RunEvent>.Continuation?) async throws {
        var progressed = true
        while progressed {
            progressed = false
            try await prefetch(&run)
            let reusable = run.reusable.sorted { run.position($0) < run.position($1) }
            run.reusable = []
            for id in reusable {
                finishWithoutRunning(id, &run, events)
                progressed = true
            }
            if progressed { continue }
            for provider in run.state.readyProviders {
                while let id = run.state.peek(provider), run.running[provider, default: 0] < options.limit(for: provider) {
                    let node = run.graph[id]!
                    if let refusal = run.budgetRefusal(for: node) {
                        run.summary.skipped[id] = refusal
                        events?.yield(.skipped(id, refusal))
                        let blocked = JobFailure(.blocked, "an input (\(id)) was not run: over budget")
                        run.state.fail(id).forEach { skip($0, blocked, &run, events) }
                        progressed = true
                        continue
                    }
                    let resolved = try await resolve(node, &run)
                    run.state.start(id)
                    run.running[provider, default: 0] += 1
                    run.committed[id] = node.estimatedCost
                    run.attempts[id, default: 0] += 1
                    let attempt = run.attempts[id]!
                    let inputs = node.inputs.map { run.outputs[$0]!.asset }
                    let entry = resolved.entry
                    let key = resolved.key
                    let job = JobRun(key: key, entry: entry, inputs: inputs, attempt: attempt, verified: run.verified, inHand: run.inHand)
                    group.addTask { await self.runJob(node, job, events: events) }
                    progressed = true
                }
            }
        }
    }

    /// Completes a node whose output exists: given, or in the journal and the store.
    private func finishWithoutRunning(_ id: NodeID, _ run: inout RunState, _ events: AsyncStream<RunEvent>.Continuation?) {
        let node = run.graph[id]!
        let output: NodeOutput
        if let given = node.given {
            guard blobs.contains(given.asset) else {
                let missing = JobFailure(.invalidRequest, "the file of \(node.label) (\(given.asset.digest.short)) is missing from the media store")
                run.summary.failures[id] = missing
                events?.yield(.failed(id, missing))
                let blocked = JobFailure(.blocked, "an input (\(id)) failed")
                run.state.fail(id).forEach { skip($0, blocked, &run, events) }
                return
            }
            output = given
        } else if case .succeeded(let stored)? = run.resolved[id]?.entry?.state {
            output = stored
        } else {
            return
        }
        run.complete(id, output)
        if node.given != nil {
            run.summary.given += 1
        } else {
            run.summary.cached += 1
            run.fromCache.insert(id)
        }
        events?.yield(.cached(id, output))
    }

    /// Looks up, in one journal call, the nodes that became ready since the last call, and
    /// sets aside those whose output already exists.
    private func prefetch(_ run: inout RunState) async throws {
        guard !run.newlyReady.isEmpty else { return }
        var pending: [(NodeID, CacheKey)] = []
        for id in run.newlyReady where run.state.status[id] == .ready {
            guard let node = run.graph[id] else { continue }
            if node.given != nil {
                run.reusable.insert(id)
            } else if run.resolved[id] == nil {
                pending.append((id, CacheKey(spec: node.spec, inputs: node.inputs.map { run.outputs[$0]!.asset.digest })))
            }
        }
        run.newlyReady = []
        guard !pending.isEmpty else { return }
        let entries = try await journal.entries(for: pending.map(\.1))
        for (id, key) in pending {
            run.resolved[id] = (key, entries[key])
            if run.isCached(id, blobs, options) { run.reusable.insert(id) }
        }
    }

    /// The node's cache key (its inputs are done) and the journal's record of it.
    private func resolve(_ node: GraphNode, _ run: inout RunState) async throws -> (key: CacheKey, entry: JournalEntry?) {
        if let known = run.resolved[node.id] { return known }
        let key = CacheKey(spec: node.spec, inputs: node.inputs.map { run.outputs[$0]!.asset.digest })
        let entry = try await journal.entry(for: key)
        run.resolved[node.id] = (key, entry)
        return (key, entry)
    }

    private func handle(_ result: ChildResult, _ run: inout RunState,
                        group: inout ThrowingTaskGroup<ChildResult, any Error>,
                        events: AsyncStream<RunEvent>.Continuation?) async throws {
        switch result {
        case .woke(let id):
            run.state.wake(id)
            run.newlyReady.append(id)
        case .provided(let id, let key, let started, let refetching, let fetch):
            release(id, &run)
            run.fetching.insert(id)
            let node = run.graph[id]!
            let inHand = run.inHand
            group.addTask { await self.fetchJob(node, key: key, started: started, refetching: refetching, inHand: inHand, fetch: fetch) }
        case .finished(let id, let output, let seconds):
            release(id, &run)
            run.committed[id] = nil
            run.complete(id, output)
            run.summary.ran += 1
            if let cost = output.cost { run.spend(cost) }
            events?.yield(.succeeded(id, output, seconds: seconds))
        case .failed(let id, let failure):
            release(id, &run)
            run.committed[id] = nil
            // Paid although it failed (a critic's unreadable replies): counted against the cap.
            if let cost = failure.cost { run.spend(cost) }
            // The journal may have moved on (a handle recorded); look again next time.
            run.resolved[id] = nil
            let attempt = run.attempts[id, default: 1]
            if failure.reason == .rateLimited { run.rateLimited[id, default: 0] += 1 }
            if options.retry.allowsRetry(failure, attempt: attempt, rateLimited: run.rateLimited[id, default: 0]) {
                let delay = options.retry.delay(after: failure, attempt: attempt, unit: run.random.unit())
                run.state.delay(id)
                events?.yield(.retrying(id, failure, delay: delay, attempt: attempt))
                let sleeper = self.sleeper
                group.addTask {
                    try await sleeper.sleep(seconds: delay)
                    return .woke(id)
                }
            } else {
                run.summary.failures[id] = failure
                events?.yield(.failed(id, failure))
                let blocked = JobFailure(.blocked, "an input (\(id)) failed")
                run.state.fail(id).forEach { skip($0, blocked, &run, events) }
            }
        case .damaged(let id, let producers):
            release(id, &run)
            run.committed[id] = nil
            run.attempts[id, default: 1] -= 1
            repairInputs(of: id, producers, &run, events)
        case .cancelled:
            throw CancellationError()
        }
    }

    /// Frees the job's provider slot (once: a job that was fetching has freed it already).
    func release(_ id: NodeID, _ run: inout RunState) {
        guard run.fetching.remove(id) == nil else { return }
        let provider = run.graph[id]!.spec.provider
        run.running[provider, default: 1] -= 1
    }

    func skip(_ id: NodeID, _ failure: JobFailure, _ run: inout RunState,
                      _ events: AsyncStream<RunEvent>.Continuation?) {
        run.summary.skipped[id] = failure
        events?.yield(.skipped(id, failure))
    }

    // MARK: - One job

    private func runJob(_ node: GraphNode, _ job: JobRun, events: AsyncStream<RunEvent>.Continuation?) async -> ChildResult {
        let started = ContinuousClock.now
        let (key, entry, inputs, attempt) = (job.key, job.entry, job.inputs, job.attempt)
        // Bytes are trusted by their name only after they hash to it: a damaged input is
        // made again (or fetched again) before this job may read it.
        let damaged = Set(inputs.indices.filter { !job.verified.check(inputs[$0], in: blobs) }.map { node.inputs[$0] })
        if !damaged.isEmpty { return .damaged(node.id, node.inputs.filter(damaged.contains)) }
        var resume: ProviderHandle?
        switch entry?.state {
        case .submitted(let handle)?: resume = handle
        // A stored result that turned out damaged: fetch it again from the provider's job.
        case .succeeded(let output)?: resume = output.source
        // An earlier attempt of this run was given a provider job it could not journal.
        default: resume = job.inHand.handle(for: key)
        }
        let refetching = resume != nil && entry.map { if case .succeeded = $0.state { true } else { false } } == true
        let idempotencyKey = (entry ?? JournalEntry(key: key, state: .pending, attempts: 0)).idempotencyKey
        let inHand = job.inHand
        return await conclude(node, key: key, started: started, refetching: refetching, inHand: inHand) {
            if let resume, refetching {
                // Polled again like a submitted job, so a retry keeps the provider's job.
                try await journal.record(.submitted(resume), for: key, node: node)
                events?.yield(.resumed(node.id, resume))
            } else if let resume {
                if case .submitted? = entry?.state {} else {
                    // In hand only (its write failed before): written now if the journal is
                    // back, so a later run — or a worker — polls it too.
                    try? await journal.record(.submitted(resume), for: key, node: node)
                }
                events?.yield(.resumed(node.id, resume))
            } else {
                try await journal.record(.running, for: key, node: node)
                events?.yield(.started(node.id, attempt: attempt))
            }
            let journal = self.journal
            let context = JobContext(
                key: key, inputs: inputs, blobs: blobs, attempt: attempt, resume: resume, idempotencyKey: idempotencyKey,
                onSubmitted: { handle in
                    inHand.keep(handle, for: key)
                    events?.yield(.submitted(node.id, handle))
                    // The job is paid for: a journal that cannot take its id down (a database
                    // restarting) does not fail it. The run polls the job it holds (its retries
                    // too, writing the id once the journal is back).
                    try? await journal.record(.submitted(handle), for: key, node: node)
                },
                onProgress: { fraction in events?.yield(.progress(node.id, fraction)) })
            guard let runner = runners.runner(for: node) else {
                throw JobFailure(.failed, "no runner for \(node.spec.kind)")
            }
            return try await runner.start(node, context: context)
        }
    }

    /// The rest of a job whose provider is done (its download), run without the slot.
    private func fetchJob(_ node: GraphNode, key: CacheKey, started: ContinuousClock.Instant, refetching: Bool,
                          inHand: HandlesInHand, fetch: @escaping @Sendable () async throws -> NodeOutput) async -> ChildResult {
        await conclude(node, key: key, started: started, refetching: refetching, inHand: inHand) { .done(try await fetch()) }
    }

    /// Runs `body` and turns its end into a child result: an output checked and journaled,
    /// a step to finish without the slot, or a classified failure.
    private func conclude(_ node: GraphNode, key: CacheKey, started: ContinuousClock.Instant, refetching: Bool,
                          inHand: HandlesInHand, _ body: () async throws -> RunnerStep) async -> ChildResult {
        do {
            switch try await body() {
            case .fetch(let fetch):
                return .provided(node.id, key: key, started: started, refetching: refetching, fetch: fetch)
            case .done(let output):
                guard blobs.contains(output.asset) else {
                    throw JobFailure(.failed, "the runner reported \(output.asset.digest.short) but the store does not hold it")
                }
                do {
                    try await journal.record(.succeeded(output), for: key, node: node)
                } catch let error as ReelError where [.unavailable, .cannotWrite].contains(error.code) {
                    // Made, stored and paid for: a journal that cannot be written for a moment
                    // (a database restarting) is not the job's failure. The retry polls the
                    // provider's job again, never a new one.
                    if let source = output.source { inHand.keep(source, for: key) }
                    throw JobFailure(.transient, "its result could not be journaled: \(error.message)")
                }
                inHand.drop(key)
                return .finished(node.id, output, seconds: started.duration(to: .now).seconds)
            }
        } catch is CancellationError {
            return .cancelled
        } catch {
            var failure = JobFailure.classify(error)
            if Task.isCancelled { return .cancelled }
            if refetching, failure.reason == .expired {
                // Its stored file was lost or damaged; never pay for it again silently.
                failure = JobFailure(.failed, "its stored file was missing or damaged and the provider's result can no longer "
                                     + "be fetched (\(failure.message)); make a new take to replace it")
            }
            // A retryable failure while a provider job is in hand keeps the handle, so the
            // next attempt polls it; anything else is recorded as failed.
            let keepsHandle = failure.reason.isRetryable && failure.reason != .expired
            let handleInHand = keepsHandle ? await hasHandle(key, inHand) : false
            if !handleInHand {
                inHand.drop(key)
                try? await journal.record(.failed(failure), for: key, node: node)
            }
            return .failed(node.id, failure)
        }
    }

    private func hasHandle(_ key: CacheKey, _ inHand: HandlesInHand) async -> Bool {
        if inHand.handle(for: key) != nil { return true }
        if case .submitted = (try? await journal.entry(for: key))?.state { return true }
        return false
    }
}

/// What a child task of the run reports.
enum ChildResult: Sendable {
    case finished(NodeID, NodeOutput, seconds: Double)
    /// The provider is done; the download is still to run (without the slot).
    case provided(NodeID, key: CacheKey, started: ContinuousClock.Instant, refetching: Bool,
                  fetch: @Sendable () async throws -> NodeOutput)
    case failed(NodeID, JobFailure)
    case woke(NodeID)
    /// The job did not start: the files of these inputs do not hash to their names.
    case damaged(NodeID, [NodeID])
    case cancelled
}

/// The mutable state of one run, owned by the executor's loop.
struct RunState {
    let graph: JobGraph
    let options: ExecutorOptions
    var state: SchedulerState
    var outputs: [NodeID: NodeOutput] = [:]
    var resolved: [NodeID: (key: CacheKey, entry: JournalEntry?)] = [:]
    var running: [ProviderID: Int] = [:]
    /// Jobs whose provider is done and whose download runs without a slot.
    var fetching: Set<NodeID> = []
    var attempts: [NodeID: Int] = [:]
    /// Of those attempts, the ones answered "too many requests".
    var rateLimited: [NodeID: Int] = [:]
    /// Estimated costs of jobs running now.
    var committed: [NodeID: Money?] = [:]
    var spentByCurrency: [String: Int64] = [:]
    var summary = RunSummary()
    var random: SeededRandom
    let clock = ContinuousClock.now

    /// Nodes that became ready and have not been looked up yet.
    var newlyReady: [NodeID]
    /// Ready nodes whose output exists (given, or cached): they complete without a slot.
    var reusable: Set<NodeID> = []
    /// Nodes completed from the store this run.
    var fromCache: Set<NodeID> = []
    /// Nodes made again this run because their stored file was damaged (once each).
    var repaired: Set<NodeID> = []
    /// Blobs hashed this run and found whole.
    let verified = VerifiedBlobs()
    let inHand = HandlesInHand()
    private var order: [NodeID: Int] = [:]

    init(graph: JobGraph, options: ExecutorOptions) {
        self.graph = graph
        self.options = options
        self.state = SchedulerState(graph: graph)
        self.random = SeededRandom(seed: options.jitterSeed)
        self.newlyReady = state.ready
        for (i, node) in graph.nodes.enumerated() where order[node.id] == nil { order[node.id] = i }
    }

    func position(_ id: NodeID) -> Int { order[id] ?? 0 }

    /// Records a node's output and queues the nodes it unblocked for lookup.
    mutating func complete(_ id: NodeID, _ output: NodeOutput) {
        newlyReady += state.complete(id)
        outputs[id] = output
        summary.outputs[id] = output
    }

    /// True when the journal says the node succeeded before and its file is in the store.
    func isCached(_ id: NodeID, _ blobs: any BlobStore, _ options: ExecutorOptions) -> Bool {
        guard !options.refresh.contains(id), case .succeeded(let output)? = resolved[id]?.entry?.state else { return false }
        return blobs.contains(output.asset)
    }

    mutating func spend(_ cost: Money) {
        spentByCurrency[cost.currency, default: 0] += cost.micros
        summary.spent = spentByCurrency.keys.sorted().map { Money(micros: spentByCurrency[$0]!, currency: $0) }
    }

    /// Why `node` may not start under the budget cap, or nil when it may.
    func budgetRefusal(for node: GraphNode) -> JobFailure? {
        guard let cap = options.budgetCap, let estimate = node.estimatedCost, estimate.micros > 0 else { return nil }
        guard estimate.currency == cap.currency else {
            return JobFailure(.budget, "its price is in \(estimate.currency) but the budget cap is in \(cap.currency)")
        }
        let before = options.spentBefore?.currency == cap.currency ? options.spentBefore!.micros : 0
        let spent = spentByCurrency[cap.currency, default: 0]
        let inFlight = committed.values.compactMap { $0 }.filter { $0.currency == cap.currency }.reduce(0) { $0 + $1.micros }
        let total = before + spent + inFlight + estimate.micros
        guard total > cap.micros else { return nil }
        let committedNow = Money(micros: before + spent + inFlight, currency: cap.currency)
        return JobFailure(.budget, "starting it (about \(estimate)) would pass the budget cap of \(cap); \(committedNow) spent or committed")
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
