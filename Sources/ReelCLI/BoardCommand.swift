import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel board SCRIPT --html DIR`: a storyboard sheet with a panel per shot.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Draw the storyboard: a panel per shot with its id, size, move, duration, action and dialogue.")

    @Argument(help: "The screenplay: Fountain (.fountain) or a Chinese short-drama script (.txt).", completion: .file(extensions: ["fountain", "txt"]))
    var script: String

    @Option(help: "Write an HTML storyboard sheet (index.html and panels/) into this directory.")
    var html: String

    @OptionGroup var format: FormatOptions

    @OptionGroup var scriptFormat: ScriptFormatOptions

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func run() async throws {
        let script = URL(fileURLWithPath: self.script)
        let directory = URL(fileURLWithPath: html)
        let scriptFormat = try ScriptSource.format(named: self.scriptFormat.name)
        let result = try await Progress.run(quiet: quiet) { events in
            try await Studio().board(script: script, directory: directory, format: format.format, scriptFormat: scriptFormat,
                                     events: events)
        }
        Terminal.out("\(result.html.path)  \(Plural.count(result.panels.count, "panel"))")
    }
}
