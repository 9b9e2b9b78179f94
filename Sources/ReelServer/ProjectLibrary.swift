import Foundation
import ReelModel
import ReelStudio

/// The projects a server serves: the folders with a `reel.yaml` directly under its projects
/// directory (or that directory, when it is a project itself), each known by its folder's
/// name. A name from a URL is only ever looked up among them, never joined to a path.
struct ProjectLibrary: Sendable {
    let root: URL
    /// What the lock's holder record names while this process changes a project: `serve`
    /// or `mcp` (one lock shared by all its requests; a terminal sees who holds it).
    var holder = "serve"
    /// The runs going on in its projects, one at most per project.
    let runs = RunBoard()
    /// Short changes (an edit, a pick, a note) one at a time per project, so a check made
    /// before a change (an edit's version) still holds when it is written.
    let gate = ChangeGate()
    /// Rung when this server changes a project: its live views answer at once.
    let bell = ChangeBell()
    /// Each project's storyboard grid as last answered, while nothing has changed.
    let boards = BoardCache()

    /// A project as the projects page lists it.
    struct Entry: Sendable, Codable, Hashable {
        var id: String
        var title: String
        var shots: Int
        var seconds: Double
        var aspect: String
        var spent: [Money]
        var budgetCap: Money?
        /// When its database last changed (seconds since 1970).
        var updatedAt: Double?
        /// Why it cannot be opened (a script gone, a `reel.yaml` that does not read); the
        /// other fields are then empty.
        var problem: String?
    }

    /// Every project, by name.
    func projects() -> [String: URL] {
        let fm = FileManager.default
        if fm.fileExists(atPath: root.appendingPathComponent(ProjectConfig.fileName).path) {
            return [root.lastPathComponent: root]
        }
        let children = (try? fm.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        var found: [String: URL] = [:]
        for child in children where fm.fileExists(atPath: child.appendingPathComponent(ProjectConfig.fileName).path) {
            found[child.lastPathComponent] = child
        }
        return found
    }

    /// Where new projects go: the projects directory, unless it is a project itself.
    func newProjectsFolder() throws -> URL {
        guard !FileManager.default.fileExists(atPath: root.appendingPathComponent(ProjectConfig.fileName).path) else {
            throw ReelError(.usage, "this server serves one project, so it cannot hold another",
                            hint: "serve a folder of projects (`reel serve --projects DIR`) to start new ones from the studio")
        }
        return root
    }

    /// Opens project `id` (read-only unless `lockFor` names the change), or answers 404.
    /// Changes share the server's one lock of the project: a run going on in this server
    /// does not refuse a pick; another process holding the project does.
    func open(_ id: String, lockFor command: String? = nil) throws -> Production {
        guard let directory = projects()[id] else {
            throw ReelError(.notFound, "there is no project \(id)", hint: "GET /api/projects lists them")
        }
        return try Production.open(try Project.find(directory), lockFor: command.map { _ in holder }, sharingLock: true)
    }

    /// Runs a short change of project `id` on it opened for writing, after the changes of it
    /// already asked for in this process.
    func change<T: Sendable>(_ id: String, _ body: (Production) async throws -> T) async throws -> T {
        await gate.enter(id)
        do {
            let production = try open(id, lockFor: holder)
            let value: T
            do {
                value = try await body(production)
            } catch {
                production.close()
                throw error
            }
            // Closed before the next change opens it.
            production.close()
            await gate.leave(id)
            await bell.ring(id)
            return value
        } catch {
            await gate.leave(id)
            throw error
        }
    }

    /// Every project as the projects page lists it, by id; one that cannot be opened is
    /// listed with what is wrong, and does not hide the others.
    func entries(studio: Studio) async throws -> [Entry] {
        var entries: [Entry] = []
        for (id, directory) in projects().sorted(by: { $0.key < $1.key }) {
            do {
                entries.append(try await entry(id, directory: directory, studio: studio))
            } catch let error as ReelError {
                entries.append(Entry(id: id, title: id, shots: 0, seconds: 0, aspect: "", spent: [],
                                     problem: error.message + (error.hint.map { " (\($0))" } ?? "")))
            }
        }
        return entries
    }

    private func entry(_ id: String, directory: URL, studio: Studio) async throws -> Entry {
        let production = try open(id)
        defer { production.close() }
        let board = try await studio.plan(production, save: false)
        let database = directory.appendingPathComponent(".reel/reel.sqlite").path
        let modified = (try? FileManager.default.attributesOfItem(atPath: database)[.modificationDate] as? Date) ?? nil
        return Entry(id: id, title: board.title, shots: board.shots.count, seconds: board.duration.seconds,
                     aspect: board.format.aspect.rawValue, spent: try await studio.spent(production),
                     budgetCap: production.config.budgetCap, updatedAt: modified?.timeIntervalSince1970)
    }
}

/// One change at a time per project, in the order they came.
actor ChangeGate {
    private var busy: Set<String> = []
    private var queued: [String: [CheckedContinuation<Void, Never>]] = [:]

    func enter(_ project: String) async {
        guard busy.contains(project) else {
            busy.insert(project)
            return
        }
        await withCheckedContinuation { queued[project, default: []].append($0) }
    }

    func leave(_ project: String) {
        if var waiting = queued[project], !waiting.isEmpty {
            let next = waiting.removeFirst()
            queued[project] = waiting.isEmpty ? nil : waiting
            next.resume()
        } else {
            busy.remove(project)
        }
    }
}
