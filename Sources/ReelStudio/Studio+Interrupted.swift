import Foundation
import ReelModel

extension Studio {
    /// The command whose run was cut short (killed, Ctrl-C, a crash) while it held the
    /// project, when it is one that runs jobs: `make`, `generate`, `render` or `export`.
    /// `reel status` names it, so the advice to resume is the command that was running.
    ///
    /// A holder that ends normally removes its record; one that is interrupted leaves it
    /// behind, naming a process that no longer runs (``ProjectHolder``).
    public func interruptedCommand(_ production: Production) -> String? {
        let record = production.workspace.stateDirectory.appendingPathComponent(ProjectHolder.fileName)
        guard let holder = ProjectHolder.read(record), !holder.isAlive else { return nil }
        let command = holder.command.split(separator: " ").first.map(String.init) ?? holder.command
        return ["make", "generate", "render", "export"].contains(command) ? command : nil
    }
}
