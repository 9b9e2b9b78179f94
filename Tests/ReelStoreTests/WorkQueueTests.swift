import Foundation
import PostgresNIO
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelStore

/// The studio's work queue on a real PostgreSQL: runs hand jobs over, workers claim them
/// (never one job twice), keep them with a lease, lose them when it runs out, and write a
/// job's end once. Each test queues under a version of its own, so the tests running beside
/// it (and their workers) never see its jobs.
@Suite(.timeLimit(.minutes(3))) struct WorkQueueTests {
    /// Leases no test outlives, however loaded the machine (a lease that runs out is a
    /// takeover, which the tests that want one ask for with a lease already over).
    static let lease = 3600.0

    /// A queue for a new project, and the version its jobs carry.
    static func queue() async throws -> (PostgresWorkQueue, StudioDatabase, version: String) {
        let database = try await TestStudio.shared()
        let version = "test-\(UUID().uuidString.prefix(8))"
        let queue = PostgresWorkQueue(database.project(TestPostgres.uniqueProject("work")), version: version,
                                      setup: #"{"config":""}"#, tick: .milliseconds(10))
        return (queue, database, version)
    }

    static func job(_ n: Int, kind: NodeKind = .conform) -> (GraphNode, JobContext) {
        let node = GraphNode(id: NodeID("job-\(n)"), spec: JobSpec(kind: kind, provider: "ffmpeg", params: .object(["n": .int(Int64(n))])),
                             label: "job \(n)")
        let blobs = try! DirectoryBlobStore(root: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("reel-work-queue-tests"))
        let context = JobContext(key: CacheKey(spec: node.spec, inputs: []), inputs: [], blobs: blobs)
        return (node, context)
    }

    static func output(_ n: Int) -> NodeOutput {
        NodeOutput(asset: Asset(digest: Hashing.sha256("output \(n)"), mediaType: "video/mp4", byteCount: Int64(n)))
    }

    static func worker(_ database: StudioDatabase, version: String, kinds: [String] = []) async throws -> String {
        let id = UUID().uuidString
        try await database.register(WorkerStatus(id: id, name: "w-\(id.prefix(8))", host: "test", pid: 1, version: version, kinds: kinds,
                                                 slots: 2, lease: Self.lease, startedAt: Date(), seenAt: Date()))
        return id
    }

    /// Claims until `count` jobs are claimed (the run queues them as its tasks start).
    static func claimAll(_ database: StudioDatabase, worker: String, version: String, count: Int, lease: Double = lease) async throws -> [WorkClaim] {
        var claimed: [WorkClaim] = []
        while claimed.count < count {
            claimed += try await database.claim(worker: worker, count: count - claimed.count, version: version, kinds: [], lease: lease)
            if claimed.count < count { try await Task.sleep(for: .milliseconds(5)) }
        }
        return claimed
    }

    @Test func workersClaimingTogetherNeverTakeOneJobTwiceAndEveryRunGetsItsOwnAnswer() async throws {
        let (queue, database, version) = try await Self.queue()
        let jobs = (0..<20).map { Self.job($0) }
        let workers = try await (0..<10).asyncMap { _ in try await Self.worker(database, version: version) }
        let answers = Task {
            try await withThrowingTaskGroup(of: (Int, NodeOutput).self) { group in
                for (n, (node, context)) in jobs.enumerated() {
                    group.addTask { (n, try await queue.perform(QueuedJob(node, context: context), context: context)) }
                }
                return try await group.reduce(into: [Int: NodeOutput]()) { $0[$1.0] = $1.1 }
            }
        }
        // Ten workers at once, three at a time each, a few rounds (every claim waits for the
        // studio's claim lock: under a loaded test run, hundreds of them took minutes); then
        // one worker takes what is left.
        let claims = try await withThrowingTaskGroup(of: [(String, WorkClaim)].self) { group in
            for worker in workers {
                group.addTask {
                    var mine: [(String, WorkClaim)] = []
                    for _ in 0..<4 {
                        mine += try await database.claim(worker: worker, count: 3, version: version, kinds: [], lease: Self.lease).map { (worker, $0) }
                        await Task.yield()
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        var rest = claims
        if claims.count < jobs.count {
            rest += try await Self.claimAll(database, worker: workers[0], version: version, count: jobs.count - claims.count).map { (workers[0], $0) }
        }
        #expect(rest.count == jobs.count, "every job claimed once: \(rest.count) claims of \(jobs.count) jobs")
        #expect(Set(rest.map(\.1.ticket)).count == jobs.count, "no job claimed twice")
        for (worker, claim) in rest {
            let n = Int(claim.job.node.rawValue.dropFirst("job-".count))!
            #expect(try await database.finish(claim, worker: worker, with: .success(Self.output(n))))
        }
        let outputs = try await answers.value
        for n in 0..<jobs.count { #expect(outputs[n] == Self.output(n), "job \(n) got its own answer") }
        let statuses = try await database.workerStatuses().filter { $0.version == version }
        #expect(statuses.map(\.done).reduce(0, +) == jobs.count)
    }

    @Test func aJobWhoseLeaseRanOutIsTakenOverAndTheFirstClaimCannotWriteItsEnd() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        let first = try await Self.worker(database, version: version)
        let second = try await Self.worker(database, version: version)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        // A lease that ran out the moment it was given: the worker died, or lost the database.
        let dead = try #require(try await Self.claimAll(database, worker: first, version: version, count: 1, lease: -1).first)
        #expect(!dead.tookOver)
        let taken = try #require(try await database.claim(worker: second, count: 1, version: version, kinds: [], lease: Self.lease).first)
        #expect(taken.tookOver && taken.ticket == dead.ticket && taken.claims == dead.claims + 1)
        // The first comes back to life: its claim is no longer the row's, so its end is not written.
        #expect(try await database.heartbeat(worker: first, holding: [(dead.ticket, 0.5)], lease: Self.lease).isEmpty)
        #expect(try await !database.finish(dead, worker: first, with: .success(Self.output(1))))
        #expect(try await database.heartbeat(worker: second, holding: [(taken.ticket, 0.5)], lease: Self.lease) == [taken.ticket])
        #expect(try await database.finish(taken, worker: second, with: .success(Self.output(2))))
        #expect(try await !database.finish(taken, worker: second, with: .success(Self.output(3))), "an end is written once")
        #expect(try await answer.value == Self.output(2))
        let statuses = try await database.workerStatuses().filter { $0.version == version }
        #expect(statuses.first { $0.id == second }?.tookOver == 1 && statuses.first { $0.id == first }?.done == 0)
    }

    @Test func aFailureReachesTheRunAsTheWorkerClassifiedIt() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        let worker = try await Self.worker(database, version: version)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        #expect(try await database.finish(claim, worker: worker, with: .failure(JobFailure(.moderation, "the provider refused the prompt"))))
        let error = await #expect(throws: JobFailure.self) { try await answer.value }
        #expect(error == JobFailure(.moderation, "the provider refused the prompt"))
    }

    @Test func aRunThatStopsWithdrawsItsJobAndTheWorkerLearnsAtItsHeartbeat() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        let worker = try await Self.worker(database, version: version)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        answer.cancel()
        await #expect(throws: CancellationError.self) { try await answer.value }
        // The withdrawal is written as the run stops; the worker's next heartbeat drops the job.
        var kept: Set<String> = [claim.ticket]
        while !kept.isEmpty {
            kept = try await database.heartbeat(worker: worker, holding: [(claim.ticket, nil)], lease: Self.lease)
            if !kept.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(kept.isEmpty, "the withdrawn job is no longer the worker's")
        #expect(try await !database.finish(claim, worker: worker, with: .success(Self.output(1))))
    }

    @Test func workersOfAnotherVersionAndOtherKindsTakeNothing() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        #expect(try await !queue.hasWorker(for: node), "no worker yet")
        let older = try await Self.worker(database, version: version + "-older")
        let renders = try await Self.worker(database, version: version, kinds: ["conform", "assemble"])
        let fresh = PostgresWorkQueue(database.project(TestPostgres.uniqueProject("work")), version: version, setup: "{}")
        #expect(try await !fresh.hasWorker(for: node), "a worker of another version, and one taking other kinds, do not count")
        let (render, _) = Self.job(2, kind: .conform)
        #expect(try await fresh.hasWorker(for: render))
        // Queued without a run waiting on it (a run would take back a job no worker takes).
        _ = try await queue.enqueue(QueuedJob(node, context: context), blobs: context.blobs)
        #expect(try await database.claim(worker: older, count: 5, version: version + "-older", kinds: [], lease: Self.lease).isEmpty)
        #expect(try await database.claim(worker: renders, count: 5, version: version, kinds: ["conform", "assemble"], lease: Self.lease).isEmpty)
        let any = try await Self.worker(database, version: version)
        #expect(try await database.claim(worker: any, count: 5, version: version, kinds: [], lease: Self.lease).count == 1, "it was there to take")
    }

    @Test func aJobEveryLiveWorkerRefusedComesBackToItsRun() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        let worker = try await Self.worker(database, version: version)
        #expect(try await queue.hasWorker(for: node))
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        // No adapter or key for its provider on that machine.
        try await database.giveBack(claim, worker: worker)
        let error = await #expect(throws: JobFailure.self) { try await answer.value }
        #expect(error?.reason == .transient && error?.message == "no worker of the studio takes it now, so it runs here")
    }

    @Test func aStoppedWorkerGivesItsJobsBackAndIsNoLongerAlive() async throws {
        let (queue, database, version) = try await Self.queue()
        let (node, context) = Self.job(1, kind: .video)
        let leaving = try await Self.worker(database, version: version)
        let staying = try await Self.worker(database, version: version)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: leaving, version: version, count: 1).first)
        try await database.stopWorker(leaving)
        let again = try #require(try await Self.claimAll(database, worker: staying, version: version, count: 1).first)
        #expect(again.ticket == claim.ticket && !again.tookOver, "back in the queue at once, not after a lease")
        #expect(try await database.finish(again, worker: staying, with: .success(Self.output(7))))
        #expect(try await answer.value == Self.output(7))
        let statuses = try await database.workerStatuses().filter { $0.version == version }
        #expect(statuses.first { $0.id == leaving }?.alive == false && statuses.first { $0.id == staying }?.alive == true)
    }

    @Test func aProvidersLimitHoldsForEveryWorkerOfTheStudioTogether() async throws {
        let (_, database, version) = try await Self.queue()
        let provider = ProviderID("team-\(UUID().uuidString.prefix(6))")
        let queue = PostgresWorkQueue(database.project(TestPostgres.uniqueProject("work")), version: version, setup: "{}",
                                      limit: { $0 == provider ? 2 : nil }, tick: .milliseconds(10))
        let jobs = (0..<6).map { n in
            let node = GraphNode(id: NodeID("take-\(n)"), spec: JobSpec(kind: .video, provider: provider, params: ["n": .int(Int64(n))]),
                                 label: "take \(n)")
            return (node, JobContext(key: CacheKey(spec: node.spec, inputs: []), inputs: [], blobs: Self.job(0).1.blobs))
        }
        let workers = try await (0..<5).asyncMap { _ in try await Self.worker(database, version: version) }
        let answers = jobs.map { node, context in Task { try await queue.perform(QueuedJob(node, context: context), context: context) } }
        try await Self.waitQueued(database, version: version, count: 6)
        // Five workers claiming at once, each for all six: the team's account takes two at a time.
        let claimed = try await withThrowingTaskGroup(of: [(String, WorkClaim)].self) { group in
            for worker in workers {
                group.addTask { try await database.claim(worker: worker, count: 6, version: version, kinds: [], lease: Self.lease).map { (worker, $0) } }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == 2, "\(claimed.count) jobs of a provider limited to 2 claimed at once")
        // One ends: one more may start.
        let (worker, first) = try #require(claimed.first)
        #expect(try await database.finish(first, worker: worker, with: .success(Self.output(1))))
        let third = try await database.claim(worker: workers[4], count: 6, version: version, kinds: [], lease: Self.lease)
        #expect(third.count == 1)
        #expect(try await database.claim(worker: workers[2], count: 6, version: version, kinds: [], lease: Self.lease).isEmpty)
        // One only downloading what its provider made (still its worker's) frees its slot too.
        try await database.fetching(try #require(third.first), worker: workers[4])
        #expect(try await database.claim(worker: workers[2], count: 6, version: version, kinds: [], lease: Self.lease).count == 1)
        // The provider asked every one to wait: nothing of it is claimed until then.
        try await database.pause(provider: provider.rawValue, seconds: 600)
        let (second, secondClaim) = claimed[1]
        #expect(try await database.finish(secondClaim, worker: second, with: .failure(JobFailure(.rateLimited, "429"))))
        #expect(try await database.claim(worker: workers[3], count: 6, version: version, kinds: [], lease: Self.lease).isEmpty)
        answers.forEach { $0.cancel() }
    }

    /// Waits until the run has queued `count` jobs of this version.
    static func waitQueued(_ database: StudioDatabase, version: String, count: Int) async throws {
        while try await database.rows("SELECT 1 FROM work WHERE version = \(version) AND state = 'queued'").count < count {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func tenRunsStartingPricedJobsTogetherNeverPassTheStudiosBudget() async throws {
        let database = try await StudioDatabase.connect(try await StudioDatabaseTests.freshDatabase())
        defer { database.close() }
        try await database.setBudget(Money(micros: 5_000_000, currency: "USD"))
        // Ten projects (ten runs, on as many machines), each starting a take priced about $1.
        let results = await withTaskGroup(of: Result<Void, any Error>.self) { group in
            for n in 0..<10 {
                group.addTask {
                    let journal = PostgresJournal(database.project("budget-\(n)"))
                    var node = GraphNode(id: "take", spec: JobSpec(kind: .video, provider: "sim", params: ["n": .int(Int64(n))]))
                    node.estimatedCost = Money(micros: 1_000_000, currency: "USD")
                    return await Result(catching: { try await journal.record(.running, for: CacheKey(spec: node.spec, inputs: []), node: node) })
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let refused = results.compactMap { result -> JobFailure? in
            if case .failure(let error) = result { return error as? JobFailure }
            return nil
        }
        #expect(results.count - refused.count == 5, "five of ten $1 takes start under a $5 budget")
        #expect(refused.count == 5 && refused.allSatisfy { $0.reason == .budget })
        #expect(refused.first?.message == "starting it (about $1.00) would pass the studio's budget of $5.00; $5.00 spent or in flight across the studio")
        let usd = try #require(try await database.budgets().first { $0.currency == "USD" })
        #expect(usd.inFlight == Money(micros: 5_000_000, currency: "USD") && usd.spent == Money(micros: 0, currency: "USD"))
        // A price in another currency than the studio's budget is refused, not let through.
        var yuan = GraphNode(id: "take", spec: JobSpec(kind: .video, provider: "kling", params: ["n": 99]))
        yuan.estimatedCost = Money(micros: 1_000_000, currency: "CNY")
        let other = await #expect(throws: JobFailure.self) {
            try await PostgresJournal(database.project("budget-cny")).record(.running, for: CacheKey(spec: yuan.spec, inputs: []), node: yuan)
        }
        #expect(other?.message == "its price is in CNY but the studio's budget is in USD")
        #expect(try await database.clearBudget(currency: "USD"))
        #expect(try await !database.clearBudget(currency: "USD"))
    }

    @Test func twoNodesOfOneJobWaitForOneRowAndBothGetItsAnswer() async throws {
        let (queue, database, version) = try await Self.queue()
        let worker = try await Self.worker(database, version: version)
        let (node, context) = Self.job(1, kind: .speech)
        var twin = node
        twin.id = "voice:S04-01:2"
        // Its file is in the store, as a worker's is: a twin that comes after the end takes it.
        let made = NodeOutput(asset: try context.blobs.put(Data("made once \(version)".utf8), mediaType: "audio/wav"))
        let first = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let second = Task { try await queue.perform(QueuedJob(twin, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        #expect(try await database.claim(worker: worker, count: 5, version: version, kinds: [], lease: Self.lease).isEmpty, "one row for one job")
        #expect(try await database.finish(claim, worker: worker, with: .success(made)))
        #expect(try await first.value == made)
        #expect(try await second.value == made)
    }

    /// A node that found its twin's job in hand, but began waiting only once the twin was
    /// answered and the row removed (a task slow to be scheduled on a busy machine), takes the
    /// same answer — it was once told the row was replaced, and the job was made and paid again.
    @Test func aTwinThatBeginsWaitingAfterTheJobEndedTakesItsAnswer() async throws {
        let (queue, database, version) = try await Self.queue()
        let worker = try await Self.worker(database, version: version)
        let (node, context) = Self.job(1, kind: .speech)
        var twin = node
        twin.id = "voice:S04-01:2"
        let first = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        // The twin finds the job in hand…
        let handed = try await queue.enqueue(QueuedJob(twin, context: context), blobs: context.blobs)
        let ticket = try #require({ if case .waiting(let ticket) = handed { ticket } else { nil } }(), "the twin finds the job in hand")
        #expect(ticket == claim.ticket)
        // …its worker ends it, the first node is answered and the row removed…
        #expect(try await database.finish(claim, worker: worker, with: .success(Self.output(1))))
        #expect(try await first.value == Self.output(1))
        while try await !database.rows("SELECT 1 FROM work WHERE ticket = \(ticket)").isEmpty { await Task.yield() }
        // …and only then does the twin begin to wait.
        #expect(try await queue.wait(for: ticket, job: QueuedJob(twin, context: context), context: context) == Self.output(1))
    }

    @Test func aJobWithdrawnWhileAWorkerStillHoldsItIsQueuedAgainOnlyOnceTheWorkerLetsGo() async throws {
        let (queue, database, version) = try await Self.queue()
        let (slow, fast) = (try await Self.worker(database, version: version), try await Self.worker(database, version: version))
        let (node, context) = Self.job(1, kind: .video)
        let stopped = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let held = try #require(try await Self.claimAll(database, worker: slow, version: version, count: 1).first)
        stopped.cancel()
        await #expect(throws: CancellationError.self) { try await stopped.value }
        // The run starts again at once: the job waits for the worker that still holds it.
        let again = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        // (Twenty claims: each waits for the studio's claim lock, and under a loaded test run
        // two hundred of them outlasted the test's limit.)
        for _ in 0..<20 {
            #expect(try await database.claim(worker: fast, count: 1, version: version, kinds: [], lease: Self.lease).isEmpty,
                    "nobody else may take it while its worker may be submitting it")
            await Task.yield()
        }
        // Its heartbeat tells the worker; it lets go; the job is queued anew and taken.
        #expect(try await database.heartbeat(worker: slow, holding: [(held.ticket, nil)], lease: Self.lease).isEmpty)
        try await database.release(held, worker: slow)
        let taken = try #require(try await Self.claimAll(database, worker: fast, version: version, count: 1).first)
        #expect(taken.ticket != held.ticket)
        #expect(try await database.finish(taken, worker: fast, with: .success(Self.output(2))))
        #expect(try await again.value == Self.output(2))
    }

    @Test func aJobFinishedForARunThatDiedIsTheNextRunsAnswer() async throws {
        let (queue, database, version) = try await Self.queue()
        let worker = try await Self.worker(database, version: version)
        let (node, context) = Self.job(1, kind: .conform)
        // Queued by a run that died before it read the answer (nobody waits on the row).
        _ = try await queue.enqueue(QueuedJob(node, context: context), blobs: context.blobs)
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        let output = NodeOutput(asset: try context.blobs.put(Data("made by the worker \(version)".utf8), mediaType: "video/mp4"))
        #expect(try await database.finish(claim, worker: worker, with: .success(output)))
        let later = PostgresWorkQueue(queue.project, version: version, setup: "{}", tick: .milliseconds(10))
        #expect(try await later.perform(QueuedJob(node, context: context), context: context) == output)
        // A finished row whose file is gone is made again.
        context.blobs.discard(output.asset)
        let again = Task { try await later.perform(QueuedJob(node, context: context), context: context) }
        let remade = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        #expect(remade.ticket != claim.ticket)
        #expect(try await database.finish(remade, worker: worker, with: .success(Self.output(9))))
        #expect(try await again.value == Self.output(9))
    }

    @Test func aProviderAWorkerCannotRunIsNotHandedToItAgain() async throws {
        let (queue, database, version) = try await Self.queue()
        let worker = try await Self.worker(database, version: version)
        let (node, context) = Self.job(1, kind: .video)
        #expect(try await queue.hasWorker(for: node))
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        try await database.giveBack(claim, worker: worker)
        await #expect(throws: JobFailure.self) { try await answer.value }
        // A new run asks again (its cache of live workers is fresh): that worker is no taker.
        let fresh = PostgresWorkQueue(queue.project, version: version, setup: "{}")
        #expect(try await !fresh.hasWorker(for: node))
        let render = GraphNode(id: "cut", spec: JobSpec(kind: .assemble, provider: "reel"))
        #expect(try await fresh.hasWorker(for: render), "it still takes the project's other work")
    }

    @Test func aJobLetGoByAStoppingWorkerIsQueuedForAnotherAtOnce() async throws {
        let (queue, database, version) = try await Self.queue()
        let (stopping, other) = (try await Self.worker(database, version: version), try await Self.worker(database, version: version))
        let (node, context) = Self.job(1, kind: .video)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        let held = try #require(try await Self.claimAll(database, worker: stopping, version: version, count: 1).first)
        try await database.release(held, worker: stopping)
        let again = try #require(try await Self.claimAll(database, worker: other, version: version, count: 1).first)
        #expect(again.ticket == held.ticket && !again.tookOver, "back in the queue, not left claimed by nobody")
        #expect(try await database.workerStatuses().filter { $0.version == version }.allSatisfy { $0.id != stopping || $0.jobs.isEmpty })
        #expect(try await database.finish(again, worker: other, with: .success(Self.output(3))))
        #expect(try await answer.value == Self.output(3))
    }

    @Test func aWorkerLearnsWhenANewerReelUpgradedTheDatabase() async throws {
        let url = try await StudioDatabaseTests.freshDatabase()
        let database = try await StudioDatabase.connect(url)
        defer { database.close() }
        #expect(try await database.newerSchema().isEmpty)
        try await database.rows("INSERT INTO reel_migration (id, applied_at) VALUES ('v99-from-the-future', 0)", writing: true)
        #expect(try await database.newerSchema() == ["v99-from-the-future"])
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}

extension WorkQueueTests {
    /// A job queued rings the workers' bell, and a job ended the runs' bell, in every process
    /// on the studio (LISTEN/NOTIFY, sent by a trigger on `work`): an idle worker and a
    /// waiting run learn it at once instead of at their next look.
    @Test func aJobQueuedOrEndedRingsItsBellInEveryProcess() async throws {
        // A database of its own: every job of the tests beside it would ring its bells too.
        let url = try await TestPostgres.freshDatabase()
        let database = try await StudioDatabase.connect(url)
        defer { database.close() }
        let listener = try await StudioDatabase.connect(url)
        defer { listener.close() }
        listener.listenForWork()
        await listener.listening()
        let version = "test-\(UUID().uuidString.prefix(8))"
        let queue = PostgresWorkQueue(database.project(TestPostgres.uniqueProject("bells")), version: version,
                                      setup: #"{"config":""}"#, tick: .milliseconds(10))
        let worker = try await Self.worker(database, version: version)
        let (queued, ended) = (listener.jobQueued.rung, listener.jobEnded.rung)
        let (node, context) = Self.job(1)
        let answer = Task { try await queue.perform(QueuedJob(node, context: context), context: context) }
        #expect(await Self.rings(listener.jobQueued, after: queued), "queued: the workers' bell rang")
        #expect(listener.jobEnded.rung == ended, "nothing ended yet")
        let claim = try #require(try await Self.claimAll(database, worker: worker, version: version, count: 1).first)
        #expect(try await database.finish(claim, worker: worker, with: .success(Self.output(1))))
        #expect(await Self.rings(listener.jobEnded, after: ended), "done: the runs' bell rang")
        #expect(try await answer.value == Self.output(1))
    }

    /// Whether `bell` rings past `count` (looked at for a minute at most: a bell that never
    /// rings fails here instead of hanging).
    static func rings(_ bell: Doorbell, after count: Int) async -> Bool {
        for _ in 0..<60 where bell.rung <= count {
            await bell.wait(atMost: .seconds(1))
        }
        return bell.rung > count
    }
}

extension WorkQueueTests {
    /// A worker started again under its name on its host replaces its stopped row in the
    /// list (a service restarted ten times is one worker, not ten).
    @Test func aWorkerStartedAgainReplacesItsStoppedRow() async throws {
        let database = try await TestStudio.shared()
        let (name, version) = ("again-\(UUID().uuidString.prefix(6))", "test-\(UUID().uuidString.prefix(8))")
        func register() async throws -> String {
            let id = UUID().uuidString
            try await database.register(WorkerStatus(id: id, name: name, host: "test", pid: 1, version: version, kinds: [],
                                                     slots: 1, lease: Self.lease, startedAt: Date(), seenAt: Date()))
            return id
        }
        let first = try await register()
        try await database.stopWorker(first)
        #expect(try await database.workerStatuses().filter { $0.name == name }.map(\.id) == [first], "stopped, and listed")
        let second = try await register()
        #expect(try await database.workerStatuses().filter { $0.name == name }.map(\.id) == [second])
        try await database.stopWorker(second)
    }
}
