import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// What moving a project into or out of the studio database did.
public struct ProjectMoveReport: Codable, Sendable, Hashable {
    /// `into-studio` or `out-of-studio`.
    public var direction: String
    public var project: String
    /// The studio database, as it may be shown (never its password).
    public var database: String
    /// Rows moved, by table (takes, job, job_event, ledger, note, consent_event…).
    public var rows: [String: Int]
    /// Media files copied between the project's store and the studio's.
    public var mediaFiles: Int
    /// Files the project's state names that are in neither store (out of the studio: the
    /// studio's media path was not named, or lacks them). Each would be made again — a take
    /// on a provider paid again, unless its result can still be fetched.
    public var missingMedia: Int = 0
    /// Where the project's own database went (into the studio), or was made (out of it).
    public var file: String
}

extension Studio {
    /// `reel project import`: gives the project its studio id (`studio_id` in `reel.yaml`)
    /// when it has none, copies its state from `.reel/reel.sqlite` into the studio database
    /// (``Workspace/studio``) and its media into the studio's media store, then renames the
    /// file `reel.sqlite.moved` (kept: nothing is deleted). The studio must hold nothing
    /// under that id; rows are written in one transaction, media first, so a move that fails
    /// leaves the project as it was.
    public func moveIntoStudio(_ project: Project) async throws -> ProjectMoveReport {
        if let series = project.workspace.series {
            throw ReelError(.usage, "\(project.directory.lastPathComponent) is an episode of the series in \(series.lastPathComponent): its cast and media are the series', not its own",
                            at: project.directory.path, hint: "nothing was changed; a series keeps its bible in its folder, so its episodes stay in files")
        }
        let address = try Self.studioLocation(project.workspace, command: "import").address
        try project.workspace.createStateDirectory()
        // This machine's lock first; reel.yaml is read again under it.
        let local = try ProjectLock.acquire(project.workspace.stateDirectory, command: "project import")
        defer { local.release() }
        var project = try Project.find(project.directory)
        // Its id in the studio, written into reel.yaml once: the same wherever the project is
        // checked out, whatever its directory is called there. Taken back if the move fails.
        var before: Data?
        if project.config.studioID == nil {
            let id = ProjectConfig.newStudioID(project.directory)
            let original = try Data(contentsOf: project.configURL)
            var text = String(decoding: original, as: UTF8.self)
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            try OutputFile.write(Data((text + ProjectConfig.studioIDLine(id)).utf8), at: project.configURL)
            (before, project.config.studioID) = (original, id)
        }
        let workspace = project.workspace
        let id = try StudioLocation(address: address, project: project.config.studioID).id(at: project.directory)
        let database = try StudioDatabase.shared(address)
        let file = workspace.databaseURL
        let rows: ProjectTransfer.Counts, media: Int
        do {
            let lock = try StudioProjectLock.acquire(address: address, project: id, command: "project import")
            defer { lock.release() }
            guard FileManager.default.fileExists(atPath: file.path) else {
                if FileManager.default.fileExists(atPath: file.appendingPathExtension("moved").path) {
                    throw ReelError(.usage, "this project is in the studio database already (its own database was moved: .reel/reel.sqlite.moved)",
                                    at: project.directory.path, hint: "nothing to do: with REEL_DATABASE set, every command works on it there")
                }
                // A project with no state yet: it has its id, and starts in the studio.
                return ProjectMoveReport(direction: "into-studio", project: id, database: database.location, rows: [:], mediaFiles: 0,
                                         file: file.path)
            }
            // The media first: a file in the store is harmless; rows without their media are not.
            media = try Self.copyMedia(from: workspace.stateDirectory.appendingPathComponent("media"), to: workspace.mediaStore(), digests: nil)
            let source = try ProjectDatabase(path: file.path)
            defer { try? source.close() }
            rows = try await ProjectTransfer.copy(source, into: database.project(id))
        } catch {
            if let before { try? OutputFile.write(before, at: project.configURL) }
            throw error
        }
        let moved = file.appendingPathExtension("moved")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: file.path + suffix) {
            guard rename(file.path + suffix, moved.path + suffix) == 0 else {
                throw ReelError(.cannotWrite, "the project is in the studio database now, but its own database could not be renamed",
                                at: file.path, hint: "rename it to \(moved.lastPathComponent) by hand (or unset REEL_DATABASE to keep working on it)")
            }
        }
        return ProjectMoveReport(direction: "into-studio", project: id, database: database.location, rows: rows,
                                 mediaFiles: media, file: moved.path)
    }

    /// `reel project export`: copies a project's state from the studio database into a new
    /// `.reel/reel.sqlite`, and the media it uses into `.reel/media`, so it works on one
    /// machine again (without REEL_DATABASE). The studio keeps its copy (its consent ledger
    /// can never be deleted).
    public func moveOutOfStudio(_ project: Project) async throws -> ProjectMoveReport {
        let workspace = project.workspace
        let studio = try Self.studioLocation(workspace, command: "export")
        try workspace.createStateDirectory()
        let lock = try ProjectLock.acquire(workspace.stateDirectory, command: "project export", studio: studio)
        defer { lock.release() }
        let file = workspace.databaseURL
        if try ProjectDatabase.holdsWork(at: file.path) {
            throw ReelError(.refused, "the project's own database already holds a project", at: file.path,
                            hint: "nothing was changed; move .reel/reel.sqlite aside first to replace it with the studio's copy")
        }
        let database = try StudioDatabase.shared(studio.address)
        let place = database.project(try studio.id(at: project.directory))
        let repository = PostgresProjectRepository(place)
        let outputs = try await ProjectTransfer.outputDigests(of: place)
        let hasStoryboard = try await repository.loadStoryboard() != nil
        guard hasStoryboard || !outputs.isEmpty else {
            throw ReelError(.notFound, "the studio database holds no project \(place.id)", at: database.location,
                            hint: "a project is known there by studio_id in its reel.yaml; check REEL_DATABASE and that id")
        }
        // The media first: a file in the store is harmless; a database without its media is not.
        let digests = outputs.union(try await Self.mediaDigests(repository))
        let local = workspace.stateDirectory.appendingPathComponent("media")
        let media = try Self.copyMedia(from: workspace.mediaDirectory, to: DirectoryBlobStore(root: local), digests: digests)
        let missing = digests.subtracting(Self.digests(in: local)).count
        let target = try ProjectDatabase(path: file.path)
        defer { try? target.close() }
        let rows = try await ProjectTransfer.copy(place, into: target)
        return ProjectMoveReport(direction: "out-of-studio", project: place.id, database: database.location, rows: rows,
                                 mediaFiles: media, missingMedia: missing, file: file.path)
    }

    static func studioLocation(_ workspace: Workspace, command: String) throws -> StudioLocation {
        guard let studio = workspace.studio else {
            throw ReelError(.usage, "no studio database to \(command == "import" ? "move the project into" : "move the project out of")",
                            hint: "name it with --database postgres://user@host/db (or REEL_DATABASE)")
        }
        return studio
    }

    /// The digests of the files the project's state refers to besides its jobs' outputs:
    /// takes, cast references, consent evidence.
    static func mediaDigests(_ repository: any ProjectRepository) async throws -> Set<String> {
        var digests: Set<String> = []
        for kind in [TakeKind.video, .keyframe] {
            for take in try await repository.takes(of: nil, kind: kind) {
                if let output = take.output { digests.insert(output.asset.digest.rawValue) }
            }
        }
        for entry in try await repository.castEntries().values {
            digests.formUnion(entry.references.map(\.digest.rawValue))
        }
        for event in try await repository.consentEvents() {
            if let evidence = event.evidence { digests.insert(evidence.rawValue) }
        }
        return digests
    }

    /// The digests of the blobs a content-addressed store holds.
    static func digests(in root: URL) -> Set<String> {
        let fm = FileManager.default
        var found: Set<String> = []
        for shard in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where shard.count == 2 {
            for name in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(shard).path)) ?? [] {
                found.insert(String(name.prefix(while: { $0 != "." })))
            }
        }
        return found
    }

    /// Copies the blobs of a content-addressed store (`ab/abcdef….ext`) that `target` lacks,
    /// each staged then renamed into place; only those with `digests` when given. Returns
    /// how many were copied.
    static func copyMedia(from source: URL, to store: DirectoryBlobStore, digests: Set<String>?) throws -> Int {
        let fm = FileManager.default
        let target = store.root
        guard source.standardizedFileURL.path != target.standardizedFileURL.path,
              let shards = try? fm.contentsOfDirectory(atPath: source.path) else { return 0 }
        var copied = 0
        for shard in shards.sorted() where shard.count == 2 {
            for name in (try? fm.contentsOfDirectory(atPath: source.appendingPathComponent(shard).path))?.sorted() ?? [] {
                let digest = String(name.prefix(while: { $0 != "." }))
                if let digests, !digests.contains(digest) { continue }
                let destination = target.appendingPathComponent(shard).appendingPathComponent(name)
                if fm.fileExists(atPath: destination.path) { continue }
                let staged = store.scratchURL(extension: (name as NSString).pathExtension)
                do {
                    try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(at: source.appendingPathComponent(shard).appendingPathComponent(name), to: staged)
                    guard rename(staged.path, destination.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
                } catch {
                    try? fm.removeItem(at: staged)
                    throw ReelError(.cannotWrite, "cannot copy the project's media into \(target.path)", at: destination.path,
                                    hint: "nothing was moved; check that the media path is mounted, writable and not full")
                }
                copied += 1
            }
        }
        return copied
    }
}
