import Foundation
import Synchronization

/// A stop asked of this process's run from outside it: the studio's *Stop* on a run that a
/// `reel generate` in a terminal started, or that another server of the studio runs.
///
/// Whoever hears the request (the studio's lock of a project, told by the database) rings
/// it here; whoever runs the project's work (the CLI's run, a server's run board) listens,
/// and stops the run as its own *Stop* would: no job starts any more, a request already sent
/// waits for its answer and is journaled, so the next run polls it instead of paying again.
public enum RunStop {
    public typealias Listener = @Sendable (_ project: String, _ by: String) -> Void

    private static let listeners = Mutex<[UUID: Listener]>([:])
    /// The last stop asked of each project, and when: a stop heard before the run listens
    /// (between taking the project's lock and starting its work) is not lost.
    private static let asked = Mutex<[String: (by: String, at: ContinuousClock.Instant)]>([:])

    /// Calls `listener` with every stop asked from now on (the project's id, who asked) until
    /// ``stopListening(_:)``.
    public static func listen(_ listener: @escaping Listener) -> UUID {
        let id = UUID()
        listeners.withLock { $0[id] = listener }
        return id
    }

    public static func stopListening(_ id: UUID) {
        listeners.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// Tells every listener that `who` asked to stop the run of `project`.
    public static func request(project: String, by who: String) {
        asked.withLock { $0[project] = (who, .now) }
        for listener in listeners.withLock({ Array($0.values) }) { listener(project, who) }
    }

    /// Who asked to stop `project`'s run in the last minute, if anyone; forgotten once told.
    public static func takeAsked(project: String) -> String? {
        asked.withLock { asked in
            guard let stop = asked.removeValue(forKey: project), ContinuousClock.now - stop.at < .seconds(60) else { return nil }
            return stop.by
        }
    }
}
