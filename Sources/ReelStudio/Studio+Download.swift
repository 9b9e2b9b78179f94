import Foundation
import ReelEngine
import ReelExport
import ReelModel

/// An export made to be downloaded: one file in the project's `renders/`.
public struct ExportDownload: Sendable {
    /// The file, directly in `renders/`: a subtitle file as it is, else a ZIP of the export
    /// with its media beside it (the folder can be moved to the editor's machine as it is).
    public var file: URL
    public var export: ExportResult
}

extension Studio {
    /// Exports the cut to be downloaded: SRT and VTT as themselves; OTIO, FCPXML and EDL with
    /// their media copied next to them, and the storyboard sheet, as a ZIP named after the
    /// film and the format (`The-Last-Train-otio.zip`). Built in a staging folder and
    /// written into `renders/` under a temporary name, then renamed into place.
    /// - Parameter draftsFolder: for a Jianying draft, the drafts folder of the computer that
    ///   opens it: the draft's media paths are written as they will be once unzipped there.
    public func exportDownload(_ production: Production, format: ExportFormat, draftsFolder: String? = nil,
                               events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> ExportDownload {
        if format == .jianying {
            guard let draftsFolder, !draftsFolder.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ReelError(.usage, "a Jianying draft names its media by where they are, so it needs the drafts folder of the computer that opens it",
                                hint: "give draftsFolder: Jianying shows it in its settings (草稿位置); unzip the download there")
            }
            return try await jianyingDownload(production, draftsFolder: try Self.draftsFolder(draftsFolder), events: events)
        }
        guard format.refersToMedia || format == .board else {
            let result = try await export(production, ExportRequest(format: format), events: events)
            return ExportDownload(file: result.output, export: result)
        }
        let board = try await plan(production, save: true)
        let name = "\(OutputFile.safeName(board.title))-\(format.rawValue)"
        let renders = production.rendersDirectory
        // Staged in the media store's scratch folder, which its sweep clears after a crash.
        let staging = production.blobs.scratchURL(extension: "download")
        defer { try? FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: renders, withIntermediateDirectories: true)
        let folder = staging.appendingPathComponent(name)
        try OutputFile.checkWritable(folder.appendingPathComponent("probe"))
        let output = format.fileExtension.map { folder.appendingPathComponent("\(OutputFile.safeName(board.title)).\($0)") } ?? folder
        if format == .board { try? FileManager.default.removeItem(at: folder) }
        // The staging folder is in the media store's scratch folder, on its disk: the takes are
        // linked into the bundle, not copied, and read once more by the ZIP.
        let result = try await export(production, ExportRequest(format: format, output: output, bundle: format.refersToMedia, linkMedia: true),
                                      events: events)
        let zip = renders.appendingPathComponent("\(name).zip")
        try ZipArchive.write(folder: folder, as: name, to: zip)
        return ExportDownload(file: zip, export: result)
    }

    /// A Jianying draft for another computer, zipped: its folder (`<title>-jianying/`, the
    /// two JSON files and `materials/`) with every media path written as it will be once the
    /// folder is unzipped into `draftsFolder` there.
    func jianyingDownload(_ production: Production, draftsFolder: String,
                          events: AsyncStream<RunEvent>.Continuation?) async throws -> ExportDownload {
        let board = try await plan(production, save: true)
        let name = "\(OutputFile.safeName(board.title))-jianying"
        let renders = production.rendersDirectory
        let staging = production.blobs.scratchURL(extension: "download")
        defer { try? FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: renders, withIntermediateDirectories: true)
        let result = try await export(production, ExportRequest(format: .jianying, output: staging.appendingPathComponent(name),
                                                                 linkMedia: true, draftsFolder: draftsFolder), events: events)
        // One ZIP per drafts folder: two people downloading for two computers do not get each other's paths.
        let zip = renders.appendingPathComponent("\(name)-\(Hashing.sha256(draftsFolder).rawValue.prefix(8)).zip")
        try ZipArchive.write(folder: staging.appendingPathComponent(name), as: name, to: zip)
        return ExportDownload(file: zip, export: result)
    }

    /// The films cut into `renders/`, newest first, by file name.
    public func films(_ production: Production) -> [String] {
        let renders = production.rendersDirectory
        let found = (try? FileManager.default.contentsOfDirectory(at: renders, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        return found.filter { $0.pathExtension.lowercased() == "mp4" }
            .map { ($0.lastPathComponent, (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast) }
            .sorted { $0.1 > $1.1 }.map(\.0)
    }
}
