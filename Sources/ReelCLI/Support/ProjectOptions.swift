import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `--project DIR`: which project a command works on (default: the one containing the
/// current directory).
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("project"), help: "The project directory (default: the project containing the current directory).",
            completion: .directory)
    var directory: String?

    func project() throws -> Project {
        try Project.find(directory.map { URL(fileURLWithPath: $0) })
    }

    /// Opens the project; commands that change it name themselves to take its lock.
    func open(lockFor command: String?) throws -> Production {
        try Production.open(try project(), lockFor: command)
    }
}

/// Shot ids on the command line: `S01-02`.
extension ShotID: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(argument.uppercased())
    }
}
