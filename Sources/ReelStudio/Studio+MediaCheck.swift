import Foundation
import ReelEngine
import ReelModel
import ReelStore

extension Studio {
    /// Before a run of a project in a studio: the media path this command reads is the
    /// studio's and holds the project's files. A machine whose shared volume is not mounted
    /// (or a command without REEL_MEDIA) would find none of the takes already made: it would
    /// poll their provider jobs again, record them as lost and make — and pay for — them anew.
    func checkMedia(of production: Production) async throws {
        guard let project = production.studio else { return }
        let root = production.blobs.root
        let mark = root.appendingPathComponent(".reel-studio")
        if production.workspace.sharedMedia,
           let found = try? String(contentsOf: mark, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            let id = try await project.database.studioID()
            guard found == id else {
                throw ReelError(.configuration, "this media path belongs to another studio (its .reel-studio says \(found.prefix(8)), this studio is \(id.prefix(8)))",
                                at: root.path, hint: "nothing was changed; give each studio database its own media path, and every machine of a studio the same one")
            }
        }
        // Media truly lost: the run may fetch the takes again from their provider jobs (or make them).
        if ProcessInfo.processInfo.environment["REEL_MEDIA_LOST"] == "1" { return }
        let made = try await production.repository.takes(of: nil).compactMap { $0.output?.asset }
        guard !made.isEmpty, !made.contains(where: production.blobs.contains) else { return }
        throw ReelError(.configuration, "none of this project's \(made.count) finished takes is in the media store here", at: root.path,
                        hint: production.workspace.sharedMedia
                            ? "nothing was changed; mount the studio's shared media volume at this path (the one its other machines use), then run the command again (if the media is truly lost, REEL_MEDIA_LOST=1 lets the run fetch or make the takes again)"
                            : "nothing was changed; name the studio's shared media path with --media or REEL_MEDIA (as its other machines do), then run the command again")
    }
}
