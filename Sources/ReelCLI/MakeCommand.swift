import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
import ReelStudio

/// `reel make SCRIPT`: plan, generate and render in one command.
struct MakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make",
        abstract: "Make a film from a screenplay in one command.",
        discussion: """
            Plans the storyboard, renders every shot, voice and music cue, and cuts the film. \
            Finished work is kept: running it again re-renders only what changed.
            """)

    @Argument(help: "The screenplay: Fountain (.fountain) or a Chinese short-drama script (.txt); inside a project, leave it out to make the project's film.",
              completion: .file(extensions: ["fountain", "txt"]))
    var script: String?

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "Where to write the film (default: renders/<script name>.mp4).")
    var out: String?

    @OptionGroup var format: FormatOptions

    @OptionGroup var scriptFormat: ScriptFormatOptions

    @Flag(help: "Burn the subtitles into the picture (a sidecar .srt is always written).")
    var burnSubtitles = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func validate() throws {
        if let out, !out.lowercased().hasSuffix(".mp4") {
            throw ValidationError("--out must name an .mp4 file (got '\(out)')")
        }
    }

    func run() async throws {
        let output = out.map { URL(fileURLWithPath: $0) }
        let result: MakeResult
        if let script {
            let request = MakeRequest(script: URL(fileURLWithPath: script), output: output, format: format.format,
                                      burnSubtitles: burnSubtitles, scriptFormat: try ScriptSource.format(named: scriptFormat.name))
            result = try await Progress.run(quiet: quiet || json) { events in try await Studio().make(request, events: events) }
        } else {
            var production = try project.open(lockFor: "make")
            defer { production.close() }
            if scriptFormat.name != "auto" { production.config.scriptFormat = try ScriptSource.format(named: scriptFormat.name) }
            result = try await Progress.run(quiet: quiet || json, stopping: production, command: "make") { [production] events in
                try await Studio().film(production, output: output, burnSubtitles: burnSubtitles ? true : nil,
                                        makeMissing: true, events: events)
            }
        }
        FilmOutput.print(result, json: json, quiet: quiet)
    }
}
