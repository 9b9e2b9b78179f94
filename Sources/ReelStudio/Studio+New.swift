import Foundation
import ReelAssistant
import ReelEngine
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
    /// The template it was filled from; nil for a draft from an idea.
    public var template: String?
    /// The idea it was drafted from; nil for a template.
    public var idea: String?
    public var language: Language
    /// Blanks filled with their examples because they were not set.
    public var examples: [String]
    public var scenes: Int
    public var shots: Int
    /// The length of the storyboard, in seconds.
    public var seconds: Double
    /// Every file written, relative to the project.
    public var files: [String]
    /// The writer's calls, for a draft from an idea.
    public var writer: WriterReport?
}

/// A template as `reel templates` lists it.
public struct TemplateReport: Sendable, Codable, Hashable {
    /// One blank of the template in the report's language: its name, the question it asks, and
    /// the example used when it is not set.
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
        var report = try await createProject(text: text, title: title, language: request.language, directory: request.directory,
                                             parent: request.parent, format: request.format)
        report.template = template.name
        report.examples = examples
        return report
    }

    /// A project around a screenplay Reel wrote (`text`), with `extraFiles` beside it: the
    /// script is checked and copied in by ``Project/create(at:script:format:scriptFormat:)``,
    /// then planned. Nothing is written when a project is already there.
    /// - Parameter descriptions: what each character looks like, by name: kept as cast
    ///   entries (as `reel cast` would), so the cast and every prompt carry them.
    func createProject(text: String, title: String, language: Language, directory: URL?, parent: URL, format: VideoFormat,
                       extraFiles: [String: Data] = [:], descriptions: [String: String] = [:],
                       jobs: [WriterSession.Job] = []) async throws -> NewProjectReport {
        let claimed = directory == nil
        let directory = try directory ?? Self.claimDirectory(parent.appendingPathComponent(OutputFile.safeName(title)))
        do {
            return try await createProject(text: text, language: language, directory: directory, format: format,
                                           extraFiles: extraFiles, descriptions: descriptions, jobs: jobs)
        } catch {
            // A folder this call claimed holds nothing of anyone else's: it goes with the failure.
            if claimed { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
    }

    private func createProject(text: String, language: Language, directory: URL, format: VideoFormat,
                               extraFiles: [String: Data], descriptions: [String: String],
                               jobs: [WriterSession.Job]) async throws -> NewProjectReport {
        let ext = language == .chinese ? "txt" : "fountain"
        // Written beside, then copied in by Project.create with the same checks as `reel init --script`.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reel-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let draft = scratch.appendingPathComponent("script.\(ext)")
        try Data(text.utf8).write(to: draft)
        let project = try Project.create(at: directory, script: draft, format: format)
        for (name, data) in extraFiles.sorted(by: { $0.key < $1.key }) {
            try OutputFile.write(data, at: directory.appendingPathComponent(name))
        }
        let production = try Production.open(project, lockFor: "new")
        defer { production.close() }
        // The writer's paid calls, made before there was a project, join its journal and ledger:
        // `reel stats` counts what writing it cost, and the budget cap sees it.
        for job in jobs {
            let asset = try production.blobs.put(job.reply, mediaType: job.output.asset.mediaType)
            var output = job.output
            output.asset = asset
            try await production.journal.record(.succeeded(output), for: CacheKey(spec: job.node.spec, inputs: []), node: job.node)
        }
        var board = try await plan(production, save: true)
        if !descriptions.isEmpty {
            let wanted = Dictionary(descriptions.map { ($0.key.lowercased(), $0.value) }) { a, _ in a }
            // In a series the bible's entry stands: a new episode never rewrites who someone is.
            let known = try await production.cast.castEntries()
            for subject in board.subjects where subject.kind == .character && known[subject.id] == nil {
                guard let about = wanted[subject.name.lowercased()], !about.isEmpty else { continue }
                try await production.cast.saveCastEntry(CastEntry(kind: .character, name: subject.name, description: about),
                                                              for: subject.id)
            }
            board = try await plan(production, save: true)
        }
        return NewProjectReport(directory: directory.path, script: project.config.script, template: nil, idea: nil,
                                language: language, examples: [], scenes: board.scenes.count,
                                shots: board.shots.count, seconds: board.shots.reduce(0) { $0 + $1.duration.seconds },
                                files: [project.config.script, ProjectConfig.fileName, ".gitignore", ".reel/reel.sqlite"]
                                    + extraFiles.keys.sorted())
    }

    /// Claims a new folder for a project named `directory`, or the first of `directory-2`,
    /// `directory-3`… that does not exist yet: created without intermediates, so two requests
    /// for the same title never share one, and an existing folder is never taken over.
    static func claimDirectory(_ directory: URL) throws -> URL {
        for n in 1...999 {
            let candidate = n == 1 ? directory : directory.deletingLastPathComponent().appendingPathComponent("\(directory.lastPathComponent)-\(n)")
            do {
                try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: false)
                return candidate
            } catch CocoaError.fileWriteFileExists {
                continue
            } catch {
                if FileManager.default.fileExists(atPath: candidate.path) { continue }
                throw ReelError(.cannotWrite, "cannot create the project's folder", at: candidate.lastPathComponent,
                                hint: "check that the folder it goes in exists and can be written to")
            }
        }
        throw ReelError(.cannotWrite, "there are 999 folders named \(directory.lastPathComponent) already", hint: "give --dir")
    }
}
