import ArgumentParser
import Foundation
import ReelModel

/// The `reel` command: an AI film studio on the command line.
public struct ReelCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reel",
        abstract: "Turn a screenplay into a finished, labelled film.",
        discussion: """
            Offline, Reel renders an animatic: drawn panels, camera moves, a voice per character, \
            subtitles and a music bed. With providers configured it renders real takes, shot by shot.
            """,
        version: ReelVersion.current,
        subcommands: [
            MakeCommand.self, InitCommand.self, PlanCommand.self, GenerateCommand.self, TakesCommand.self, PickCommand.self,
            RenderCommand.self, ExportCommand.self, StatusCommand.self, StatsCommand.self, BoardCommand.self, ProvidersCommand.self,
            CheckCommand.self, DoctorCommand.self,
            DevCommand.self,
        ]
    )

    public init() {}

    /// Runs the command; Reel's errors are printed here and only here, as one message
    /// with the exit status their kind calls for.
    public static func launch() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ReelError {
            Terminal.error(error)
            Foundation.exit(error.code.exitStatus)
        } catch {
            exit(withError: error)
        }
    }
}

/// The version Reel reports.
public enum ReelVersion {
    public static let current = "0.1.0"
}
