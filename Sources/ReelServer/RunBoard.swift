import Foundation
import Logging
import ReelEngine
import ReelModel
import ReelStore
import ReelStudio

/// How far a run has got, from its events: jobs done of all, what finished jobs cost, and
/// the failures with their reasons. The run panel and MCP's progress both read it.
struct RunProgress: Codable, Sendable, Hashable {
    /// Jobs in the run (known once it began).
    var total: Int?
    /// Jobs done: made, reused, failed for good or skipped.
    var done = 0
    /// What the jobs made so far cost.
    var spent: [Money] = []
    var failures: [Failure] = []

    struct Failure: Codable, Sendable, Hashable {
        var job: String
        var reason: String
    }

    /// Takes in the event; true when it moved the run on.
    mutating func handle(_ event: RunEvent) -> Bool {
        switch event {
        // A command that runs in steps (`make`: the models' takes, then the film) begins more than once.
        case .began(let count): total = done + count; return true
        case .cached: done += 1
        case .succeeded(_, let output, _):
            done += 1
            if let cost = output.cost { spent = Money.totals(spent + [cost]) }
        case .failed(let node, let failure), .skipped(let node, let failure):
            done += 1
            failures.append(Failure(job: node.rawValue, reason: failure.description))
        default: return false
        }
        return true
    }
}

/// A run the server started — a generate from a browser — as the run panel shows it.
struct RunView: Codable, Sendable, Hashable {
    var id: Int
    var command: String
    /// `running`, `stopping` (someone asked it to stop; jobs in hand are being let go),
    /// `finished` (every job done; some may have failed: see `progress`) or `stopped` (it
    /// could not go on, or was stopped: `error` says why).
    var state: String
    /// Who asked it to stop, when someone did.
    var stoppedBy: String?
    /// The shots asked for, as patterns; empty for every shot.
    var shots: [String]
    var startedAt: Date
    var finishedAt: Date?
    /// What the estimate said before it started.
    var estimate: [Money]
    var progress: RunProgress
    /// What it did, once finished: a generate's report, a render's film (its name in `renders/`).
    var report: GenerateReport?
    var film: String?
    /// Why it stopped, as a problem says it.
    var error: String?
    var hint: String?
}

/// The run panel's answer: the project's latest run in this server, the takes left
/// unfinished by a run that was cut short (a restart, a crash) to resume, and the money.
struct RunPanel: Codable, Sendable {
    var run: RunView?
    /// Shots with takes a run left unfinished, when no run is going: a run with `resume`
    /// resumes exactly these (polling what was submitted, paying nothing twice; adding none).
    var unfinished: [String]
    /// Another process running the project now (`reel make on render-2 pid 4242`): its
    /// takes are in hand, so none is offered to resume.
    var elsewhere: String?
    var spent: [Money]
    var budgetCap: Money?
    /// The films cut into `renders/`, newest first (`GET …/downloads/{name}` plays one).
    var films: [String]
}

/// The runs of one server: at most one per project at a time (a second is refused with the
/// one going on), the latest of each kept for the run panel. Runs go on in the server's own
/// tasks, so closing the browser does not stop them.
actor RunBoard {
    private var latest: [String: RunView] = [:]
    private var active: Set<String> = []
    /// What stops each project's run (cancels the task doing it).
    private var tasks: [String: @Sendable () -> Void] = [:]
    private var waiting: [String: [Int: CheckedContinuation<Void, Never>]] = [:]
    private var idle: [CheckedContinuation<Void, Never>] = []
    private var waiters = 0
    private var next = 1

    /// Claims the project for a run, or refuses while another goes on.
    func begin(_ project: String, command: String, shots: [String], estimate: [Money]) throws -> RunView {
        if active.contains(project), let going = latest[project] {
            throw ReelError(.temporary, "a \(going.command) is going on \(project) (run \(going.id), \(going.progress.done) of \(going.progress.total.map(String.init) ?? "?") jobs done)",
                            hint: "wait for it to finish; the run panel shows its progress")
        }
        let run = RunView(id: next, command: command, state: "running", shots: shots, startedAt: Date(), estimate: estimate,
                          progress: RunProgress())
        next += 1
        active.insert(project)
        latest[project] = run
        return run
    }

    /// The task doing the project's run (``stop(_:by:)`` cancels it).
    func attach(_ project: String, _ task: Task<Void, Never>) {
        if active.contains(project) { tasks[project] = { task.cancel() } }
    }

    /// Asks the project's run to stop: no job starts any more, the ones in hand are let go
    /// (a provider's job already submitted stays in the journal: *Resume* fetches it, and
    /// nothing is paid twice). Answers the run, `stopping` until it has ended.
    func stop(_ project: String, by who: String?) throws -> RunView {
        guard active.contains(project), var run = latest[project] else {
            throw ReelError(.temporary, "no run is going on in \(project)", hint: "the run panel shows the last one")
        }
        if run.state == "running" {
            run.state = "stopping"
            run.stoppedBy = who ?? "someone"
            latest[project] = run
            tasks[project]?()
        }
        return run
    }

    func handle(_ project: String, _ event: RunEvent) {
        guard var run = latest[project], run.state == "running" || run.state == "stopping" else { return }
        if run.progress.handle(event) { latest[project] = run }
    }

    /// Ends the project's run, with what it did or why it stopped; the error it ended with
    /// (a stopped run's says who stopped it).
    @discardableResult
    func end(_ project: String, report: GenerateReport? = nil, film: String? = nil, error: ReelError?) -> ReelError? {
        tasks[project] = nil
        var error = error
        if var run = latest[project] {
            if let who = run.stoppedBy {
                // (A run waited on in one call counts no jobs here: its progress goes to its caller.)
                let at = run.progress.total.map { " at \(run.progress.done) of \($0) jobs" } ?? ""
                error = ReelError(.temporary, "stopped by \(who)\(at)",
                                  hint: "takes already submitted to a provider are kept: Resume fetches them, and pays nothing twice")
            }
            run.state = error == nil ? "finished" : "stopped"
            run.finishedAt = Date()
            run.report = report
            run.film = film
            run.error = error.map { ($0.location.map { "\(Problem.shown($0)): " } ?? "") + $0.message }
            run.hint = error?.hint
            latest[project] = run
        }
        active.remove(project)
        for (_, waiter) in waiting.removeValue(forKey: project) ?? [:] { waiter.resume() }
        if active.isEmpty { for waiter in idle { waiter.resume() }; idle = [] }
        return error
    }

    func run(of project: String) -> RunView? { latest[project] }

    /// What the live view adds to the project's change token, so a run's progress and its
    /// end reach the browsers even when the database did not change with them.
    func signature(of project: String) -> String {
        guard let run = latest[project] else { return "" }
        return "-r\(run.id).\(run.state).\(run.progress.done)"
    }

    func isRunning(_ project: String) -> Bool { active.contains(project) }

    /// Returns once no run goes on in the project (at once when none does), or when the
    /// waiting task is cancelled (a client that left, a server stopping).
    func waitUntilIdle(_ project: String) async {
        guard active.contains(project) else { return }
        waiters += 1
        let id = waiters
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || !active.contains(project) { return continuation.resume() }
                waiting[project, default: [:]][id] = continuation
            }
        } onCancel: {
            Task { await self.stopWaiting(project, id) }
        }
    }

    private func stopWaiting(_ project: String, _ id: Int) {
        waiting[project]?.removeValue(forKey: id)?.resume()
    }

    /// Returns once no run goes on in any project: `reel mcp` lets a run it started finish
    /// before it exits when its client has gone.
    func waitUntilAllIdle() async {
        guard !active.isEmpty else { return }
        await withCheckedContinuation { idle.append($0) }
    }

    /// Runs `body` as the project's run, refusing it while another goes on: a run asked
    /// for and waited on in one call (MCP's generate, render, export). It stops when its
    /// caller is cancelled or when someone stops the project's run (MCP's `stop_run`): then
    /// it throws why, with who stopped it.
    func exclusive<T: Sendable>(_ project: String, command: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        _ = try begin(project, command: command, shots: [], estimate: [])
        let work = Task.detached { try await body() }
        tasks[project] = { work.cancel() }
        do {
            let value = try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
            end(project, report: nil, error: nil)
            return value
        } catch {
            let said = end(project, report: nil, error: error as? ReelError ?? ReelError(.internalError, "it stopped"))
            if latest[project]?.stoppedBy != nil, let said { throw said }
            throw error
        }
    }
}

/// What a run ends with: a generate's report, a render's film (its name in `renders/`).
struct RunOutcome: Sendable {
    var report: GenerateReport?
    var film: String?
}

extension ProjectLibrary {
    /// Starts `work` as the project's run, in the server's own task (it outlives the request
    /// and the browser): the project opened for it, `prepare` first — its error is the
    /// request's answer, before the run claims the project — then the run's events feeding its
    /// progress, and its end recorded with what it made or why it stopped.
    func startRun(_ project: String, command: String, shots: [String] = [], logger: Logger,
                  prepare: (Production) async throws -> [Money] = { _ in [] },
                  work: @escaping @Sendable (Production, AsyncStream<RunEvent>.Continuation) async throws -> RunOutcome) async throws -> RunView {
        let production = try open(project, lockFor: holder)
        let run: RunView
        do {
            let estimate = try await prepare(production)
            run = try await runs.begin(project, command: command, shots: shots, estimate: estimate)
        } catch {
            production.close()
            throw error
        }
        let runs = runs
        let task = Task.detached {
            defer { production.close() }
            let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
            // Not a child: it reads every event to the end, also of a run that is stopped.
            let bell = bell
            let watcher = Task.detached {
                for await event in events {
                    await runs.handle(project, event)
                    await bell.ring(project)
                }
            }
            do {
                let outcome = try await work(production, continuation)
                continuation.finish()
                await watcher.value
                await runs.end(project, report: outcome.report, film: outcome.film, error: nil)
                await bell.ring(project)
            } catch {
                continuation.finish()
                await watcher.value
                if !(error is ReelError) { logger.error("\(command) \(run.id) of \(project) stopped: \(String(describing: type(of: error)))") }
                let stopped = error is CancellationError || Task.isCancelled
                if !(error is ReelError) && !stopped { logger.error("\(command) \(run.id) of \(project) stopped: \(String(describing: type(of: error)))") }
                await runs.end(project, error: error as? ReelError ?? ReelError(stopped ? .temporary : .internalError,
                                                                               stopped ? "stopped" : "something inside Reel broke",
                                                                               hint: stopped ? nil : "this is a bug; the server's log has its kind"))
                await bell.ring(project)
            }
        }
        await runs.attach(project, task)
        await bell.ring(project)
        return run
    }
}

extension ProjectLibrary {
    /// Stops the project's run: this server's (``RunBoard/stop(_:by:)``), or one another
    /// process started (``Studio/stopElsewhere(_:by:)``: asked as its Ctrl-C would ask it),
    /// answered as a run with id 0 naming that process.
    func stopRun(_ project: String, by who: String, studio: Studio) async throws -> RunView {
        let production = try open(project)
        defer { production.close() }
        if await !runs.isRunning(project), await studio.heldElsewhere(production) != nil {
            let holder = try await studio.stopElsewhere(production, by: who)
            return RunView(id: 0, command: holder, state: "stopping", stoppedBy: who, shots: [], startedAt: Date(), estimate: [],
                           progress: RunProgress())
        }
        return try await runs.stop(project, by: who)
    }

    /// Stops this server's run of a project when the studio asks it to — another server's
    /// *Stop*, heard by the lock this server holds of the project (``RunStop``).
    func hearStudioStops() {
        let library = self
        _ = RunStop.listen { project, who in
            Task {
                for name in library.projects().keys where await library.runs.isRunning(name) {
                    guard let production = try? library.open(name) else { continue }
                    let id = production.studio?.id
                    production.close()
                    if id == project { _ = try? await library.runs.stop(name, by: who) }
                }
            }
        }
    }
}

