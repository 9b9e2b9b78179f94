import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

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
            MakeCommand.self, NewCommand.self, TemplatesCommand.self, SeriesCommand.self, InitCommand.self, PlanCommand.self, ShotCommand.self, CastCommand.self, VoicesCommand.self, MusicCommand.self, SongCommand.self, ConsentCommand.self, KeyframesCommand.self, GenerateCommand.self, TakesCommand.self, ReviewCommand.self, NoteCommand.self, PickCommand.self, UnpickCommand.self, ReviseCommand.self,
            RenderCommand.self, ExportCommand.self, StatusCommand.self, StatsCommand.self, BoardCommand.self, ProvidersCommand.self,
            CheckCommand.self, DoctorCommand.self, ServeCommand.self, UsersCommand.self, ProjectCommand.self, WorkerCommand.self, WorkersCommand.self, BudgetCommand.self, McpCommand.self,
            DevCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line. Every way it can fail ends in ``CommandOutcome``: one
    /// `reel: error:` message with its hint and the exit status its kind calls for.
    public static func launch(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        StudioSettings.adoptEnvironment()
        do {
            _ = try CommandPath.resolve(arguments, root: self, strict: true)
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            finish(CommandOutcome.of(error, arguments: arguments))
        }
    }

    static func finish(_ outcome: CommandOutcome) -> Never {
        switch outcome {
        case .text(let text):
            Terminal.out(text)
            Foundation.exit(0)
        case .exit(let status):
            Foundation.exit(status)
        case .error(let error):
            Terminal.error(error)
            Foundation.exit(error.code.exitStatus)
        }
    }
}
