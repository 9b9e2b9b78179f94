import Foundation
import Hummingbird
import Logging
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// The cut in the browser: `POST …/render` cuts the film in the server (a run, as `reel
/// render`: the picked takes, never a new one), `POST …/exports` writes the timeline for an
/// editor as one file to download, `GET …/downloads/{name}` serves a film or an export from
/// the project's `renders/` — only a file directly in it, by its exact name.
struct CutController {
    let library: ProjectLibrary
    let studio: Studio

    struct ExportBody: Codable, Sendable {
        var format: String
        /// For `jianying`: the drafts folder of the computer that opens the draft.
        var draftsFolder: String?
    }

    struct RenderBody: Codable, Sendable {
        var burnSubtitles: Bool?
    }

    /// An export made: the file to download and what `reel export --json` says of it.
    struct DownloadAnswer: Codable, Sendable {
        var name: String
        var url: String
        var bytes: Int
        var export: ExportReport
    }

    static let types = ["zip": "application/zip", "srt": "application/x-subrip; charset=utf-8", "vtt": "text/vtt; charset=utf-8",
                        "mp4": "video/mp4"]

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.post(":project/render", use: render)
        group.post(":project/exports", use: export)
        group.get(":project/downloads/:name", use: download)
    }

    @Sendable func render(_ request: Request, context: StudioContext) async throws -> JSONAnswer<RunView> {
        let body = try await request.json(RenderBody.self, context: context)
        let project = try context.parameters.value("project"), studio = studio
        let run = try await library.startRun(project, command: "render", logger: context.logger) { production, events in
            let film = try await studio.film(production, output: nil, burnSubtitles: body.burnSubtitles, makeMissing: false, events: events)
            return RunOutcome(film: film.film.lastPathComponent)
        }
        return JSONAnswer(run, status: .accepted)
    }

    @Sendable func export(_ request: Request, context: StudioContext) async throws -> JSONAnswer<DownloadAnswer> {
        let body = try await request.json(ExportBody.self, context: context)
        guard let format = ExportFormat(rawValue: body.format.lowercased()) else {
            throw Problem(status: .badRequest, kind: "usage", detail: "format must be otio, fcpxml, edl, srt, vtt, jianying or board (got '\(body.format.prefix(20))')")
        }
        let project = try context.parameters.value("project")
        // Outside the change gate: an export reads the project (and writes only renders/), so
        // picks and notes do not wait for its media to be copied.
        let production = try library.open(project, lockFor: library.holder)
        defer { production.close() }
        let made = try await studio.exportDownload(production, format: format, draftsFolder: body.draftsFolder)
        let name = made.file.lastPathComponent
        let bytes = (try? FileManager.default.attributesOfItem(atPath: made.file.path)[.size] as? NSNumber)?.intValue ?? 0
        var report = ExportReport(made.export)
        // The server's folders are not the browser's business: names, not paths.
        report.output = name
        report.files = report.files.map { URL(fileURLWithPath: $0).lastPathComponent }
        let path = project.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? project
        let file = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name
        return JSONAnswer(DownloadAnswer(name: name, url: "/api/projects/\(path)/downloads/\(file)", bytes: bytes, export: report),
                          status: .created)
    }

    @Sendable func download(_ request: Request, context: StudioContext) async throws -> Response {
        let name = try context.parameters.value("name")
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = Self.types[ext], !name.contains("/"), !name.hasPrefix(".") else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no download \(name.prefix(80))",
                          hint: "downloads are the films and exports in renders/, as GET …/run and POST …/exports name them")
        }
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        // Looked up among the files directly in renders/, never joined to a path from the URL.
        let renders = production.rendersDirectory
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: renders.path)) ?? []
        guard listed.contains(name) else {
            throw Problem(status: .notFound, kind: "not-found", detail: "renders/ has no \(name.prefix(80))",
                          hint: "render the cut, or make the export first")
        }
        let url = renders.appendingPathComponent(name)
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey])
        guard values?.isRegularFile == true else { throw Problem(status: .notFound, kind: "not-found", detail: "renders/ has no file \(name.prefix(80))") }
        let stamp = Int((values?.contentModificationDate ?? Date()).timeIntervalSince1970 * 1000)
        // RFC 5987: what is not a letter, digit or one of these is percent-encoded (UTF-8).
        let encoded = name.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? "download"
        // A film plays in the page; an export is saved under its name.
        let disposition = ext == "mp4" ? "inline" : "attachment; filename*=UTF-8''\(encoded)"
        return try await MediaController.serve(url, type: type, tag: "\"\(stamp)-\(values?.fileSize ?? 0)\"", name: name,
                                               headers: [.contentDisposition: disposition, .cacheControl: "no-cache"],
                                               request: request, context: context)
    }
}
