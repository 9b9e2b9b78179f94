import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// `/api/workers`: who works in the studio — its `reel worker` processes and their jobs,
/// the runs that hold its projects, the jobs waiting for a worker. What `reel workers --json`
/// prints; nobody (`database` null) when the server keeps projects in their own files.
struct WorkersController {
    let library: ProjectLibrary
    let studio: Studio

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: StudioContext) async throws -> JSONAnswer<WorkersReport> {
        JSONAnswer(try await studio.workers(required: false, titledFrom: Array(library.projects().values)))
    }
}
