import Foundation
import ReelEngine
import ReelModel
import ReelStore

#if canImport(Glibc)
import Glibc
#endif

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

    /// The project database's file.
    public var databaseURL: URL { stateDirectory.appendingPathComponent("reel.sqlite") }

    /// The workspace of a project directory: `DIR/.reel/`.
    public static func project(at directory: URL) -> Workspace {
        let state = directory.appendingPathComponent(".reel")
        return Workspace(projectDirectory: directory, stateDirectory: state,
                         mediaDirectory: state.appendingPathComponent("media"))
    }

    /// The workspace for a script file: its project's, or one in the cache.
    public static func forScript(_ script: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        if let directory = try findProject(from: script.deletingLastPathComponent()) { return Workspace.project(at: directory) }
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

    /// The current directory, or a clear error when it no longer exists (deleted or moved
    /// away under the shell): relative paths then mean nothing.
    public static func currentDirectory() throws -> URL {
        guard let cwd = getcwd(nil, 0) else {
            let shell = ProcessInfo.processInfo.environment["PWD"]
            throw ReelError(.notFound, "the current directory no longer exists (it was deleted or moved)", at: shell,
                            hint: "cd to a directory that exists (the project's directory, or its new place) and run the command again")
        }
        defer { free(cwd) }
        return URL(fileURLWithPath: String(cString: cwd), isDirectory: true)
    }

    /// The nearest directory at or above `start` that holds a `reel.yaml`. A relative
    /// `start` is taken from the current directory, which must exist.
    public static func findProject(from start: URL) throws -> URL? {
        var path = start.path
        if !path.hasPrefix("/") { path = try currentDirectory().appendingPathComponent(path).path }
        // Walk the absolute path's components upwards: a bounded walk, whatever the path.
        var components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents.filter { $0 != "/" }
        while true {
            let dir = URL(fileURLWithPath: "/" + components.joined(separator: "/"), isDirectory: true)
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("reel.yaml").path) { return dir.standardizedFileURL }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// Opens the database and the media store. A writer (the default) creates what is
    /// missing and brings the schema up to date; a reader (`readOnly`) writes nothing and
    /// takes no lock, so it never stands in a writer's way, and works on a read-only copy.
    ///
    /// Either way, state that is missing or empty while the project's media or renders say
    /// work was done is refused (``checkStateIsNotLost()``), never started over.
    public func open(readOnly: Bool = false) throws -> (database: ProjectDatabase, blobs: DirectoryBlobStore) {
        try checkStateIsNotLost()
        if readOnly {
            let database = try ProjectDatabase(readingAt: databaseURL.path, whenNew: checkNothingWasMade)
            return (database, try readerBlobs())
        }
        try createStateDirectory()
        let database = try ProjectDatabase(path: databaseURL.path, whenNew: checkNothingWasMade)
        let blobs = try DirectoryBlobStore(root: mediaDirectory)
        return (database, blobs)
    }

    /// Creates the state directory (`.reel/`) if it is missing.
    public func createStateDirectory() throws {
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create Reel's state directory", at: stateDirectory.path,
                            hint: "check permissions, or set REEL_HOME to a writable directory")
        }
    }

    /// The media store for a reader: the project's when it exists. Without one there is no
    /// media to find, and a reader must not create directories (the project may be read-only).
    func readerBlobs() throws -> DirectoryBlobStore {
        if FileManager.default.fileExists(atPath: mediaDirectory.appendingPathComponent("tmp").path) {
            return try DirectoryBlobStore(root: mediaDirectory)
        }
        return try DirectoryBlobStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("reel-no-media"))
    }
}
