import Foundation
import ReelModel
import ReelStore

#if canImport(Glibc)
import Glibc
#endif

/// One `reel` at a time may change a project: the others get a clear message, not a
/// corrupted project or a job run twice. The kernel releases the lock when the process
/// ends, however it ends, so a crash never leaves a stale lock behind.
///
/// Who holds it is kept apart, in `lock-holder` (written whole, then renamed into place):
/// readers never touch the lock itself, so `reel status` in a loop never stands in a
/// writer's way, and a holder that has died is recognised (``ProjectHolder``).
///
/// Release it explicitly (``release()``): a value's lifetime in an async function is not a
/// promise about when its deinit runs.
public final class ProjectLock: @unchecked Sendable {
    private let state = NSLock()
    private var fd: Int32?
    private let holderURL: URL
    /// A share of a lock this process holds (``acquireShared(_:command:studio:)``), by lock file.
    private var share: String?
    /// For a project in a studio database: the lock every machine of the studio takes.
    private var studio: StudioProjectLock?

    private init(fd: Int32?, holderURL: URL, share: String? = nil, studio: StudioProjectLock? = nil) {
        self.fd = fd
        self.holderURL = holderURL
        self.share = share
        self.studio = studio
    }

    deinit { release() }

    /// Lets the next `reel` in (for a share, when it is the last one). Safe to call more than once.
    public func release() {
        state.lock()
        defer { state.unlock() }
        if let share {
            self.share = nil
            Shares.release(share)
            return
        }
        studio?.release()
        studio = nil
        guard let fd else { return }
        if ProjectHolder.read(holderURL)?.pid == getpid() { try? FileManager.default.removeItem(at: holderURL) }
        flock(fd, LOCK_UN)
        close(fd)
        self.fd = nil
    }

    /// Whether some process holds the lock of the state directory `directory` now (the
    /// kernel's word, not the holder record's, which a killed process leaves behind).
    static func isHeld(_ directory: URL) -> Bool {
        let fd = open(directory.appendingPathComponent("lock").path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(fd, LOCK_UN)
        return false
    }

    /// Takes the lock of the state directory `directory`, or explains who holds it; for a
    /// project in a studio database (`studio`), the studio's lock of it too, so that two
    /// machines never run one project's jobs at once.
    ///
    /// A holder that is just finishing (or just starting and not yet named) is waited for
    /// briefly rather than refused or reported as nobody.
    public static func acquire(_ directory: URL, command: String, studio: StudioLocation? = nil) throws -> ProjectLock {
        let url = directory.appendingPathComponent("lock")
        let holderURL = directory.appendingPathComponent(ProjectHolder.fileName)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ReelError(.cannotWrite, "cannot create the project lock", at: url.path, hint: "check permissions")
        }
        var holder: ProjectHolder?
        for attempt in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                let me = ProjectHolder(pid: getpid(), command: command, since: Date(), started: ProjectHolder.startTime(getpid()))
                do {
                    try me.write(holderURL)
                    let shared = try studio.map {
                        try StudioProjectLock.acquire(address: $0.address, project: try $0.id(at: directory.deletingLastPathComponent()), command: command)
                    }
                    return ProjectLock(fd: fd, holderURL: holderURL, studio: shared)
                } catch {
                    try? FileManager.default.removeItem(at: holderURL)
                    flock(fd, LOCK_UN)
                    close(fd)
                    throw error
                }
            }
            holder = ProjectHolder.current(directory)
            if holder != nil || attempt == 99 { break }
            usleep(10_000)
        }
        close(fd)
        throw ReelError(.temporary, "another reel is working on this project\(holder.map { " (\($0.description))" } ?? "")",
                        at: directory.deletingLastPathComponent().path,
                        hint: "wait for it to finish, or stop it; `reel status`, `stats`, `takes` and `generate --dry-run` work meanwhile")
    }

    /// The lock of `directory` for a process that serves many requests at once (the studio
    /// server): the first call takes it as ``acquire(_:command:)`` does, later calls in this
    /// process share it, and the last share released lets the next `reel` in. Another
    /// process is refused as before, with who holds it.
    ///
    /// The server is then the one owner of its projects: a run started from a browser holds
    /// the project while picks and notes from other browsers go on (what they change does
    /// not collide; a second run of the same project is refused by the server itself).
    public static func acquireShared(_ directory: URL, command: String, studio: StudioLocation? = nil) throws -> ProjectLock {
        let key = directory.standardizedFileURL.path
        try Shares.take(key) { try acquire(directory, command: command, studio: studio) }
        return ProjectLock(fd: nil, holderURL: directory.appendingPathComponent(ProjectHolder.fileName), share: key)
    }

    /// The locks this process holds for sharing, by lock directory, with how many shares each has.
    private enum Shares {
        nonisolated(unsafe) static var held: [String: (lock: ProjectLock, count: Int)] = [:]
        static let guardian = NSLock()

        static func take(_ key: String, acquiring: () throws -> ProjectLock) throws {
            guardian.lock()
            defer { guardian.unlock() }
            if let entry = held[key] {
                held[key] = (entry.lock, entry.count + 1)
            } else {
                held[key] = (try acquiring(), 1)
            }
        }

        static func release(_ key: String) {
            guardian.lock()
            defer { guardian.unlock() }
            guard let entry = held[key] else { return }
            if entry.count > 1 {
                held[key] = (entry.lock, entry.count - 1)
            } else {
                held[key] = nil
                entry.lock.release()
            }
        }
    }

    /// The live holder of the lock of `directory`, described; nil when nobody holds it.
    /// Takes nothing: safe to call while writers come and go.
    public static func holder(of directory: URL) -> String? {
        ProjectHolder.current(directory)?.description
    }
}
