import Foundation
import ReelModel

#if canImport(Glibc)
import Glibc
#endif

/// One `reel` at a time may change a project: the others get a clear message, not a
/// corrupted project or a job run twice. The kernel releases the lock when the process
/// ends, however it ends, so a crash never leaves a stale lock behind.
///
/// Release it explicitly (``release()``): a value's lifetime in an async function is not a
/// promise about when its deinit runs.
public final class ProjectLock: @unchecked Sendable {
    private let state = NSLock()
    private var fd: Int32?

    private init(fd: Int32) { self.fd = fd }

    deinit { release() }

    /// Lets the next `reel` in. Safe to call more than once.
    public func release() {
        state.lock()
        defer { state.unlock() }
        guard let fd else { return }
        flock(fd, LOCK_UN)
        close(fd)
        self.fd = nil
    }

    /// Takes the lock of the state directory `directory`, or explains who holds it.
    public static func acquire(_ directory: URL, command: String) throws -> ProjectLock {
        let url = directory.appendingPathComponent("lock")
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ReelError(.cannotWrite, "cannot create the project lock", at: url.path, hint: "check permissions")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw ReelError(.temporary, "another reel is working on this project\(holder.map { " (\($0))" } ?? "")",
                            at: directory.deletingLastPathComponent().path,
                            hint: "wait for it to finish, or stop it; read-only commands (takes, status, stats, plan) work meanwhile")
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let text = "pid \(getpid()), `reel \(command)`, since \(stamp)\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { write(fd, $0, strlen($0)) }
        return ProjectLock(fd: fd)
    }
}
