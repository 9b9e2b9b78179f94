import Foundation
import ReelAssistant
import ReelModel
import ReelStore

/// What `reel new` makes a project from.
public struct NewProjectRequest: Sendable {
    /// A template's name (`reel templates`).
    public var template: String
    /// Values for its blanks; the others take their examples.
    public var values: [String: String]
    public var language: Language
    /// Where the project goes; nil for a folder named after the title in `parent`.
    public var directory: URL?
    public var parent: URL
    public var format: VideoFormat

    public init(template: String, values: [String: String] = [:], language: Language = .english, directory: URL? = nil,
                parent: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), format: VideoFormat = .default) {
        self.template = template
        self.values = values
        self.language = language
        self.directory = directory
        self.parent = parent
        self.format = format
    }
}

/// What `reel new` made: every file it wrote, and what the storyboard holds.
public struct NewProjectReport: Sendable, Codable, Hashable {
    public var directory: String
    public var script: String
    public var template: String
    public var language: Language
    /// Blanks filled with their examples because they were not set.
    public var examples: [String]
    public var scenes: Int
    public var shots: Int
    /// The length of the storyboard, in seconds.
    public var seconds: Double
    /// Every file written, relative to the project.
    public var files: [String]
}

/// A template as `reel templates` lists it.
public struct TemplateReport: Sendable, Codable, Hashable {
    public struct Blank: Sendable, Codable, Hashable {
        public var name: String
        public var ask: String
        public var example: String
    }

    public var name: String
    public var genre: String
    public var summary: String
    public var blanks: [Blank]
    public var source: String
}

extension Studio {
    /// The templates: built in, then the user's (`~/.config/reel/templates/`).
    public func templates() throws -> TemplateLibrary {
        try TemplateLibrary(folders: [Credentials.configDirectory(environment).appendingPathComponent("templates")])
    }

    /// The templates as `reel templates` shows them, in `language`.
    public func templateReports(language: Language) throws -> [TemplateReport] {
        try templates().templates.map { t in
            TemplateReport(name: t.name, genre: t.genre.text(language), summary: t.summary.text(language),
                           blanks: t.blanks.map { .init(name: $0.name, ask: $0.ask.text(language), example: $0.example.text(language)) },
                           source: t.source)
        }
    }

    /// A new project from a template, filled offline: its script, reel.yaml and a planned
    /// storyboard. Nothing is generated; `reel make` (or generate and render) comes next.
    ///
    /// Throws `usage` for an unknown template or blank, or a blank set to nothing, before
    /// anything is written; `usage` when a project is already there.
    public func newProject(_ request: NewProjectRequest) async throws -> NewProjectReport {
        let template = try templates().template(request.template)
        let (text, examples) = try template.fill(request.values, language: request.language)
        let title = (request.values["title"] ?? template.blanks.first { $0.name == "title" }?.example.text(request.language))
            ?? template.name
        let directory = request.directory ?? request.parent.appendingPathComponent(OutputFile.safeName(title))
        let ext = request.language == .chinese ? "txt" : "fountain"
        // Written beside, then copied in by Project.create with the same checks as `reel init --script`.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reel-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let draft = scratch.appendingPathComponent("script.\(ext)")
        try Data(text.utf8).write(to: draft)
        let project = try Project.create(at: directory, script: draft, format: request.format)
        let production = try Production.open(project, lockFor: "new")
        defer { production.close() }
        let board = try await plan(production, save: true)
        return NewProjectReport(directory: directory.path, script: project.config.script, template: template.name,
                                language: request.language, examples: examples, scenes: board.scenes.count,
                                shots: board.shots.count, seconds: board.shots.reduce(0) { $0 + $1.duration.seconds },
                                files: [project.config.script, ProjectConfig.fileName, ".gitignore", ".reel/reel.sqlite"])
    }
}
