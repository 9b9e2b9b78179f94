import Foundation
import ReelModel
import ReelScript

/// Reads a screenplay file and plans its storyboard, with one clear error for each way a
/// file can be wrong.
public enum ScriptSource {
    /// The largest script Reel reads (a feature film in Fountain is well under 1 MB).
    public static let maxBytes = 64 << 20

    public static func read(_ url: URL) throws -> Screenplay {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReelError(.notFound, "no such file", at: path, hint: "check the path; Reel reads Fountain screenplays (.fountain)")
        }
        guard !isDirectory.boolValue else {
            throw ReelError(.usage, "this is a directory, not a screenplay", at: path,
                            hint: "name the .fountain file inside it")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            throw ReelError(.invalidInput, "the file is \(size >> 20) MB, too big to be a screenplay", at: path,
                            hint: "Reel reads Fountain text files; check you named the right file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReelError(.notFound, "cannot read the file (\(error.localizedDescription))", at: path,
                            hint: "check that you have permission to read it")
        }
        return try Fountain.parse(data: data, path: path)
    }

    /// Reads and plans in one step.
    public static func storyboard(_ url: URL, format: VideoFormat) throws -> Storyboard {
        let screenplay = try read(url)
        let fallback = url.deletingPathExtension().lastPathComponent
        return try ShotPlanner.plan(screenplay, options: PlanOptions(format: format, fallbackTitle: fallback),
                                    source: url.path)
    }
}
