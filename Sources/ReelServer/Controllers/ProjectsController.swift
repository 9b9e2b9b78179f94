import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// `/api/projects`: the projects, and each one's board (the storyboard grid in one answer)
/// and cast.
struct ProjectsController {
    let library: ProjectLibrary
    let studio: Studio

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get(use: list)
        group.get(":project/board", use: board)
        group.get(":project/cast", use: cast)
    }

    @Sendable func list(_ request: Request, context: BasicRequestContext) async throws -> JSONAnswer<[ProjectLibrary.Entry]> {
        var entries: [ProjectLibrary.Entry] = []
        for (id, directory) in library.projects().sorted(by: { $0.key < $1.key }) {
            do {
                entries.append(try await entry(id, directory: directory))
            } catch let error as ReelError {
                // One broken project is listed with what is wrong; it does not hide the others.
                entries.append(ProjectLibrary.Entry(id: id, title: id, shots: 0, seconds: 0, aspect: "", spent: [],
                                                    problem: error.message + (error.hint.map { " (\($0))" } ?? "")))
            }
        }
        return JSONAnswer(entries)
    }

    func entry(_ id: String, directory: URL) async throws -> ProjectLibrary.Entry {
        let production = try library.open(id)
        defer { production.close() }
        let board = try await studio.plan(production, save: false)
        let database = directory.appendingPathComponent(".reel/reel.sqlite").path
        let modified = (try? FileManager.default.attributesOfItem(atPath: database)[.modificationDate] as? Date) ?? nil
        return ProjectLibrary.Entry(id: id, title: board.title, shots: board.shots.count, seconds: board.duration.seconds,
                                    aspect: board.format.aspect.rawValue, spent: try await production.repository.spent(),
                                    budgetCap: production.config.budgetCap, updatedAt: modified?.timeIntervalSince1970)
    }

    @Sendable func board(_ request: Request, context: BasicRequestContext) async throws -> JSONAnswer<BoardView> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.boardView(production))
    }

    @Sendable func cast(_ request: Request, context: BasicRequestContext) async throws -> JSONAnswer<[CastMember]> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.cast(production))
    }
}
