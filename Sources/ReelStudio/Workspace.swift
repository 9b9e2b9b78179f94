import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// Where a script's state and media live.
///
/// A script inside a project (a directory with `reel.yaml`) uses the project's `.reel/`.
/// A loose script gets its own state directory in Reel's cache (`$REEL_HOME`, else
/// `$XDG_CACHE_HOME/reel`, else `~/.cache/reel`), keyed by its path, and shares the cache's
/// media store with other loose scripts: the same bytes are never stored twice.
public struct Workspace: Sendable {
    /// The project directory, when there is one.
    public var projectDirectory: URL?
    /// Where `reel.sqlite` lives.
    public var stateDirectory: URL
    /// The content-addressed media store.
    public var mediaDirectory: URL

    public init(projectDirectory: URL?, stateDirectory: URL, mediaDirectory: URL) {
        self.projectDirectory = projectDirectory
        self.stateDirectory = stateDirectory
        self.mediaDirectory = mediaDirectory
    }

    /// The workspace of a project directory: `DIR/.reel/`.
    public static func project(at directory: URL) -> Workspace {
        let state = directory.appendingPathComponent(".reel")
        return Workspace(projectDirectory: directory, stateDirectory: state,
                         mediaDirectory: state.appendingPathComponent("media"))
    }

    /// The workspace for a script file: its project's, or one in the cache.
    public static func forScript(_ script: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        if let directory = findProject(from: script.deletingLastPathComponent()) { return Workspace.project(at: directory) }
        let home = reelHome(environment)
        let path = script.standardizedFileURL.path
        let stem = script.deletingPathExtension().lastPathComponent
        let safeStem = String(stem.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }.prefix(40))
        let state = home.appendingPathComponent("scripts")
            .appendingPathComponent("\(safeStem)-\(Hashing.sha256(path).rawValue.prefix(10))")
        return Workspace(projectDirectory: nil, stateDirectory: state, mediaDirectory: home.appendingPathComponent("media"))
    }

    /// `$REEL_HOME`, `$XDG_CACHE_HOME/reel` or `~/.cache/reel`.
    public static func reelHome(_ environment: [String: String]) -> URL {
        if let home = environment["REEL_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            return URL(fileURLWithPath: cache).appendingPathComponent("reel")
        }
        let user = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return user.appendingPathComponent(".cache").appendingPathComponent("reel")
    }

    /// The nearest directory at or above `start` that holds a `reel.yaml`.
    public static func findProject(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("reel.yaml").path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Opens the database and the media store, creating directories as needed.
    public func open() throws -> (database: ProjectDatabase, blobs: DirectoryBlobStore) {
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create Reel's state directory", at: stateDirectory.path,
                            hint: "check permissions, or set REEL_HOME to a writable directory")
        }
        let database = try ProjectDatabase(path: stateDirectory.appendingPathComponent("reel.sqlite").path)
        let blobs = try DirectoryBlobStore(root: mediaDirectory)
        return (database, blobs)
    }
}
