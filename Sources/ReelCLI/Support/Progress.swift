import Dispatch
import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStudio
import Synchronization

/// Runs a studio call while a progress display reads its events, and stops it cleanly when
/// asked: the first Ctrl-C (or SIGTERM), or a stop from the studio — a notification its lock
/// hears (``RunStop``), or a SIGINT with a note of who asked — cancels the call: no job starts
/// any more, a request already sent to a provider waits for its answer and is journaled. The
/// command then ends saying who stopped it; a second Ctrl-C ends the process at once (what
/// is journaled is safe either way: the same command resumes it and pays nothing twice).
enum Progress {
    /// - Parameters:
    ///   - production: the project run, to read who asked from the studio.
    ///   - command: the command to run again to resume, for the message.
    static func run<T: Sendable>(quiet: Bool, stopping production: Production? = nil, command: String? = nil,
                                 _ body: @escaping @Sendable (AsyncStream<RunEvent>.Continuation) async throws -> T) async throws -> T {
        let (stream, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        let work = Task {
            defer { continuation.finish() }
            return try await body(continuation)
        }
        let display = Task {
            var display = ProgressDisplay(quiet: quiet)
            for await event in stream { display.handle(event) }
        }
        let stop = StopSwitch { work.cancel() }
        let (signals, sources) = Signals.termination()
        // This process holds one project: a stop the studio asks of it is for this run.
        let listening = RunStop.listen { _, who in stop.ask("asked by \(who) from the studio") }
        if let production, let who = Studio().stopAskedEarlier(production) { stop.ask("asked by \(who) from the studio") }
        let hearing = Task {
            for await number in signals {
                let asked = production.flatMap { Studio().stopAsked($0) }
                if stop.ask(asked.map { "asked by \($0) from the studio" } ?? (number == SIGINT ? "Ctrl-C" : "SIGTERM")) { continue }
                // The studio asking again is not a second Ctrl-C: it waits like the first.
                guard asked == nil else { continue }
                LocalProcessRunner.terminateAll()
                Terminal.err("stopped at once: what was sent to a provider is journaled; run the same command again to resume")
                exit(130)
            }
        }
        defer {
            RunStop.stopListening(listening)
            sources.forEach { $0.cancel() }
            hearing.cancel()
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let result = await withTaskCancellationHandler { await work.result } onCancel: { work.cancel() }
        await display.value
        // Stopped: unless it had finished anyway, or failed for a reason of its own.
        if let reason = stop.reason, case .failure(let error) = result, (error as? ReelError)?.code ?? .temporary == .temporary {
            throw ReelError(.temporary, "stopped (\(reason))",
                            hint: "what was made is kept, and what was sent to a provider is journaled: "
                                + (command.map { "`reel \($0)`" } ?? "the same command") + " resumes it without paying twice")
        }
        return try result.get()
    }
}

/// The first stop asked of a run: it cancels the run once and remembers why.
final class StopSwitch: Sendable {
    private let asked = Mutex<String?>(nil)
    private let cancel: @Sendable () -> Void

    init(cancel: @escaping @Sendable () -> Void) {
        self.cancel = cancel
    }

    var reason: String? { asked.withLock { $0 } }

    /// Stops the run for `reason`; false when it was asked already (a second Ctrl-C).
    @discardableResult
    func ask(_ reason: String) -> Bool {
        let reason = String(reason.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
        let first = asked.withLock { asked in
            guard asked == nil else { return false }
            asked = reason
            return true
        }
        guard first else { return false }
        Terminal.err("stopping (\(reason)): no job starts any more; requests already sent are waited for and journaled. "
                     + "Ctrl-C again quits at once")
        cancel()
        return true
    }
}
