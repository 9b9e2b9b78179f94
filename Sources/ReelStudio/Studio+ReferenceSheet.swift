import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// A subject's reference images on one picture, as a model that takes one image per subject
/// is sent them: its only reference as it is, or the sheet of all of them (`reel cast sheet`,
/// the cast page), so a director sees what that model will see before paying for a take.
public struct ReferenceSheet: Sendable, Codable, Hashable {
    public var subject: String
    public var name: String
    /// How many reference images are on it.
    public var references: Int
    public var digest: String
    public var width: Int?
    public var height: Int?
    /// The file in the media store.
    public var path: String
    /// Its name under the studio's media route (`DIGEST.png`).
    public var media: String
    /// Where a copy was written, when one was asked for (`reel cast sheet NAME --out FILE`).
    public var file: String?
}

extension Studio {
    /// The picture of `name`'s references a one-image model gets: made the way a film's run
    /// makes it (``SheetRunner``, the same arguments, so the same bytes), stored by content;
    /// copied to `output` too when given (written whole, then renamed into place), or with
    /// `inRenders` to `renders/reference-sheets/NAME.png` under the subject's own name.
    public func referenceSheet(_ production: Production, subject name: String, output: URL? = nil,
                               inRenders: Bool = false) async throws -> ReferenceSheet {
        let board = try await plan(production, save: false)
        let id = try Studio.subject(name, in: board)
        guard let subject = board.subject(id) else {
            throw ReelError(.notFound, "there is no subject \"\(name)\" in the storyboard", hint: "`reel cast` lists them")
        }
        guard !subject.references.isEmpty else {
            throw ReelError(.notFound, "\(subject.name) has no reference images yet", at: "subject \(subject.id)",
                            hint: "add some with `reel cast add \"\(subject.name)\" --image FILE`")
        }
        let output = output ?? (inRenders ? production.rendersDirectory
            .appendingPathComponent("reference-sheets/\(OutputFile.safeName(subject.name)).png") : nil)
        if let output { try OutputFile.checkWritable(output) }
        let assets = try await referenceAssets(production)
        let images = try subject.references.map { digest -> Asset in
            guard let asset = assets[digest], production.blobs.contains(asset) else {
                throw ReelError(.notFound, "reference image \(digest.short) of \(subject.name) is not in the media store",
                                at: "subject \(subject.id)", hint: "add it again with `reel cast add \"\(subject.name)\" --image FILE --replace-images`")
            }
            return asset
        }
        var sheet = images[0]
        if images.count > 1 {
            let spec = JobSpec(kind: .sheet, kindVersion: SheetParams.kindVersion, provider: "ffmpeg", model: "sheet",
                               params: try JSONValue(encoding: SheetParams()))
            let key = CacheKey(spec: spec, inputs: images.map(\.digest))
            // The one a film's run made already (the same key), else made here, not journaled
            // (a look needs no lock of the project).
            if case .succeeded(let made)? = try await production.journal.entry(for: key)?.state, production.blobs.contains(made.asset) {
                sheet = made.asset
            } else {
                do {
                    sheet = try await SheetRunner(tools: MediaTools(toolchain: toolchain, runner: runner))
                        .run(GraphNode(id: NodeID("sheet:\(id)"), spec: spec),
                             context: JobContext(key: key, inputs: images, blobs: production.blobs)).asset
                } catch let failure as JobFailure {
                    throw ReelError(.mediaFailed, "cannot lay out \(subject.name)'s reference sheet: \(failure.message)",
                                    at: "subject \(subject.id)", hint: "`reel doctor` checks ffmpeg")
                }
            }
        }
        let stored = production.blobs.url(for: sheet)
        if let output { try OutputFile.install(stored, at: output) }
        return ReferenceSheet(subject: subject.id.rawValue, name: subject.name, references: images.count,
                              digest: sheet.digest.rawValue, width: sheet.media?.width, height: sheet.media?.height,
                              path: stored.path, media: Studio.mediaName(sheet), file: output?.path)
    }
}
