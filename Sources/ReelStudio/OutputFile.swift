import Foundation
import ReelModel

/// Writing finished files: never a half-written file under the final name, never a
/// temporary file left behind, and never a device, fifo, socket or folder replaced.
enum OutputFile {
    /// A file name from a title: letters, digits, CJK, `-` and `_`; nothing else.
    static func safeName(_ title: String) -> String {
        let kept = title.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let name = String(kept).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return name.isEmpty ? "film" : String(name.prefix(80))
    }

    /// Fails before any work is done when the output cannot be written.
    static func checkWritable(_ url: URL) throws {
        let url = try checkTarget(url)
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the output directory", at: dir.path,
                            hint: "choose an output path in a directory you can write to (--out)")
        }
        // Try it: permission bits say nothing about read-only or special file systems.
        let probe = dir.appendingPathComponent(".reel-write-test-\(UUID().uuidString.prefix(8))")
        guard fm.createFile(atPath: probe.path, contents: Data("x".utf8)) else {
            throw ReelError(.cannotWrite, "cannot write in the output directory", at: dir.path,
                            hint: "choose an output path in a directory you can write to (--out)")
        }
        try? fm.removeItem(at: probe)
    }

    /// The path to write for `url`: itself when nothing is there or a regular file is, the
    /// file a symlink points at; an error for anything else (a folder, a device such as
    /// `/dev/null`, a fifo, a socket), which a rename would silently replace.
    @discardableResult
    static func checkTarget(_ url: URL) throws -> URL {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return url }
        var target = url
        if info.st_mode & S_IFMT == S_IFLNK {
            target = url.resolvingSymlinksInPath()
            guard stat(url.path, &info) == 0 else { return target }
        }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFDIR: kind = "a directory"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFIFO: kind = "a fifo (named pipe)"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw ReelError(.cannotWrite, "the output path is \(kind), not a file; it was left alone", at: url.path,
                        hint: "name a regular file such as film.mp4 (--out)")
    }

    /// A temporary name next to `target`, hidden, on the same file system.
    static func temporary(for target: URL) -> URL {
        target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
    }

    /// Writes `data` next to `target` under a temporary name, then renames it into place.
    static func write(_ data: Data, at target: URL) throws {
        let target = try checkTarget(target)
        let temp = temporary(for: target)
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ReelError(.cannotWrite, "cannot write the file: \(error.localizedDescription)", at: target.path,
                            hint: "check free disk space and permissions")
        }
        try place([(temp, target)])
    }

    /// Copies `source` next to `target` under a temporary name, then renames it into place.
    static func install(_ source: URL, at target: URL) throws {
        try install([(source, target)])
    }

    /// Copies every source next to its target, and only once all are complete renames them
    /// into place: a full disk leaves none of them (a film without its subtitles, or the
    /// subtitles of a film that is not there), and no temporary file.
    static func install(_ pairs: [(source: URL, target: URL)]) throws {
        let fm = FileManager.default
        var staged: [(URL, URL)] = []
        do {
            for (source, target) in pairs {
                let target = try checkTarget(target)
                let temp = temporary(for: target)
                staged.append((temp, target))
                try fm.copyItem(at: source, to: temp)
            }
        } catch {
            for (temp, _) in staged { try? fm.removeItem(at: temp) }
            if let error = error as? ReelError { throw error }
            throw ReelError(.cannotWrite, "cannot write the output: \(error.localizedDescription)",
                            at: pairs.last?.target.path, hint: "check free disk space and permissions")
        }
        try place(staged)
    }

    /// Renames finished temporary files onto their targets; removes what is left on failure.
    private static func place(_ staged: [(temp: URL, target: URL)]) throws {
        for (i, (temp, target)) in staged.enumerated() {
            guard (try? checkTarget(target)) != nil, rename(temp.path, target.path) == 0 else {
                let code = errno
                for (rest, _) in staged[i...] { try? FileManager.default.removeItem(at: rest) }
                _ = try checkTarget(target)
                throw ReelError(.cannotWrite, "cannot move the finished file into place (errno \(code))", at: target.path)
            }
        }
    }
}
