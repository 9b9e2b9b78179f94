import Foundation
import ReelModel
import ReelScript

/// Reads a screenplay file and plans its storyboard, with one clear error for each way a
/// file can be wrong.
public enum ScriptSource {
    /// The largest script Reel reads (a feature film in Fountain is well under 1 MB).
    public static let maxBytes = 64 << 20

    /// The format a user named: `fountain`, `zh` (a Chinese short-drama script) or `auto`.
    public static func format(named name: String) throws -> ScriptFormat {
        guard let format = ScriptFormat(rawValue: name.lowercased()) else {
            throw ReelError(.usage, "unknown script format '\(name)'",
                            hint: "use fountain, zh (a Chinese short-drama script: `1-1 夜 内 出租屋`, `△…`, `角色：台词`) or auto")
        }
        return format
    }

    /// Reads a screenplay file in `format` (see ``load(_:format:)``).
    public static func read(_ url: URL, format: ScriptFormat = .auto) throws -> Screenplay {
        try load(url, format: format).screenplay
    }

    /// Reads a script in `format` (`.auto`: Fountain or a Chinese short-drama script, by
    /// its lines), with what the user should know about how it was read.
    public static func load(_ url: URL, format: ScriptFormat = .auto) throws -> ScriptReading {
        let path = url.path
        if !path.hasPrefix("/") { _ = try Workspace.currentDirectory() }  // a relative path needs one
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
        return try ScriptReading(data: data, path: path, format: format)
    }

    /// Reads and plans in one step.
    public static func storyboard(_ url: URL, format: VideoFormat, script: ScriptFormat = .auto) throws -> Storyboard {
        try storyboard(try load(url, format: script), of: url, format: format)
    }

    /// Plans a script already read from `url`.
    public static func storyboard(_ reading: ScriptReading, of url: URL, format: VideoFormat) throws -> Storyboard {
        let fallback = url.deletingPathExtension().lastPathComponent
        return try ShotPlanner.plan(reading.screenplay, options: PlanOptions(format: format, fallbackTitle: fallback),
                                    source: url.path)
    }
}

/// A script as read: the screenplay, the format it was read in, and notes for the user
/// (lines that look like speech but were read as action).
public struct ScriptReading: Sendable {
    public var screenplay: Screenplay
    /// `.fountain` or `.shortDrama`, never `.auto`.
    public var format: ScriptFormat
    let path: String

    /// What the user should know about how it was read, worked out when asked (a scan of
    /// every line: planning does not need it).
    public var warnings: [String] {
        format == .shortDrama ? [] : ShortDrama.warnings(fountain: screenplay, path: path)
    }

    /// Parses a script file's bytes in `format`, deciding `.auto` from the text.
    public init(data: Data, path: String, format: ScriptFormat) throws {
        let text = try ShortDrama.text(of: data, path: path)
        self.path = path
        self.format = format.resolved(for: text)
        screenplay = self.format == .shortDrama ? ShortDrama.parse(text) : try Fountain.parse(data: data, path: path)
    }
}
