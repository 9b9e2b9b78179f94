import Foundation
import ReelModel

/// Writing finished files: never a half-written file under the final name.
enum OutputFile {
    /// A file name from a title: letters, digits, CJK, `-` and `_`; nothing else.
    static func safeName(_ title: String) -> String {
        let kept = title.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let name = String(kept).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return name.isEmpty ? "film" : String(name.prefix(80))
    }

    /// Fails before any work is done when the output cannot be written.
    static func checkWritable(_ url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw ReelError(.cannotWrite, "the output path is a directory", at: url.path, hint: "name a file such as film.mp4")
        }
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

    /// Writes `data` next to `target` under a temporary name, then renames it into place.
    static func write(_ data: Data, at target: URL) throws {
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        do {
            try data.write(to: temp)
        } catch {
            throw ReelError(.cannotWrite, "cannot write the file: \(error.localizedDescription)", at: target.path,
                            hint: "check free disk space and permissions")
        }
        guard rename(temp.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw ReelError(.cannotWrite, "cannot move the finished file into place (errno \(errno))", at: target.path)
        }
    }

    /// Copies `source` next to `target` under a temporary name, then renames it into place.
    static func install(_ source: URL, at target: URL) throws {
        let fm = FileManager.default
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        do {
            try fm.copyItem(at: source, to: temp)
            guard rename(temp.path, target.path) == 0 else {
                throw ReelError(.cannotWrite, "cannot move the finished file into place (errno \(errno))", at: target.path)
            }
        } catch let error as ReelError {
            try? fm.removeItem(at: temp)
            throw error
        } catch {
            try? fm.removeItem(at: temp)
            throw ReelError(.cannotWrite, "cannot write the output: \(error.localizedDescription)", at: target.path,
                            hint: "check free disk space and permissions")
        }
    }
}
