import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel worker`: one machine's share of the studio's jobs.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Take jobs from the studio's runs: takes, panels, renders, on this machine.",
        discussion: """
            Runs until Ctrl-C or SIGTERM (the first finishes the jobs in hand, a second stops them), taking the jobs that runs of the studio's projects (`reel serve`, \
            `reel generate`, `reel make` with the same --database) hand to workers. A job runs with its \
            project's settings and this machine's provider keys (environment or ~/.config/reel/credentials). \
            A worker that dies loses its jobs when its lease runs out; another takes them over by polling the \
            provider's job, never by paying again. Media must be on the studio's shared path (--media).
            """)

    @Option(help: ArgumentHelp("The studio database (default: REEL_DATABASE).", valueName: "postgres://user@host/db"))
    var database: String?

    @Option(help: ArgumentHelp("The studio's media path, shared by every machine (default: REEL_MEDIA).", valueName: "dir"))
    var media: String?

    @Option(help: "Jobs it runs at once.")
    var slots = 2

    @Option(help: ArgumentHelp("Only these kinds of job, comma-separated: \(Self.known.joined(separator: ", ")) (image: panels and keyframes; default: all).",
                               valueName: "kinds"))
    var kinds: String?

    @Option(help: ArgumentHelp("What `reel workers` calls it (default: the machine's name).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Seconds a job stays this worker's without a heartbeat; another takes it over after.", valueName: "seconds"))
    var lease: Double = 30

    func validate() throws {
        if !(1...64).contains(slots) { throw ValidationError("--slots must be from 1 to 64 (got \(slots))") }
        if !(lease >= 1 && lease <= 3600) { throw ValidationError("--lease must be from 1 to 3600 seconds (got \(lease))") }
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        if let kinds {
            let asked = Self.kinds(kinds)
            if asked.isEmpty { throw ValidationError("--kinds names no kind (write them as video,conform)") }
            if let unknown = asked.first(where: { !Self.known.contains($0) }) {
                throw ValidationError("--kinds: no job is of kind \(unknown) (kinds: \(Self.known.joined(separator: ", ")))")
            }
        }
    }

    /// Every kind of job a run hands to workers.
    static let known = ["video", "image", "speech", "music", "frame", "conform", "mix", "subtitles", "overlay", "burn", "check", "assemble"]

    static func kinds(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    func run() async throws {
        guard try await Workspace.useStudio(database: database, media: media) != nil else {
            throw ReelError(.usage, "a worker works for a studio database, and none is named",
                            hint: "name it with --database postgres://user@host/db (or REEL_DATABASE), and the shared media path with --media")
        }
        var options = WorkerOptions(slots: slots, kinds: kinds.map(Self.kinds) ?? [], lease: lease)
        if let name { options.name = name }
        let drain = WorkerDrain()
        options.drain = drain
        let (events, sink) = AsyncStream.makeStream(of: WorkerEvent.self)
        let shown = Task { for await event in events { Self.show(event) } }
        let working = Task { try await Studio().work(options, events: sink) }
        // The first Ctrl-C or SIGTERM finishes the jobs in hand; the second stops them now
        // (they go back to the queue, their provider jobs journaled for whoever takes them).
        let (signals, sources) = Signals.termination()
        let stopping = Task {
            var received = signals.makeAsyncIterator()
            guard await received.next() != nil else { return }
            drain.request()
            guard await received.next() != nil else { return }
            working.cancel()
            // A third: out at once (every provider job id is journaled; leases run out).
            guard await received.next() != nil else { return }
            Foundation.exit(130)
        }
        defer {
            stopping.cancel()
            sources.forEach { $0.cancel() }
        }
        let result = await working.result
        sink.finish()
        await shown.value
        try result.get()
    }

    static func show(_ event: WorkerEvent) {
        switch event {
        case .started(let me, let database, let media):
            let kinds = me.kinds.isEmpty ? "every kind of job" : me.kinds.joined(separator: ", ")
            Terminal.out("worker \(me.name) (pid \(me.pid)): \(me.slots) at a time, \(kinds); studio \(database), media \(media); Ctrl-C stops it")
        case .took(let project, let label, let tookOver):
            Terminal.out("\(project)  \(label)  \(tookOver ? "taken over from a worker whose lease ran out" : "started")")
        case .submitted(let project, let label, let provider, let job):
            Terminal.out("\(project)  \(label)  submitted to \(provider) as job \(job)")
        case .finished(let project, let label, let seconds):
            Terminal.out("\(project)  \(label)  done in \(String(format: "%.1f", seconds)) s")
        case .failed(let project, let label, let failure):
            Terminal.out("\(project)  \(label)  failed: \(failure)")
        case .lost(let project, let label):
            Terminal.out("\(project)  \(label)  no longer this worker's (withdrawn by its run, or taken over)")
        case .handedBack(let project, let label):
            Terminal.out("\(project)  \(label)  handed back to the queue (this worker stops; a provider's job id, if any, is journaled)")
        case .gaveBack(let project, let label, let reason):
            Terminal.out("\(project)  \(label)  left for another worker: \(reason)")
        case .databaseAway(let said):
            Terminal.out("the studio database is away (\(said)); trying again each second, the jobs go on")
        case .databaseBack:
            Terminal.out("the studio database answers again")
        case .draining(let held):
            Terminal.out(held == 0 ? "stopping" : "stopping: finishing the \(Plural.count(held, "job")) in hand (Ctrl-C again stops them now; they go back to the queue)")
        case .stopped(let done, let failed):
            Terminal.out("worker stopped: \(done) done, \(failed) failed")
        }
    }
}
