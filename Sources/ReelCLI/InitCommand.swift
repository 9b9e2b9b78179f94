import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel init DIR --script SCRIPT`: a new project.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project: reel.yaml, the script and .reel/ (its state).")

    @Argument(help: "The project directory (created if needed).", completion: .directory)
    var directory: String

    @Option(help: "A screenplay to start from (copied into the project).", completion: .file(extensions: ["fountain", "txt"]))
    var script: String?

    @OptionGroup var format: FormatOptions

    @OptionGroup var scriptFormat: ScriptFormatOptions

    func run() async throws {
        let dir = URL(fileURLWithPath: directory)
        let project = try Project.create(at: dir, script: script.map { URL(fileURLWithPath: $0) }, format: format.format,
                                         scriptFormat: try ScriptSource.format(named: scriptFormat.name))
        _ = try Production.open(project, lockFor: "init")
        Terminal.out("\(dir.path)  project created (\(project.config.format), script \(project.config.script))")
        Terminal.err("next: cd \(directory) && reel plan && reel generate && reel render")
    }
}
