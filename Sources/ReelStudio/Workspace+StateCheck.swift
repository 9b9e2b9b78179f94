import Foundation
import ReelModel

/// Lost state is refused, never started over: a project whose database is missing or empty
/// while its media store or `renders/` show that work was done (paid takes, cut films)
/// would otherwise be taken for a new project, make every job again and forget its takes.
extension Workspace {
    /// Refuses a database file that exists but is empty (0 bytes), and a missing one when
    /// the project's media or renders show work was done. A new project (`reel init` just
    /// ran, a cloned project without `.reel/`, a loose script's first run) passes.
    public func checkStateIsNotLost() throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: databaseURL.path)
        guard let attributes else { return try checkNothingWasMade() }
        if (attributes[.size] as? NSNumber)?.int64Value == 0 {
            throw ReelError(.configuration, "the project database is empty (0 bytes): its takes, picks and journal are gone",
                            at: databaseURL.path, hint: "nothing was changed; " + recovery(deleting: "the empty file"))
        }
    }

    /// Called when the database holds no project yet (missing, or no tables): refuses when
    /// media or renders show that this project made things before.
    public func checkNothingWasMade() throws {
        guard let project = projectDirectory else { return }
        var evidence: [String] = []
        // A series' store holds every episode's media: none of it says this episode made
        // anything, but the bible's marker of the episode does.
        let media = series == nil ? Workspace.countFiles(in: mediaDirectory, skipping: ["tmp"]) : 0
        if media > 0 { evidence.append("\(Plural.count(media, "file")) in .reel/media") }
        if let series, FileManager.default.fileExists(atPath: Series.episodeMarker(series, episode: project).path) {
            evidence.append("the series' bible (which lists it in .reel/episodes/\(project.lastPathComponent))")
        }
        let renders = Workspace.countFiles(in: project.appendingPathComponent("renders"), skipping: [])
        if renders > 0 { evidence.append("\(Plural.count(renders, "file")) in renders/") }
        guard !evidence.isEmpty else { return }
        throw ReelError(.configuration,
                        "the project's state (.reel/reel.sqlite) is missing or empty, but \(evidence.joined(separator: " and ")) show work was done",
                        at: project.path, hint: "nothing was changed; " + recovery(deleting: nil))
    }

    /// How to get out: restore the database, or deliberately start over.
    func recovery(deleting file: String?) -> String {
        var text = "restore .reel/reel.sqlite from a backup to keep the takes, picks and spending it recorded"
        if let series, let project = projectDirectory {
            return text + "; to start the episode over instead, " + (file.map { "delete \($0) and " } ?? "")
                + "delete .reel/episodes/\(project.lastPathComponent) in the series folder \(series.lastPathComponent) "
                + "(then its takes are made, and paid for, again)"
        }
        guard projectDirectory != nil else {
            return "restore \(databaseURL.lastPathComponent) from a backup, or delete \(file ?? "it") to start over"
        }
        text += "; to start over instead, "
        if let file { text += "delete \(file) and " }
        return text + "move .reel/media and renders/ aside (then every take is made, and paid for, again)"
    }

    /// Regular files under `directory` (not following links), stopping early: evidence,
    /// not an inventory.
    static func countFiles(in directory: URL, skipping skipped: Set<String>, limit: Int = 1000) -> Int {
        guard let walk = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                                        options: [], errorHandler: { _, _ in true }) else { return 0 }
        var count = 0
        for case let url as URL in walk {
            if skipped.contains(url.lastPathComponent), url.deletingLastPathComponent().standardizedFileURL.path
                == directory.standardizedFileURL.path {
                walk.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                count += 1
                if count >= limit { break }
            }
        }
        return count
    }
}
