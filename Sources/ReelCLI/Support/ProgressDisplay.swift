import Foundation
import ReelEngine
import ReelModel

/// Shows a run's progress: a live bar with counts and time left on a terminal, plain
/// lines (one per finished job) otherwise.
struct ProgressDisplay {
    let interactive: Bool
    let quiet: Bool
    private var total = 0
    private var cached = 0
    private var ran = 0
    private var failed = 0
    private var running = Set<NodeID>()
    private var tally = JobTally()
    private var firstStart: ContinuousClock.Instant?
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(interactive: Bool = Terminal.isInteractive, quiet: Bool = false) {
        self.interactive = interactive
        self.quiet = quiet
    }

    mutating func handle(_ event: RunEvent) {
        guard !quiet else { return }
        switch event {
        case .began(let n):
            // A command that runs in steps (`make`: the models' takes, then the film) begins more than once.
            total = cached + ran + failed + n
        case .cached:
            cached += 1
        case .started(let id, let attempt):
            if firstStart == nil { firstStart = .now }
            running.insert(id)
            if !interactive, attempt > 1 { Terminal.err("  again  \(id) (attempt \(attempt))") }
        case .resumed(let id, _):
            if firstStart == nil { firstStart = .now }
            running.insert(id)
            if !interactive { Terminal.err("  resume \(id) (polling the provider's job)") }
        case .submitted, .progress:
            break
        case .succeeded(let id, _, let seconds):
            running.remove(id)
            ran += 1
            tally.add(id)
            if !interactive { Terminal.err("  done   \(id) (" + String(format: "%.1fs", seconds) + ")") }
        case .retrying(let id, let failure, let delay, _):
            running.remove(id)
            line("  retry  \(id) in \(Int(delay.rounded()))s: \(failure)")
        case .failed(let id, let failure):
            running.remove(id)
            failed += 1
            line("  FAILED \(id): \(failure)")
        case .skipped(let id, let failure):
            failed += 1
            if failure.reason != .blocked { line("  skip   \(id): \(failure)") }
        case .finished(let summary):
            if interactive { clear() }
            Terminal.err(ProgressDisplay.finishedLine(summary, tally: tally))
            tally = JobTally()
            return
        }
        if interactive { draw() }
    }

    private mutating func draw(force: Bool = false) {
        let now = ContinuousClock.now
        guard force || now - lastDraw > .milliseconds(100) else { return }
        lastDraw = now
        let done = cached + ran + failed
        let width = 28
        let filled = total == 0 ? 0 : min(width, width * done / total)
        var text = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
        text += " \(done)/\(total) jobs"
        if cached > 0 { text += " · \(cached) reused" }
        if !running.isEmpty { text += " · \(running.count) running" }
        if let start = firstStart, ran > 0 {
            let elapsed = Double((now - start).components.seconds)
            let remaining = Double(max(0, total - done)) * elapsed / Double(ran)
            text += " · " + ProgressDisplay.clock(remaining) + " left"
        }
        Terminal.write(Data(("\r\u{1B}[K" + text).utf8), to: .err)
    }

    private func clear() {
        Terminal.write(Data("\r\u{1B}[K".utf8), to: .err)
    }

    private func line(_ text: String) {
        if interactive { clear() }
        Terminal.err(text)
    }

    /// `28 jobs: 14 clips conformed, 1 film cut; 13 reused from earlier runs (3.2s)`; the
    /// files a graph is given (the cast's references, picked keyframes, finished takes in a
    /// cut) are inputs, not jobs:
    /// `4 jobs: 4 keyframes made; 0 reused from earlier runs; 3 files taken from the store`.
    static func finishedLine(_ summary: RunSummary, tally: JobTally) -> String {
        var done = tally.text
        if done.isEmpty { done = summary.ran == 0 ? "nothing to run" : Plural.count(summary.ran, "job run", "jobs run") }
        return "\(Plural.count(summary.total - summary.given, "job")): \(done); \(summary.cached) reused from earlier runs"
            + (summary.given == 0 ? "" : "; \(Plural.count(summary.given, "file")) taken from the store")
            + (summary.failures.isEmpty ? "" : "; \(summary.failures.count) failed")
            + String(format: " (%.1fs)", summary.seconds)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
