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
        for listener in listeners.withLock({ Array($0.values) }) { listener(project, who) }
    }
}
