import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// Stopping, from the studio, a run another process started: a `reel generate` in a
/// terminal beside the server, or any command of the studio's on another machine.
///
/// The process holding the project is asked as its own Ctrl-C would ask it: no job starts
/// any more, a request already sent to a provider waits for its answer and is journaled, so
/// whoever runs the project next polls it instead of paying again. On one machine the ask
/// is a note in the state folder (who asked) and a SIGINT to the holder; in a studio
/// database it is a notification the holder's lock hears, wherever it runs (``RunStop``).
extension Studio {
    /// Commands whose runs may be stopped from elsewhere: they run jobs, and stop cleanly.
    static let stoppableCommands: Set<String> = ["make", "generate", "keyframes", "render"]
    /// In a studio database, a server's or an MCP server's run too: they hear the stop.
    static let stoppableInStudio = stoppableCommands.union(["serve", "mcp"])

    /// Asks the process running `production` now to stop its run, for `who`; answers who runs
    /// it (`reel generate pid 4242`). It has stopped when the project is no longer held.
    public func stopElsewhere(_ production: Production, by who: String) async throws -> String {
        let who = String(who.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }.prefix(80))
        let refused = { (holder: String) in
            ReelError(.refused, "\(holder) is not a run that can be stopped from here", hint: "stop it where it runs (Ctrl-C in its terminal)")
        }
        if let studio = production.studio {
            let me = (host: ProcessInfo.processInfo.hostName, pid: Int(getpid()))
            let holders = (try? await studio.database.lockHolders()) ?? []
            guard let holder = holders.first(where: { $0.project == studio.id && !($0.host == me.host && $0.pid == me.pid) }) else {
                throw ReelError(.temporary, "no run is going on in this project", hint: "the run panel shows the last one")
            }
            let shown = "reel \(holder.command)" + (holder.host.map { " on \($0)" } ?? "") + (holder.pid.map { " pid \($0)" } ?? "")
            guard Self.stoppableInStudio.contains(holder.command.split(separator: " ").first.map(String.init) ?? "") else {
                throw refused(shown)
            }
            try await studio.database.requestStop(project: studio.id, pid: holder.pid, by: who)
            return shown
        }
        let state = production.workspace.stateDirectory
        guard let record = ProjectHolder.current(state), record.pid != getpid() else {
            throw ReelError(.temporary, "no run is going on in this project", hint: "the run panel shows the last one")
        }
        let holder = "reel \(record.command) pid \(record.pid)"
        guard Self.stoppableCommands.contains(record.command.split(separator: " ").first.map(String.init) ?? ""),
              ProjectLock.isHeld(state) else { throw refused(holder) }
        let note = state.appendingPathComponent(StopNote.fileName)
        // Asked already and not yet heard (a second click, the page and an agent at once): one
        // SIGINT, or the holder would take the second for a second Ctrl-C and quit at once.
        if let asked = StopNote.read(note), asked.pid == record.pid, Date().timeIntervalSince(asked.at) < 120 { return holder }
        try StopNote(by: who, at: Date(), pid: record.pid).write(note)
        guard kill(record.pid, SIGINT) == 0 else {
            let reason = errno == EPERM ? "it runs as another user" : "it has just ended"
            try? FileManager.default.removeItem(at: note)
            throw ReelError(.temporary, "\(holder) could not be told to stop (\(reason))",
                            hint: errno == EPERM ? "stop it where it runs (Ctrl-C in its terminal)" : "look at the run panel again")
        }
        return holder
    }

    /// Who asked, from the studio, to stop `production`'s run before this process listened
    /// (the studio's stop came between taking the project and starting the run).
    public func stopAskedEarlier(_ production: Production) -> String? {
        production.studio.flatMap { RunStop.takeAsked(project: $0.id) }
    }

    /// Who asked this process, from the studio, to stop its run of `production`: read (and
    /// removed) when the stop's SIGINT arrives; nil for a Ctrl-C at the terminal.
    public func stopAsked(_ production: Production) -> String? {
        let url = production.workspace.stateDirectory.appendingPathComponent(StopNote.fileName)
        guard let note = StopNote.read(url), note.pid == getpid() else { return nil }
        try? FileManager.default.removeItem(at: url)
        // An old note (its stop came when this process was not listening) says nothing now.
        return Date().timeIntervalSince(note.at) < 120 ? note.by : nil
    }
}

/// Who asked the holder of a project to stop, for the holder to say when it stops.
struct StopNote: Codable {
    static let fileName = "stop-request"

    var by: String
    var at: Date
    /// The process asked: a note left for another never stops this one.
    var pid: Int32

    func write(_ url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(Self.fileName)-\(UUID().uuidString)")
        do {
            try JSONEncoder().encode(self).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ReelError(.cannotWrite, "cannot ask the project's run to stop", at: url.path, hint: "check permissions and free disk space")
        }
    }

    static func read(_ url: URL) -> StopNote? {
        (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(StopNote.self, from: $0) }
    }
}
