import Foundation
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

    /// Asks the process running `production` now to stop its run, for `who`; answers who runs
    /// it (`reel generate pid 4242`). It has stopped when the project is no longer held.
    public func stopElsewhere(_ production: Production, by who: String) async throws -> String {
        guard let holder = await heldElsewhere(production) else {
            throw ReelError(.temporary, "no run is going on in this project", hint: "the run panel shows the last one")
        }
        if let studio = production.studio {
            try await studio.database.requestStop(project: studio.id, by: who)
            return holder
        }
        let state = production.workspace.stateDirectory
        guard let record = ProjectHolder.current(state), record.pid != getpid(),
              Self.stoppableCommands.contains(record.command.split(separator: " ").first.map(String.init) ?? "") else {
            throw ReelError(.refused, "\(holder) is not a run that can be stopped from here",
                            hint: "stop it where it runs (Ctrl-C in its terminal)")
        }
        let note = state.appendingPathComponent(StopNote.fileName)
        try StopNote(by: who, at: Date(), pid: record.pid).write(note)
        guard kill(record.pid, SIGINT) == 0 else {
            try? FileManager.default.removeItem(at: note)
            throw ReelError(.temporary, "\(holder) could not be told to stop (\(String(cString: strerror(errno))))",
                            hint: "it may have just ended: look at the run panel again")
        }
        return holder
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
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(Self.fileName)-\(getpid())")
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
