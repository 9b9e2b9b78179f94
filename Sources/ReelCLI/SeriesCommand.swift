import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel series`: a series of episodes sharing one bible (cast, references, voices, consent, look).
struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Start a series, add episodes and see where it stands: episodes share one cast, its references, voices and look.",
        discussion: """
            reel series init "明日周一" --episodes 50 makes a folder with series.yaml (title, language, frame, look, \
            the rules its writer keeps) and the series' bible in .reel/. Each episode is a project in a folder beside \
            it (ep01, ep02…): `reel cast`, `reel cast voice` and `reel consent` in any episode change the bible, so \
            a character has the same reference images and voice in every episode, and every episode's prompts carry \
            the series' style. `reel series add-episode` adds the next one from an idea (the writer is told the \
            cast and the rules), a template or a script; `reel series status` lists episodes, takes, spending and yield.
            """,
        subcommands: [Status.self, Init.self, AddEpisode.self], defaultSubcommand: Status.self)

    /// Where the series is: `--series DIR`, else the current folder (or the episode it is).
    struct Location: ParsableArguments {
        @Option(help: "The series' folder, or one of its episodes (default: the current folder).", completion: .directory)
        var series: String?

        var url: URL { URL(fileURLWithPath: series ?? FileManager.default.currentDirectoryPath) }
    }

    /// `reel series init TITLE`.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Start a series: its folder, series.yaml and an empty bible.")

        @Argument(help: "The series' title.")
        var title: String

        @Option(help: "Episodes planned.")
        var episodes: Int?

        @Option(help: "The series' language: en or zh (default: the title's).")
        var lang: String?

        @Option(help: "The frame of every episode: 9:16, 16:9 or 1:1.")
        var aspect = "9:16"

        @Option(help: "Style words every episode's prompts carry (the look).")
        var style: String?

        @Option(name: .customLong("rule"), help: "What the writer keeps in every episode (repeat for each).")
        var rules: [String] = []

        @Option(help: "The series' folder (default: a folder named after the title).", completion: .directory)
        var dir: String?

        @Flag(help: "Print the series as JSON.")
        var json = false

        func validate() throws {
            if let lang, !["en", "zh"].contains(lang) { throw ValidationError("--lang must be en or zh (got '\(lang)')") }
            if VideoFormat.Aspect(rawValue: aspect) == nil { throw ValidationError("--aspect must be 9:16, 16:9 or 1:1 (got '\(aspect)')") }
        }

        func run() async throws {
            let report = try await Studio().startSeries(SeriesRequest(
                title: title, directory: dir.map { URL(fileURLWithPath: $0) }, language: lang.map { $0 == "zh" ? .chinese : .english },
                aspect: VideoFormat.Aspect(rawValue: aspect) ?? .vertical, episodes: episodes, style: style, rules: rules))
            if json { return try Terminal.json(report) }
            Terminal.out("\(report.directory)  series \"\(report.title)\" (\(report.language.rawValue), \(report.aspect.rawValue)"
                         + (report.planned.map { ", \($0) episodes planned" } ?? "") + ")")
            Terminal.out("  wrote series.yaml, .gitignore, .reel/reel.sqlite (the bible)")
            Terminal.err("next: cd \(report.directory) && reel series add-episode \"an idea\" (or --template NAME, or a script file)")
        }
    }

    /// `reel series add-episode IDEA|SCRIPT` or `--template NAME`.
    struct AddEpisode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-episode", abstract: "Add the next episode from an idea, a template or a script; it shares the series' cast.")

        @OptionGroup var location: Location

        @Argument(help: "An idea for the writer, or the path of a script file.")
        var source: String?

        @Option(help: "The template to fill instead (`reel templates` lists them).")
        var template: String?

        @Option(name: .customLong("set"), help: "A template blank's value, as name=value (repeat for each blank).")
        var values: [String] = []

        @Option(help: "The episode's length in seconds, for a draft from an idea (default: a length the idea names, else 60).")
        var length: Int?

        @Option(help: "The language model that writes: PROVIDER or PROVIDER/MODEL (default: $REEL_WRITER).")
        var writer: String?

        @Flag(help: "Print what was made as JSON.")
        var json = false

        func validate() throws {
            if template == nil, source == nil {
                throw ValidationError("give an idea, a script file, or --template NAME")
            }
            if template != nil, source != nil { throw ValidationError("give an idea or a script, or --template, not both") }
            for value in values where !value.contains("=") { throw ValidationError("--set takes name=value (got '\(value)')") }
            if let length, !(10...600).contains(length) { throw ValidationError("--length is in seconds, 10 to 600 (got \(length))") }
        }

        func run() async throws {
            let from: EpisodeSource
            if let template {
                from = .template(template, values: NewCommand.blanks(values))
            } else if let source, FileManager.default.fileExists(atPath: source) {
                from = .script(URL(fileURLWithPath: source))
            } else if let source, !source.contains(where: \.isWhitespace),
                      source.contains("/") || [".fountain", ".txt", ".spmd"].contains(where: source.lowercased().hasSuffix) {
                // A mistyped path is not an idea to pay a writer for.
                throw ReelError(.notFound, "there is no script at \(source)", at: source,
                                hint: "check the path; an idea is a sentence (`reel series add-episode \"Maya's first night\"`)")
            } else {
                let idea = source ?? ""
                from = .idea(idea, seconds: length ?? Studio.seconds(namedIn: idea) ?? 60, writer: writer, answers: [:])
            }
            try NewCommand.show(try await Studio().addEpisode(location.url, from: from), json: json)
        }
    }

    /// `reel series [status]`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "The series: its cast, and each episode's shots, takes, picks, spending and yield.")

        @OptionGroup var location: Location

        @Flag(help: "Print the series as JSON.")
        var json = false

        func run() async throws {
            let report = try await Studio().seriesStatus(location.url)
            if json { return try Terminal.json(report) }
            let count = report.planned.map { "\(report.episodes.count) of \($0) episodes" } ?? Plural.count(report.episodes.count, "episode")
            Terminal.out("\(report.title) — \(count), \(report.language.rawValue), \(report.aspect.rawValue)")
            if let look = report.look { Terminal.out("look: \(look)") }
            for rule in report.rules { Terminal.out("rule: \(rule)") }
            Terminal.out(report.cast.isEmpty ? "cast: none in the bible yet (`reel cast add NAME --image FILE` in any episode)"
                         : "cast: " + report.cast.map { "\($0.name) (\(Plural.count($0.references, "reference")))" }.joined(separator: ", "))
            for e in report.episodes {
                if let problem = e.problem {
                    Terminal.out("  \(e.name)  cannot be read: \(problem)")
                    continue
                }
                var line = "  \(e.name)  \(e.title): \(Plural.count(e.shots, "shot")), " + String(format: "%.0f s", e.seconds)
                    + ", \(Plural.count(e.takes, "take")), \(e.pickedShots) picked"
                if let yield = e.attemptsPerAccepted { line += String(format: ", 1 : %.2f attempts per accepted shot", yield) }
                if !e.spent.isEmpty { line += ", spent " + e.spent.map(\.description).joined(separator: " + ") }
                if e.film != nil { line += ", film rendered" }
                Terminal.out(line)
            }
            if !report.spent.isEmpty { Terminal.out("spent in all: " + report.spent.map(\.description).joined(separator: " + ")) }
        }
    }
}
