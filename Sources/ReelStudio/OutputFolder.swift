import Foundation
import ReelModel

/// Writing a finished folder (a Jianying draft): built under a temporary name next to its
/// final one and renamed into place whole, so a failure (a full disk) leaves neither a
/// half-filled folder under the final name nor the temporary one.
enum OutputFolder {
    /// Builds the folder with `build` (given the folder to fill), then puts it in place of
    /// `target`, replacing an earlier export there. Returns the files, at their final paths.
    static func write(_ target: URL, build: (URL) throws -> [URL]) throws -> [URL] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReelError(.cannotWrite, "the output path is not a folder; it was left alone", at: target.path,
                            hint: "name a folder that does not exist yet, or an earlier export's folder (--out)")
        }
        let staging = OutputFile.temporary(for: target)
        let old = OutputFile.temporary(for: target)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the output folder", at: target.deletingLastPathComponent().path,
                            hint: "choose an output path in a directory you can write to (--out)")
        }
        let files: [URL]
        do {
            files = try build(staging)
            if fm.fileExists(atPath: target.path), rename(target.path, old.path) != 0 {
                throw ReelError(.cannotWrite, "cannot replace the earlier export (errno \(errno))", at: target.path)
            }
            guard rename(staging.path, target.path) == 0 else {
                let code = errno
                _ = rename(old.path, target.path)
                throw ReelError(.cannotWrite, "cannot move the finished folder into place (errno \(code))", at: target.path)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        try? fm.removeItem(at: old)
        let prefix = staging.standardizedFileURL.path
        return files.map { file in
            let path = file.standardizedFileURL.path
            return path.hasPrefix(prefix) ? URL(fileURLWithPath: target.path + path.dropFirst(prefix.count)) : file
        }
    }
}
