import Foundation
import ReelModel
import ReelScript
import ReelStore

/// A film project: a directory with `reel.yaml`, its script and its `.reel/` state.
public struct Project: Sendable {
    public var directory: URL
    public var config: ProjectConfig

    public var configURL: URL { directory.appendingPathComponent(ProjectConfig.fileName) }
    public var scriptURL: URL { directory.appendingPathComponent(config.script) }
    public var workspace: Workspace { Workspace.project(at: directory, studioID: config.studioID) }

    /// The project at `directory`, or the nearest one above the current directory (which
    /// must still exist: a deleted one is said so, not searched upwards forever).
    public static func find(_ directory: URL? = nil) throws -> Project {
        var start = try Workspace.currentDirectory()
        if let directory { start = directory.path.hasPrefix("/") ? directory : start.appendingPathComponent(directory.path) }
        let here = FileManager.default.fileExists(atPath: start.appendingPathComponent(ProjectConfig.fileName).path)
        guard let root = directory != nil && here ? start : try Workspace.findProject(from: start) else {
            throw ReelError(.usage, "not in a Reel project (no reel.yaml here or above)", at: start.path,
                            hint: "create one with `reel init DIR --script SCRIPT`, or pass a script: `reel make SCRIPT`")
        }
        return Project(directory: root, config: try ProjectConfig.load(root.appendingPathComponent(ProjectConfig.fileName)))
    }

    /// Creates `directory` as a project: `reel.yaml`, the script (copied in), `.reel/`.
    public static func create(at directory: URL, script: URL?, format: VideoFormat,
                              scriptFormat: ScriptFormat = .auto) throws -> Project {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.appendingPathComponent(ProjectConfig.fileName).path) {
            throw ReelError(.usage, "there is already a project here", at: directory.path,
                            hint: "use it as it is, or choose another directory")
        }
        var config = ProjectConfig(format: format)
        // In a studio on several machines, the project's id there from the start.
        if StudioSettings.current.database != nil { config.studioID = ProjectConfig.newStudioID(directory) }
        var scriptText = Project.starterScript
        if let script {
            let reading = try ScriptSource.load(script, format: scriptFormat)  // the same errors as every command for a bad script
            scriptText = try String(contentsOf: script, encoding: .utf8)
            let ext = reading.format == .shortDrama ? "txt" : "fountain"
            config.script = script.pathExtension == ext ? script.lastPathComponent : "script.\(ext)"
            config.scriptFormat = scriptFormat
        }
        do {
            try fm.createDirectory(at: directory.appendingPathComponent(".reel"), withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the project directory", at: directory.path,
                            hint: "choose a directory you can write to")
        }
        let target = directory.appendingPathComponent(config.script)
        if !fm.fileExists(atPath: target.path) { try OutputFile.write(Data(scriptText.utf8), at: target) }
        try OutputFile.write(Data(config.yaml().utf8), at: directory.appendingPathComponent(ProjectConfig.fileName))
        let ignore = directory.appendingPathComponent(".gitignore")
        if !fm.fileExists(atPath: ignore.path) { try OutputFile.write(Data(".reel/\nrenders/\n".utf8), at: ignore) }
        // The database now, deliberately new: `renders/` or media already here (from a loose
        // script made in this directory) must not be taken for this project's lost state.
        let project = Project(directory: directory, config: config)
        if project.workspace.studio == nil, !fm.fileExists(atPath: project.workspace.databaseURL.path) {
            _ = try ProjectDatabase(path: project.workspace.databaseURL.path)
        }
        return project
    }

    static let starterScript = """
        Title: Untitled

        INT. SOMEWHERE - DAY

        Describe what we see.

        SOMEONE
        Say something.

        """
}
