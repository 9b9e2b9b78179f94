import Foundation

/// Clears work files and folders that a killed run left behind.
///
/// A run that is SIGKILLed cannot clean up after itself, so every work file or folder is
/// named after the process that made it (`p<pid>-…` in the media store's `tmp/`,
/// `reel-proc-<pid>-…` in `$TMPDIR`), and later runs remove those whose process is gone.
/// Names from before this scheme (no pid) are removed once they are older than the current
/// process: nothing running now can be using them.
public enum ScratchSweep {
    /// This process's prefix for work files in the media store.
    public static var prefix: String { "p\(getpid())-" }

    /// When this process started (near enough: when it first touched scratch).
    static let processStart = Date()

    /// True when a process with this id is running (or a zombie not yet reaped).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes the media store's work files (and folders) whose process is gone. A folder
    /// not named after a process is kept: a store shared by several machines keeps each
    /// machine's work files in a folder of its own (`tmp/<host>/`), which only that machine
    /// sweeps (pids mean nothing elsewhere).
    public static func sweepFiles(in directory: URL) {
        sweep(directory) { name in
            if name.hasPrefix("p"), let dash = name.firstIndex(of: "-"),
               let pid = pid_t(name[name.index(after: name.startIndex)..<dash]) { return pid }
            var isFolder: ObjCBool = false
            let folder = FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
            return folder ? .some(nil) : nil
        }
    }

    /// Removes `reel-proc-<pid>-<uuid>` folders in `directory` whose process is gone.
    public static func sweepProcessFolders(in directory: URL) {
        sweep(directory) { name in
            guard name.hasPrefix("reel-proc-") else { return .some(nil) }
            let parts = name.dropFirst("reel-proc-".count).split(separator: "-")
            // reel-proc-<pid>-<8>-<4>-<4>-<4>-<12>; the old names are a bare UUID.
            guard parts.count == 6, let pid = pid_t(parts[0]) else { return nil }
            return pid
        }
    }

    /// Removes every entry whose owner (from its name) is dead; `owner` returns nil for a
    /// name without an owner (removed when older than this process) and `.some(nil)` for
    /// an entry that is not scratch at all (kept).
    private static func sweep(_ directory: URL, owner: (String) -> pid_t??) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            let url = directory.appendingPathComponent(name)
            switch owner(name) {
            case .some(.some(let pid)):
                if !isAlive(pid) { try? fm.removeItem(at: url) }
            case .some(.none):
                continue
            case .none:
                let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
                if let modified, modified < processStart { try? fm.removeItem(at: url) }
            }
        }
    }
}
