import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel new "idea"`: a project drafted by the configured language model;
/// `reel new --template NAME [--set blank=value …]`: a project from a template, offline.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a project from an idea (drafted by a language model) or a template (offline): a screenplay and its storyboard.",
        discussion: """
            reel new "a courier's last delivery on a stormy night is to the mother she has not seen in ten years" \
            --length 90 drafts an outline, then the screenplay, with the language model named by REEL_WRITER \
            (deepseek, qwen, moonshot, openai, ollama or openai-compatible, with its key) or --writer; each call \
            is a job, cached: asking again costs nothing. The outline is kept as outline.json beside the script.

            reel new --template reversal --set hero="林晚" --set twist="公司新的董事长" --lang zh writes a \
            Chinese short-drama script from the reversal template, creates the project around it and plans \
            its storyboard; `reel make` (or generate and render) comes next. Blanks you do not set take the \
            template's example. `reel templates` lists the templates and their blanks; your own go in \
            ~/.config/reel/templates/.
            """)

    @Argument(help: "An idea in a sentence, for the writer to draft a screenplay from.")
    var idea: String?

    @Option(help: "The film's length in seconds, for a draft from an idea (default: a length the idea names, else 60).")
    var length: Int?

    @Flag(help: "Ask what the writer needs first (genre, audience, characters, ending, tone, length), show what drafting costs at most, then draft.")
    var interview = false

    @Flag(name: .shortAndLong, help: "With --interview: draft without asking to go ahead.")
    var yes = false

    @Option(help: "The language model that writes: PROVIDER or PROVIDER/MODEL (default: $REEL_WRITER).")
    var writer: String?

    @Option(help: "Another draft of the same idea: a new seed is a new call; the same one is answered from the cache.")
    var seed: UInt64 = 1

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
        return (values + [idea ?? ""]).contains { Language.detect($0) == .chinese } ? .chinese : .english
    }

    func validate() throws {
        if let lang, !["en", "zh"].contains(lang) { throw ValidationError("--lang must be en or zh (got '\(lang)')") }
        for value in values where !value.contains("=") {
            throw ValidationError("--set takes name=value (got '\(value)'), e.g. --set hero=\"Lin\"")
        }
        if interview, template != nil { throw ValidationError("--interview drafts from an idea; a template asks its own blanks (--set)") }
        if template == nil, idea == nil, !interview {
            throw ValidationError("give an idea (`reel new \"a courier's last delivery…\"`) or a template "
                                  + "(`reel new --template reversal`; `reel templates` lists them)")
        }
        if template != nil, idea != nil {
            throw ValidationError("give an idea or --template, not both")
        }
        if let length, !(10...600).contains(length) { throw ValidationError("--length is in seconds, 10 to 600 (got \(length))") }
        if let idea, idea.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the idea is empty: say it in a sentence, or start from a template with --template")
        }
    }

    func run() async throws {
        guard let template else {
            var request = IdeaRequest(idea: idea ?? "", language: lang == nil ? nil : language,
                                      seconds: length ?? 60, writer: writer, seed: seed,
                                      directory: dir.map { URL(fileURLWithPath: $0) }, format: format.format)
            if interview {
                guard try ask(&request) else { return Terminal.err("nothing asked, nothing spent") }
            }
            return try show(try await Studio().draftProject(request))
        }
        let report = try await Studio().newProject(NewProjectRequest(
            template: template, values: Self.blanks(values), language: language, directory: dir.map { URL(fileURLWithPath: $0) },
            format: format.format))
        try show(report)
    }

    /// The interview in the terminal: the idea if there is none, each question the idea leaves
    /// open (an empty answer skips it), then what drafting costs at most, and whether to go ahead.
    func ask(_ request: inout IdeaRequest) throws -> Bool {
        // The writer is checked before anyone answers anything.
        _ = try Studio().draftEstimate(IdeaRequest(idea: "?", writer: request.writer))
        func answer(_ question: String) throws -> String {
            guard let line = Terminal.ask(question) else {
                throw ReelError(.usage, "the interview ran out of answers (the input ended)",
                                hint: "run it in a terminal, or give the idea and --length without --interview")
            }
            return line
        }
        if request.idea.trimmingCharacters(in: .whitespaces).isEmpty {
            request.idea = try answer(lang == "zh" ? "你的影片讲什么？（一句话）" : "What is your film about? (a sentence)")
        }
        let language = request.language ?? Language.detect(request.idea)
        if length == nil, let seconds = Studio.seconds(namedIn: request.idea) { request.seconds = seconds }
        for question in Studio.interviewQuestions(for: request.idea, language: language) where !(question.id == "length" && length != nil) {
            var reply = try answer("\(question.ask) [\(language == .chinese ? "例如" : "e.g.") \(question.example)]")
            if question.id == "length" {
                while !reply.isEmpty, Studio.seconds(answer: reply) == nil {
                    reply = try answer(language == .chinese ? "请给出 10 到 600 之间的秒数，或留空：" : "Seconds from 10 to 600, or empty to skip:")
                }
                if let seconds = Studio.seconds(answer: reply) { request.seconds = seconds }
            } else if !reply.isEmpty {
                request.answers[question.id] = reply
            }
        }
        let estimate = try Studio().draftEstimate(request)
        Terminal.err("the writer will ask \(estimate.provider)/\(estimate.model) for an outline, then the \(request.seconds)-second "
                     + "screenplay (\(estimate.calls) calls at most, with a retry each) — at most \(estimate.maxTokens) tokens"
                     + (estimate.atMost.map { ", \($0)" } ?? " (no price for it in the catalog)"))
        if yes { return true }
        let go = try answer(language == .chinese ? "开始起草？[Y/n]" : "Draft it? [Y/n]").lowercased()
        return go == "" || go == "y" || go == "yes" || go == "是"
    }

    func show(_ report: NewProjectReport) throws { try Self.show(report, json: json) }

    /// `--set name=value` pairs as a template's blanks (validated to hold an `=`).
    static func blanks(_ pairs: [String]) -> [String: String] {
        var set: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            set[String(parts[0]).trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? String(parts[1]) : ""
        }
        return set
    }

    /// What `reel new` (and `reel series add-episode`) made, as lines or JSON.
    static func show(_ report: NewProjectReport, json: Bool) throws {
        if json { return try Terminal.json(report) }
        Terminal.out("\(report.directory)  \(report.template ?? (report.writer == nil ? "from its script" : "drafted")) (\(report.language == .chinese ? "zh" : "en")): "
                     + "\(Plural.count(report.scenes, "scene")), \(Plural.count(report.shots, "shot")), "
                     + String(format: "%.0f s", report.seconds))
        Terminal.out("  wrote " + report.files.joined(separator: ", "))
        if let writer = report.writer {
            for call in writer.calls {
                var line = "  \(call.step)\(call.attempt > 1 ? " (retry)" : ""): \(writer.provider)/\(writer.model), "
                line += call.cached ? "from the cache" : [call.tokens.map { "\($0) tokens" }, call.cost.map { "\($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                if !call.problems.isEmpty { line += "; not usable: " + call.problems.prefix(2).joined(separator: "; ") }
                Terminal.out(line)
            }
            Terminal.out("  writer: \(writer.summary)")
        }
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
