import Foundation
import ReelEngine
import ReelModel

/// A project folder deleted (or moved) while a command runs: every job after that fails the
/// same way — its file has nowhere to go — after the provider has made, and charged for, it.
/// The run stops at the first failed job that finds the state directory gone, with one
/// error that says so, instead of failing every job and ending on a misleading one.
extension Studio {
    /// Runs `graph` for `production`, stopping the whole run as soon as a job fails (or is
    /// to be retried) while the production's state directory no longer exists.
    func runWatchingProject(_ graph: JobGraph, executor: Executor, production: Production, command: String,
                            events: AsyncStream<RunEvent>.Continuation?) async throws -> RunSummary {
        let (inner, sink) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        return try await withThrowingTaskGroup(of: RunSummary?.self) { group in
            group.addTask {
                defer { sink.finish() }
                do {
                    return try await executor.run(graph, events: sink)
                } catch {
                    // A journal that cannot be written because its folder is gone says so too.
                    if let lost = Studio.lostProject(production, command: command) { throw lost }
                    throw error
                }
            }
            group.addTask {
                for await event in inner {
                    switch event {
                    case .failed, .retrying:
                        if let lost = Studio.lostProject(production, command: command) { throw lost }
                    default:
                        break
                    }
                    events?.yield(event)
                }
                return nil
            }
            var summary: RunSummary?
            while let value = try await group.next() {
                if let value { summary = value }
            }
            guard let summary else { throw CancellationError() }
            return summary
        }
    }

    /// The error for a production whose state directory has gone while `command` ran; nil
    /// while it is there.
    static func lostProject(_ production: Production, command: String) -> ReelError? {
        let state = production.workspace.stateDirectory
        guard !FileManager.default.fileExists(atPath: state.path) else { return nil }
        if let project = production.workspace.projectDirectory {
            let gone = FileManager.default.fileExists(atPath: project.path) ? "its .reel folder" : "the project folder"
            return ReelError(.cannotWrite, "\(gone) was deleted or moved while `reel \(command)` ran, so nothing more could be stored; the run stopped",
                             at: project.path,
                             hint: "put the folder back (from the trash or a backup) and run `reel \(command)` again: finished work "
                                + "is kept and submitted jobs are polled, not paid again; or start a new project with `reel init`")
        }
        return ReelError(.cannotWrite, "Reel's state folder for this script was deleted while `reel \(command)` ran; the run stopped",
                         at: state.path, hint: "run `reel \(command)` again; it starts over in a new state folder")
    }
}
