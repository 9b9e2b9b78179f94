import Foundation
import ReelModel

/// The simulated provider's books: jobs, the line for running slots, idempotency keys,
/// counters. A value, changed under the server's lock; time only moves when a request
/// arrives, so the queue is worked out exactly from when each job could start and finish.
struct SimulationState: Sendable {
    let config: SimulationConfig
    private(set) var jobs: [String: SimulatedJob] = [:]
    private var waiting: [String] = []
    private var running: [String] = []
    private var byKey: [String: String] = [:]
    private var byToken: [String: String] = [:]
    private var requestNumbers: [ScriptedFault.Endpoint: Int] = [:]
    private var sends: [String: Int] = [:]
    /// Names jobs and links; differs per server so ids never collide across restarts.
    private var names: SeededRandom
    var scripted: [ScriptedFault] = []
    var counters = SimulationCounters()
    /// `POST /v1/images` answers by idempotency key (the still's cache name), so a retried
    /// call gets the still it paid for instead of paying again.
    var imagesByKey: [String: (body: String, number: Int)] = [:]

    init(config: SimulationConfig, instance: UInt64) {
        self.config = config
        self.names = SeededRandom(seed: instance)
        self.scripted = config.faults.scripted
    }

    /// Counts a request to `endpoint` and returns its number, from 1.
    mutating func nextRequest(_ endpoint: ScriptedFault.Endpoint) -> Int {
        requestNumbers[endpoint, default: 0] += 1
        switch endpoint {
        case .create: counters.createRequests += 1
        case .poll: counters.pollRequests += 1
        case .download: counters.downloads += 1
        }
        return requestNumbers[endpoint]!
    }

    /// Requests to `endpoint` so far.
    func requestCount(_ endpoint: ScriptedFault.Endpoint) -> Int { requestNumbers[endpoint, default: 0] }

    /// The fault, if any, for request `number` to `endpoint`; `identity` names the request
    /// stably (its key and how often it was sent).
    func fault(_ endpoint: ScriptedFault.Endpoint, number: Int, identity: String) -> SimulatedFault? {
        var plan = config.faults
        plan.scripted = scripted
        return plan.fault(for: endpoint, number: number, identity: identity, seed: config.seed)
    }

    mutating func count(_ fault: SimulatedFault) { counters.faults[fault.kind, default: 0] += 1 }

    /// How many times a create with this identity has been sent, this one included.
    mutating func send(_ identity: String) -> Int {
        sends[identity, default: 0] += 1
        return sends[identity]!
    }

    func job(forKey key: String) -> SimulatedJob? { byKey[key].flatMap { jobs[$0] } }
    func job(id: String) -> SimulatedJob? { jobs[id] }
    func job(token: String) -> SimulatedJob? { byToken[token].flatMap { jobs[$0] } }

    mutating func update(_ job: SimulatedJob) { jobs[job.id] = job }

    /// Makes a job and puts it in line; call ``advance(to:)`` first.
    mutating func create(_ request: SimulatedGenerationRequest, key: String?, identity: String, now: Date,
                         failureCode: String?, linkExpired: Bool, defect: ClipDefect? = nil) -> SimulatedJob {
        var random = SeededRandom(seed: config.seed, stream: "job|\(identity)")
        let latency = random.double(in: config.latency)
        let seconds = Double(request.durationMilliseconds) / 1000
        let job = SimulatedJob(
            id: "gen_" + Self.hex(names.next()), request: request, idempotencyKey: key, identity: identity, createdAt: now,
            latency: latency, failureCode: failureCode, linkExpired: linkExpired, defect: defect,
            token: Self.hex(names.next()) + Self.hex(names.next()), cost: config.pricePerSecond * seconds)
        jobs[job.id] = job
        byToken[job.token] = job.id
        if let key {
            byKey[key] = job.id
            counters.jobsPerIdempotencyKey[key, default: 0] += 1
        }
        counters.createdJobs += 1
        // It starts on the next look at the clock (at `now` when a slot is free), so the
        // answer to the create always says `queued`.
        waiting.append(job.id)
        return job
    }

    /// Position in line (from 1) of a queued job.
    func queuePosition(_ id: String) -> Int? { waiting.firstIndex(of: id).map { $0 + 1 } }

    /// Moves the simulation to `now`: running jobs whose time is up finish (in the order
    /// they finish), and each freed slot goes to the next job in line at the moment it freed.
    mutating func advance(to now: Date) {
        startWaiting(freedAt: nil)
        while let next = running.compactMap({ id in jobs[id].flatMap { job in job.finishesAt.map { (id, $0) } } })
            .min(by: { $0.1 < $1.1 }), next.1 <= now {
            finish(next.0, at: next.1)
            startWaiting(freedAt: next.1)
        }
    }

    private mutating func finish(_ id: String, at time: Date) {
        running.removeAll { $0 == id }
        guard var job = jobs[id] else { return }
        job.phase = job.failureCode == nil ? .succeeded : .failed
        job.finishedAt = time
        jobs[id] = job
    }

    private mutating func startWaiting(freedAt time: Date?) {
        while running.count < max(1, config.concurrency), !waiting.isEmpty {
            let id = waiting.removeFirst()
            guard var job = jobs[id] else { continue }
            job.phase = .running
            job.startedAt = max(job.createdAt, time ?? job.createdAt)
            jobs[id] = job
            running.append(id)
        }
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
