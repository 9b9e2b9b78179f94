import Foundation
import ReelModel
import ReelStore

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

extension Studio {
    /// Another process running this project now — a `reel make` beside the server, another
    /// machine of the studio: who, as `reel make on render-2 pid 4242`; nil when none. Its
    /// unfinished takes are in hand, not interrupted: nothing is offered to resume them.
    public func heldElsewhere(_ production: Production) async -> String? {
        if let studio = production.studio {
            let me = (host: ProcessInfo.processInfo.hostName, pid: Int(getpid()))
            let holders = (try? await studio.database.lockHolders()) ?? []
            return holders.first { $0.project == studio.id && !($0.host == me.host && $0.pid == me.pid) }.map { holder in
                "reel \(holder.command)" + (holder.host.map { " on \($0)" } ?? "") + (holder.pid.map { " pid \($0)" } ?? "")
            }
        }
        guard let holder = ProjectHolder.current(production.workspace.stateDirectory), holder.pid != getpid() else { return nil }
        return "reel \(holder.command) pid \(holder.pid)"
    }
}
