import Foundation
import ReelEngine
import ReelExport
import ReelModel

/// What to export and where.
public struct ExportRequest: Sendable {
    public var format: ExportFormat
    /// A file for otio/fcpxml/edl/srt/vtt, a folder for jianying and board; nil for
    /// `renders/<title>.<ext>` (or `renders/<title>-jianying/`, `renders/<title>-board/`).
    public var output: URL?
    /// Copy the media next to the export (`media/`), so the folder can be moved.
    public var bundle: Bool
    /// Bundle by hard links where the disk allows (a bundle only read, then removed: what a
    /// download is zipped from), instead of copying every take.
    public var linkMedia: Bool
    /// For a Jianying draft made on one machine and opened on another: the drafts folder of
    /// the machine that opens it (`C:/Users/ana/AppData/Local/JianyingPro/User Data/Projects/com.lveditor.draft`).
    /// Its media paths are written as they will be once the draft folder is put there.
    public var draftsFolder: String?

    public init(format: ExportFormat, output: URL? = nil, bundle: Bool = false, linkMedia: Bool = false, draftsFolder: String? = nil) {
        self.draftsFolder = draftsFolder
        self.format = format
        self.output = output
        self.bundle = bundle
        self.linkMedia = linkMedia
    }
}

/// What an export wrote.
public struct ExportResult: Sendable {
    public var format: ExportFormat
    /// The timeline file, or the folder for jianying and board.
    public var output: URL
    /// Every file written, media copies included.
    public var files: [URL]
    public var timeline: Timeline
    /// Shots exported as markers because they have no usable take.
    public var missing: [String]
    public var warnings: [String]
}

extension Studio {
    /// Exports the film's timeline for an editor. Files are written under a temporary
    /// name and renamed into place; media paths are relative to the export, or (with
    /// `bundle`, and always for Jianying drafts) copies next to it.
    public func export(_ production: Production, _ request: ExportRequest,
                       events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> ExportResult {
        let board = try await plan(production, save: true)
        let name = OutputFile.safeName(board.title)
        let output = request.output ?? production.rendersDirectory.appendingPathComponent(
            request.format.fileExtension.map { "\(name).\($0)" } ?? "\(name)-\(request.format.rawValue)")
        if request.format == .board {
            return try await exportBoard(production, directory: output, events: events)
        }
        let (absolute, warnings) = try await timeline(production, events: events)
        let missing = absolute.tracks(.video).flatMap(\.markers).filter { $0.color == .red }.compactMap { $0.metadata["shot"]?.stringValue }
        var files: [URL] = []
        if request.format == .jianying {
            files = try writeJianying(absolute, folder: output, openedIn: try request.draftsFolder.map(Self.draftsFolder), link: request.linkMedia)
        } else {
            try OutputFile.checkWritable(output)
            let directory = output.deletingLastPathComponent()
            let (timeline, copies) = try ExportMedia.place(absolute, in: directory, bundle: request.bundle && request.format.refersToMedia,
                                                           folder: "media", link: request.linkMedia)
            let text: String = switch request.format {
            case .otio: OTIOWriter.otio(timeline)
            case .fcpxml: FCPXMLWriter.fcpxml(timeline)
            case .edl: EDLWriter.edl(timeline)
            case .srt: SubtitleExport.srt(timeline)
            case .vtt: SubtitleExport.vtt(timeline)
            case .jianying, .board: ""
            }
            try OutputFile.write(Data(text.utf8), at: output)
            files = [output] + copies
        }
        return ExportResult(format: request.format, output: output, files: files, timeline: absolute, missing: missing,
                            warnings: warnings)
    }

    /// A Jianying draft folder: the two JSON files, and the media in `materials/` with
    /// absolute paths (Jianying does not resolve relative ones).
    /// - Parameters:
    ///   - drafts: the drafts folder of another machine the draft is opened on: paths are
    ///     written as they will be there (its separator kept), not as they are here.
    ///   - link: bundle the media by hard links (a download's staging copy, read once then removed).
    func writeJianying(_ absolute: Timeline, folder: URL, openedIn drafts: String? = nil, link: Bool = false) throws -> [URL] {
        let folder = folder.standardizedFileURL
        let separator = drafts.map { $0.contains("\\") && !$0.contains("/") ? "\\" : "/" } ?? "/"
        func joined(_ base: String, _ tail: String) -> String { base.hasSuffix(separator) ? base + tail : base + separator + tail }
        let root = drafts ?? folder.deletingLastPathComponent().path
        let home = drafts.map { joined($0, folder.lastPathComponent) } ?? folder.path
        // Built whole under a temporary name: a failure leaves no half-filled draft folder.
        return try OutputFolder.write(folder) { staging in
            let (timeline, copies) = try ExportMedia.place(absolute, in: staging, bundle: true, folder: "materials", link: link)
            let anchored = timeline.mapMedia { m in
                var m = m
                m.path = joined(home, m.path.split(separator: "/").joined(separator: separator))
                return m
            }
            var files = copies
            for (file, text) in JianyingDraftWriter.draft(anchored, folder: home, root: root).sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(file)
                try OutputFile.write(Data(text.utf8), at: url)
                files.insert(url, at: 0)
            }
            return files
        }
    }

    /// A drafts folder as given for another machine, checked: absolute (`/Users/…`, `C:\…`,
    /// `C:/…`), one line, not too long; its trailing separator dropped.
    static func draftsFolder(_ text: String) throws -> String {
        var folder = text.trimmingCharacters(in: .whitespaces)
        // A trailing separator dropped, but not a root's (`/`, `C:\\`, `C:/`): `joined` adds none twice.
        while folder.count > 3, folder.hasSuffix("/") || folder.hasSuffix("\\") { folder.removeLast() }
        let windows = folder.count >= 3 && folder.first!.isLetter && folder.dropFirst().hasPrefix(":")
            && ["\\", "/"].contains(String(folder[folder.index(folder.startIndex, offsetBy: 2)]))
        guard folder.hasPrefix("/") || windows, folder.count <= 400, !folder.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true }) else {
            throw ReelError(.usage, "the drafts folder must be a whole path on the computer that opens the draft (got '\(text.prefix(60))')",
                            hint: "Jianying shows it in its settings (草稿位置), e.g. C:/Users/ana/AppData/Local/JianyingPro/User Data/Projects/com.lveditor.draft")
        }
        return folder
    }
}
