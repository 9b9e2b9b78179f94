import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import Synchronization

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
    /// The sheets laid out in this process, by cache key: the cast page asked again (by any
    /// viewer, as often as they click) runs ffmpeg once, not every time.
    private static let sheetsMade = Mutex<[CacheKey: Asset]>([:])

    /// The picture of `name`'s references a one-image model gets: made the way a film's run
    /// makes it (``SheetRunner``, the same parameters and order, so the same bytes), stored by
    /// content, or the run's own when it made one; copied to `output` too when given (written
    /// whole, then renamed into place), or with `inRenders` to
    /// `renders/reference-sheets/NAME.png` under the subject's own name (`.jpg` or `.webp`
    /// for a single reference, which is sent as it is). A reference two subjects of a shot
    /// share goes to a run's model once, with the first of them; this sheet shows it.
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
        let assets = try await referenceAssets(production)
        let images = try subject.references.map { digest -> Asset in
            guard let asset = assets[digest], production.blobs.contains(asset) else {
                throw ReelError(.notFound, "reference image \(digest.short) of \(subject.name) is not in the media store",
                                at: "subject \(subject.id)", hint: "add it again with `reel cast add \"\(subject.name)\" --image FILE --replace-images`")
            }
            return asset
        }
        // A single reference is sent as it is: its own type names the file.
        let type = images.count == 1 ? images[0].mediaType : "image/png"
        let output = output ?? (inRenders ? production.rendersDirectory
            .appendingPathComponent("reference-sheets/\(OutputFile.safeName(subject.name)).\(Asset.fileExtension(for: type))") : nil)
        if let output {
            let wanted = Asset.fileExtension(for: type)
            let given = output.pathExtension.lowercased() == "jpeg" ? "jpg" : output.pathExtension.lowercased()
            guard given == wanted else {
                let kind = ["png": "PNG", "jpg": "JPEG", "webp": "WebP"][wanted] ?? type
                throw ReelError(.usage, "\(subject.name)'s sheet is \(images.count == 1 ? "its one reference, a \(kind)" : "a PNG"), "
                                + "so --out must end in .\(wanted)", at: output.path, hint: "name the file …\(wanted); it is written as it is, never converted")
            }
            try OutputFile.checkWritable(output)
        }
        var sheet = images[0]
        if images.count > 1 {
            let spec = JobSpec(kind: .sheet, kindVersion: SheetParams.kindVersion, provider: "ffmpeg", model: "sheet",
                               params: try JSONValue(encoding: SheetParams()))
            let key = CacheKey(spec: spec, inputs: images.map(\.digest))
            // The one a film's run made already (the same key), or this process laid out, else
            // made here, not journaled (a look needs no lock of the project).
            if case .succeeded(let made)? = try await production.journal.entry(for: key)?.state, production.blobs.contains(made.asset) {
                sheet = made.asset
            } else if let made = Self.sheetsMade.withLock({ $0[key] }), production.blobs.contains(made) {
                sheet = made
            } else {
                do {
                    sheet = try await SheetRunner(tools: MediaTools(toolchain: toolchain, runner: runner))
                        .run(GraphNode(id: NodeID("sheet:\(id)"), spec: spec),
                             context: JobContext(key: key, inputs: images, blobs: production.blobs)).asset
                } catch is JobFailure {
                    // ffmpeg's own words name the store's folders: not for a browser.
                    throw ReelError(.mediaFailed, "ffmpeg could not lay out \(subject.name)'s reference sheet", at: "subject \(subject.id)",
                                    hint: "`reel doctor` checks ffmpeg; the project's media folder must be writable")
                }
                Self.sheetsMade.withLock { $0[key] = sheet }
            }
        }
        let stored = production.blobs.url(for: sheet)
        if let output { try OutputFile.install(stored, at: output) }
        return ReferenceSheet(subject: subject.id.rawValue, name: subject.name, references: images.count,
                              digest: sheet.digest.rawValue, width: sheet.media?.width, height: sheet.media?.height,
                              path: stored.path, media: Studio.mediaName(sheet), file: output?.path)
    }
}
