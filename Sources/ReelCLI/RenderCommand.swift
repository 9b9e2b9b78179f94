import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel render`: the cut from the picked takes.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Cut the film from the picked takes (the newest good take where none is picked). Never makes a take.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "Where to write the film (default: renders/<title>.mp4 in the project).")
    var out: String?

    @Flag(help: "Burn the subtitles into the picture (default: the project's setting).")
    var burnSubtitles = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func validate() throws {
        if let out, !out.lowercased().hasSuffix(".mp4") { throw ValidationError("--out must name an .mp4 file (got '\(out)')") }
    }

    func run() async throws {
        let production = try project.open(lockFor: "render")
        defer { production.close() }
        let output = out.map { URL(fileURLWithPath: $0) }
        let result = try await Progress.run(quiet: quiet || json, stopping: production, command: "render") { events in
            try await Studio().film(production, output: output, burnSubtitles: burnSubtitles ? true : nil, makeMissing: false,
                                    events: events)
        }
        FilmOutput.print(result, json: json, quiet: quiet)
    }
}

/// How `make` and `render` report a film.
enum FilmOutput {
    static func print(_ result: FilmResult, json: Bool, quiet: Bool) {
        if json {
            try? Terminal.json(MakeReport(result))
            return
        }
        Terminal.out("\(result.film.path)  \(MakeReport.seconds(result.frames, result.storyboard.format)) s, "
                     + "\(Plural.count(result.storyboard.shots.count, "shot")), \(result.storyboard.format)")
        if !quiet {
            Terminal.err("subtitles: \(result.subtitles.path)")
            for warning in result.warnings { Terminal.err("note: \(warning)") }
        }
    }
}
