import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel providers`: what is configured, each model's capabilities and prices; `test`,
/// `explain` and `catalog` below it.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers", abstract: "Video, image, speech and text providers: which are configured, their models and prices.",
        subcommands: [List.self, Test.self, Explain.self, Catalog.self], defaultSubcommand: List.self)

    /// The project's settings when there is a project here (or at --project), else the defaults.
    static func settings(_ options: ProjectOptions) throws -> (ProjectConfig, URL?) {
        if options.directory == nil, (try? Project.find(nil)) == nil { return (ProjectConfig(), nil) }
        let project = try options.project()
        return (project.config, project.directory)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every provider and its models (the default).")

        @OptionGroup var project: ProjectOptions

        @Flag(help: "Print the providers and models as JSON (keys are never shown).")
        var json = false

        @Flag(help: "Show every provider's models, configured or not.")
        var all = false

        func run() async throws {
            let (config, directory) = try ProvidersCommand.settings(project)
            let report = try Studio().providersReport(config: config, projectDirectory: directory)
            if json { return try Terminal.json(report) }
            Terminal.out("animatic: built in, offline, always available")
            for p in report.providers {
                let state = p.configured ? "configured" : "not configured — \(p.missing ?? "")"
                Terminal.out("\(p.id): \(p.name) (\(p.media.joined(separator: ", "))), \(state)")
                if p.configured {
                    Terminal.out("  base URL \(p.baseURL) (override: \(p.baseURLVariable))")
                    for key in p.keys where key.set { Terminal.out("  \(key.name) from \(key.source ?? "")") }
                }
                guard p.configured || all else { continue }
                for m in p.models {
                    Terminal.out("  \(m.id): \(m.modes.joined(separator: "/")), \(m.durations), \(m.sizes.joined(separator: "/"))"
                                 + (m.maxReferences > 0 ? ", ≤\(m.maxReferences) refs" : "") + (m.nativeAudio ? ", sound" : "")
                                 + ", quality \(m.quality), \(m.price ?? "price unknown")")
                }
            }
            Terminal.out("policy: \(report.policy); catalog: \(report.catalogSources.joined(separator: " + "))")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Makes one cheap authenticated call to a provider.")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The provider id, e.g. kling.")
        var provider: String

        func run() async throws {
            let (config, directory) = try ProvidersCommand.settings(project)
            let said = try await Studio().testProvider(ProviderID(provider.lowercased()), config: config, projectDirectory: directory)
            Terminal.out("\(provider): \(said)")
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Which model makes a shot, and why.")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The shot id, e.g. S03-07.")
        var shot: ShotID

        @Flag(help: "Print the decision as JSON.")
        var json = false

        func run() async throws {
            let production = try project.open(lockFor: nil)
            defer { production.close() }
            let e = try await Studio().explain(production, shot: shot)
            if json { return try Terminal.json(e) }
            Terminal.out("\(e.shot) needs \(e.needs)")
            Terminal.out("→ \(e.provider)/\(e.model), \(String(format: "%g", e.seconds)) s (\(e.fit))" + (e.estimate.map { ", about \($0)" } ?? ""))
            for reason in e.reasons { Terminal.out("  \(reason)") }
        }
    }

    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalog", abstract: "Prints the built-in model catalog as YAML, to copy into a models.yaml.")

        func run() async throws {
            Terminal.write(Data(Studio.builtinCatalogYAML().utf8), to: .out)
        }
    }
}
