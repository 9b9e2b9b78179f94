import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// What a use case works on, opened: the script, the settings, the database, the media
/// store and (for commands that change things) the project lock. A project and a loose
/// script both become one.
///
/// A command that changes nothing (`lockFor: nil`) opens the database read-only and takes
/// no lock: it never makes a writer wait, and works on a read-only copy of a project.
public struct Production: Sendable {
    public var name: String
    public var script: URL
    public var config: ProjectConfig
    public var workspace: Workspace
    public var blobs: DirectoryBlobStore
    public var repository: any ProjectRepository
    /// Where the cast (descriptions, reference images, voices) and the consent ledger are
    /// kept: the project's own repository, or for an episode of a series the series' bible
    /// (``Series``), which every episode shares.
    public var cast: any ProjectRepository
    public var journal: any JobJournal
    /// Where films go by default: `renders/` in the project, or in the current directory.
    public var rendersDirectory: URL
    /// The project in the studio database, when its state is there (its runs may hand
    /// jobs to the studio's workers).
    public var studio: StudioProject?
    let lock: ProjectLock?

    /// A production on any repository and journal (in memory, for tests of decisions), with
    /// no lock.
    public init(name: String, script: URL, config: ProjectConfig, workspace: Workspace, blobs: DirectoryBlobStore,
                repository: any ProjectRepository, journal: any JobJournal, rendersDirectory: URL) {
        self.init(name: name, script: script, config: config, workspace: workspace, blobs: blobs, repository: repository,
                  journal: journal, rendersDirectory: rendersDirectory, lock: nil)
    }

    init(name: String, script: URL, config: ProjectConfig, workspace: Workspace, blobs: DirectoryBlobStore,
         repository: any ProjectRepository, journal: any JobJournal, rendersDirectory: URL, lock: ProjectLock?) {
        self.name = name
        self.script = script
        self.config = config
        self.workspace = workspace
        self.blobs = blobs
        self.repository = repository
        self.cast = repository
        self.journal = journal
        self.rendersDirectory = rendersDirectory
        self.lock = lock
    }

    /// Releases the project lock; call it when the command is done (`defer`).
    public func close() { lock?.release() }

    /// Opens a project; `lockFor` names the command when it will change the project.
    /// `sharingLock` is for the studio server: its requests share one lock of the project
    /// (``ProjectLock/acquireShared(_:command:)``) instead of refusing each other.
    public static func open(_ project: Project, lockFor command: String?, sharingLock: Bool = false) throws -> Production {
        var config = project.config
        // An episode takes its series' look unless its own reel.yaml sets a style.
        // A series.yaml that does not read is an error, not a missing look: the look is in every
        // prompt, so losing it would make every take of every episode outdated.
        if config.style == nil, let folder = project.workspace.series {
            config.style = try Series.load(folder).config.look
        }
        return try open(name: project.config.title ?? project.directory.lastPathComponent, script: project.scriptURL,
                        config: config, workspace: project.workspace,
                        renders: project.directory.appendingPathComponent("renders"), lockFor: command, sharingLock: sharingLock)
    }

    /// Opens a loose script as a production with default settings and `format`.
    public static func open(script: URL, format: VideoFormat, environment: [String: String],
                            lockFor command: String?) throws -> Production {
        if let root = try Workspace.findProject(from: script.deletingLastPathComponent()) {
            var project = try Project.find(root)
            project.config.format = format
            if project.scriptURL.standardizedFileURL == script.standardizedFileURL { return try open(project, lockFor: command) }
        }
        var config = ProjectConfig(format: format)
        config.script = script.lastPathComponent
        return try open(name: script.deletingPathExtension().lastPathComponent, script: script, config: config,
                        workspace: try Workspace.forScript(script, environment: environment),
                        renders: URL(fileURLWithPath: "renders"), lockFor: command)
    }

    static func open(name: String, script: URL, config: ProjectConfig, workspace: Workspace, renders: URL,
                     lockFor command: String?, sharingLock: Bool = false) throws -> Production {
        // In a studio, the project's id there first: a project without one is refused before anything.
        let studioID = try workspace.studio.map { try $0.id(at: workspace.projectDirectory) }
        var lock: ProjectLock?
        if let command {
            // The lock first: a writer that is refused has opened (and migrated) nothing.
            if workspace.studio == nil { try workspace.checkStateIsNotLost() }
            try workspace.createStateDirectory()
            lock = sharingLock ? try ProjectLock.acquireShared(workspace.stateDirectory, command: command, studio: workspace.studio)
                : try ProjectLock.acquire(workspace.stateDirectory, command: command, studio: workspace.studio)
        }
        if workspace.studio != nil, let project = workspace.projectDirectory, let series = Series.containing(project) {
            lock?.release()
            throw ReelError(.configuration, "\(project.lastPathComponent) is an episode of the series in \(series.lastPathComponent); a series keeps its bible in its folder, not in the studio database",
                            at: project.path, hint: "nothing was changed; unset REEL_DATABASE to work on the series' episodes")
        }
        let repository: any ProjectRepository, journal: any JobJournal, blobs: DirectoryBlobStore
        var inStudio: StudioProject?
        do {
            if let studio = workspace.studio, let studioID {
                // The project's state in the studio database; its media on the studio's path.
                // State in the project's own file is never silently left behind (and paid for again).
                if try ProjectDatabase.holdsWork(at: workspace.databaseURL.path) {
                    throw ReelError(.configuration, "this project's takes and journal are in its own database (.reel/reel.sqlite), not in the studio database",
                                    at: workspace.databaseURL.path,
                                    hint: "nothing was changed; move them into the studio with `reel project import`, or unset REEL_DATABASE to work on the file")
                }
                let project = try StudioDatabase.shared(studio.address).project(studioID)
                (repository, journal) = (PostgresProjectRepository(project), PostgresJournal(project))
                blobs = try workspace.mediaStore()
                inStudio = project
            } else {
                let database: ProjectDatabase
                (database, blobs) = try workspace.open(readOnly: command == nil)
                (repository, journal) = (SQLiteProjectRepository(database: database), SQLiteJournal(database: database))
            }
        } catch {
            lock?.release()
            throw error
        }
        var production = Production(name: name, script: script, config: config, workspace: workspace, blobs: blobs,
                                    repository: repository, journal: journal, rendersDirectory: renders, lock: lock)
        production.studio = inStudio
        if let series = workspace.series {
            do {
                production.cast = SQLiteProjectRepository(database: try Self.openBible(series, readOnly: command == nil))
                if command != nil, let episode = workspace.projectDirectory {
                    // The bible remembers the episode has state: losing it later is refused, not started over.
                    let marker = Series.episodeMarker(series, episode: episode)
                    if !FileManager.default.fileExists(atPath: marker.path) {
                        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
                        FileManager.default.createFile(atPath: marker.path, contents: Data((episode.path + "\n").utf8))
                    }
                }
            } catch {
                lock?.release()
                throw error
            }
        }
        return production
    }

    /// The bible of the series at `folder`: its own database (`.reel/reel.sqlite` beside
    /// `series.yaml`). A reader of a series without one yet reads an empty cast.
    static func openBible(_ folder: URL, readOnly: Bool) throws -> ProjectDatabase {
        let state = Series.state(of: folder), file = state.appendingPathComponent("reel.sqlite").path
        if readOnly { return try ProjectDatabase(readingAt: file) }
        do {
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the series' bible", at: state.path, hint: "check that the series folder can be written to")
        }
        return try ProjectDatabase(path: file)
    }
}
