import ArgumentParser

/// The `reel` command: an AI film studio on the command line.
public struct ReelCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reel",
        abstract: "Turn a screenplay into a finished, labelled film.",
        subcommands: []
    )

    public init() {}
}
