import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel new --template NAME [--set blank=value …]`: a project from a template, offline.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a project from a template (offline): a screenplay with your blanks filled in, and its storyboard.",
        discussion: """
            reel new --template reversal --set hero="林晚" --set twist="公司新的董事长" --lang zh writes a \
            Chinese short-drama script from the reversal template, creates the project around it and plans \
            its storyboard; `reel make` (or generate and render) comes next. Blanks you do not set take the \
            template's example. `reel templates` lists the templates and their blanks; your own go in \
            ~/.config/reel/templates/.
            """)

    @Argument(help: "An idea in a sentence (drafting from an idea needs the writer, which is not built yet; use --template).")
    var idea: String?

    @Option(help: "The template to fill (`reel templates` lists them).")
    var template: String?

    @Option(name: .customLong("set"), help: "A blank's value, as name=value (repeat for each blank).")
    var values: [String] = []

    @Option(help: "The script's language: en (Fountain) or zh (the Chinese short-drama format).")
    var lang: String?

    @Option(help: "The project directory (default: a folder named after the title).", completion: .directory)
    var dir: String?

    @OptionGroup var format: FormatOptions

    @Flag(help: "Print what was made as JSON.")
    var json = false

    var language: Language {
        if let lang { return lang == "zh" ? .chinese : .english }
        return values.contains { Language.detect($0) == .chinese } ? .chinese : .english
    }

    func validate() throws {
        if let lang, !["en", "zh"].contains(lang) { throw ValidationError("--lang must be en or zh (got '\(lang)')") }
        for value in values where !value.contains("=") {
            throw ValidationError("--set takes name=value (got '\(value)'), e.g. --set hero=\"Lin\"")
        }
        if template == nil, idea == nil {
            throw ValidationError("say which template: `reel new --template reversal` (`reel templates` lists them)")
        }
        if let idea, idea.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the idea is empty: say it in a sentence, or start from a template with --template")
        }
    }

    func run() async throws {
        guard let template else {
            throw ReelError(.configuration, "drafting a screenplay from an idea needs Reel's writer, which is not built yet",
                            hint: "start from a template, offline: `reel new --template reversal --set hero=…` (`reel templates` lists them); "
                                + "or write the script and `reel init DIR --script FILE`")
        }
        var set: [String: String] = [:]
        for pair in values {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            set[String(parts[0]).trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? String(parts[1]) : ""
        }
        let report = try await Studio().newProject(NewProjectRequest(
            template: template, values: set, language: language, directory: dir.map { URL(fileURLWithPath: $0) },
            format: format.format))
        if json { return try Terminal.json(report) }
        Terminal.out("\(report.directory)  \(report.template) (\(report.language == .chinese ? "zh" : "en")): "
                     + "\(Plural.count(report.scenes, "scene")), \(Plural.count(report.shots, "shot")), "
                     + String(format: "%.0f s", report.seconds))
        Terminal.out("  wrote " + report.files.joined(separator: ", "))
        if !report.examples.isEmpty {
            Terminal.out("  from the template's examples: \(report.examples.joined(separator: ", ")) (set them with --set NAME=…)")
        }
        Terminal.err("next: cd \(report.directory) && reel board && reel make")
    }
}

/// `reel templates`: the templates `reel new` fills, with their blanks.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "List the screenplay templates `reel new --template` fills, with their blanks.")

    @Option(help: "Describe them in en or zh.")
    var lang = "en"

    @Flag(help: "Print the templates as JSON.")
    var json = false

    func validate() throws {
        if !["en", "zh"].contains(lang) { throw ValidationError("--lang must be en or zh (got '\(lang)')") }
    }

    func run() async throws {
        let templates = try Studio().templateReports(language: lang == "zh" ? .chinese : .english)
        if json { return try Terminal.json(templates) }
        for t in templates {
            Terminal.out("\(t.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(t.genre): \(t.summary)")
            for b in t.blanks { Terminal.out("    --set \(b.name)=…  \(b.ask) (e.g. \(b.example))") }
        }
    }
}
