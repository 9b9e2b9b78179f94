import Foundation
import ReelEngine
import ReelModel
import ReelStore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A project's place in a studio database: the database's address and the project's id.
public struct StudioLocation: Sendable, Hashable {
    /// `postgres://…`, as given (it may hold a password: never shown; ``StudioDatabase/location`` is).
    public var address: String
    /// The project's studio id (`studio_id` in `reel.yaml`); nil for a project that has none
    /// yet (`reel project import` gives it one).
    public var project: String?

    public init(address: String, project: String?) {
        self.address = address
        self.project = project
    }

    /// The project's id, or the error that says how to give it one.
    public func id(at directory: URL?) throws -> String {
        guard let project else {
            throw ReelError(.configuration, "this project has no studio id yet (studio_id in reel.yaml), so it is not in the studio database",
                            at: directory?.appendingPathComponent("reel.yaml").path,
                            hint: "nothing was changed; `reel project import` gives it one and moves its state into the studio (or unset REEL_DATABASE)")
        }
        return project
    }
}

/// Where this process keeps projects' state when it works for a studio on several machines:
/// `REEL_DATABASE` and `REEL_MEDIA` (or `reel serve --database --media`). Read once, and
/// taken out of the environment, so that no child process (ffmpeg, a browser) inherits a
/// database password.
public enum StudioSettings {
    public struct Values: Sendable {
        public var database: String?
        public var media: URL?
    }

    static let values = Mutex<Values?>(nil)

    /// The settings, read from the environment the first time.
    public static var current: Values {
        values.withLock { values in
            if let values { return values }
            let environment = ProcessInfo.processInfo.environment
            let read = Values(database: environment["REEL_DATABASE"].flatMap { $0.isEmpty ? nil : $0 },
                              media: environment["REEL_MEDIA"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL })
            values = read
            return read
        }
    }

    /// Reads the settings and takes the database's address out of the environment; call it
    /// first thing, before any thread starts (`reel`'s launch does).
    public static func adoptEnvironment() {
        _ = current
        unsetenv("REEL_DATABASE")
    }

    /// Replaces what the environment said (`reel serve --database --media`).
    public static func use(database: String?, media: URL?) {
        var next = current
        if let database { next.database = database }
        if let media { next.media = media }
        values.withLock { $0 = next }
    }
}

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
    /// The studio database that keeps this project's state instead of `reel.sqlite`, and
    /// the project's id there (`studio_id` in `reel.yaml`): `REEL_DATABASE`.
    public var studio: StudioLocation?
    /// The media store is the studio's, shared by several machines (`REEL_MEDIA`).
    public var sharedMedia: Bool
    /// The series folder this project is an episode of (``Series``): its media store is the
    /// series', and its cast and consent ledger are the series' bible.
    public var series: URL?

    public init(projectDirectory: URL?, stateDirectory: URL, mediaDirectory: URL, studio: StudioLocation? = nil,
                sharedMedia: Bool = false) {
        self.projectDirectory = projectDirectory
        self.stateDirectory = stateDirectory
        self.mediaDirectory = mediaDirectory
        self.studio = studio
        self.sharedMedia = sharedMedia
    }

    /// The media store, as this workspace keeps it.
    func mediaStore(at root: URL? = nil) throws -> DirectoryBlobStore {
        try DirectoryBlobStore(root: root ?? mediaDirectory, sharedBetweenMachines: sharedMedia)
    }

    /// The project database's file.
    public var databaseURL: URL { stateDirectory.appendingPathComponent("reel.sqlite") }

    /// The workspace of a project directory: `DIR/.reel/`; or, for a studio on several
    /// machines (``StudioSettings``), its state in the studio database under its `studioID`
    /// and its media on the studio's shared path, `.reel/` keeping only the lock.
    public static func project(at directory: URL, studioID: String? = nil,
                               settings: StudioSettings.Values = StudioSettings.current) -> Workspace {
        let state = directory.appendingPathComponent(".reel")
        // An episode of a series keeps its media in the series' store, beside the bible's references.
        let series = Series.containing(directory)
        var workspace = Workspace(projectDirectory: directory, stateDirectory: state,
                                  mediaDirectory: settings.media ?? series.map { Series.media(of: $0) } ?? state.appendingPathComponent("media"),
                                  studio: settings.database.map { StudioLocation(address: $0, project: studioID) },
                                  sharedMedia: settings.media != nil)
        workspace.series = series
        return workspace
    }

    /// The workspace for a script file: its project's, or one in the cache.
    public static func forScript(_ script: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        if let directory = try findProject(from: script.deletingLastPathComponent()) {
            // The project's own settings say its id in a studio.
            let config = try? ProjectConfig.load(directory.appendingPathComponent(ProjectConfig.fileName))
            return Workspace.project(at: directory, studioID: config?.studioID)
        }
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
        return (database, try mediaStore())
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
            return try mediaStore()
        }
        return try DirectoryBlobStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("reel-no-media"))
    }
}

extension Workspace {
    /// Makes this process keep every project's state in the studio database at `database`
    /// and its media under `media` (`reel serve --database … --media …`; else what
    /// `REEL_DATABASE` and `REEL_MEDIA` say): the database is reached and its schema brought
    /// up to date now, so a wrong address is said at once. Returns where the state is, as it
    /// may be shown (never the password).
    public static func useStudio(database: String?, media: String?) async throws -> String? {
        let root = media.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        if let root { try checkWritable(media: root) }
        StudioSettings.use(database: database, media: root)
        guard let address = StudioSettings.current.database else { return nil }
        let opened = try StudioDatabase.shared(address)
        try await opened.ready()
        return opened.location
    }

    /// A media path that cannot be written is said at once; nothing is made inside it yet (a
    /// worker first checks that the path is the studio's, see `Studio.markMedia`).
    static func checkWritable(media root: URL) throws {
        var isDirectory: ObjCBool = false
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {}
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isWritableFile(atPath: root.path) else {
            throw ReelError(.cannotWrite, "cannot write the media store", at: root.path,
                            hint: "check that the path is a directory, mounted and writable")
        }
    }
}
