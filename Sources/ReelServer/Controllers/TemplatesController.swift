import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// `/api/templates?lang=en|zh`: the screenplay templates a new project can start from, with
/// their blanks — what `reel templates` lists; `/api/interview?idea=…`: the questions
/// `reel new --interview` would ask about an idea (the answers go in `POST /api/projects`).
struct TemplatesController {
    let studio: Studio
    /// The projects folder: a series' folder serves its episodes, and `/api/series` says the series.
    var projects: URL? = nil

    func addRoutes(templates: RouterGroup<StudioContext>, interview: RouterGroup<StudioContext>, series: RouterGroup<StudioContext>) {
        templates.get(use: list)
        interview.get(use: questions)
        series.get(use: seriesStatus)
    }

    /// `/api/series`: the series the served folder is — its bible's cast and every episode's
    /// state (what `reel series status` prints); 404 when the folder is no series.
    @Sendable func seriesStatus(_ request: Request, context: StudioContext) async throws -> JSONAnswer<SeriesReport> {
        // The series' folder, or the series of the one episode served.
        guard let projects, FileManager.default.fileExists(atPath: projects.appendingPathComponent(Series.fileName).path)
                || Series.containing(projects) != nil else {
            throw ReelError(.notFound, "the folder this server serves is not a series",
                            hint: "serve a series' folder (`reel serve --projects SERIES`) to see it here; `reel series init` starts one")
        }
        return JSONAnswer(try await studio.seriesStatus(projects).relative)
    }

    @Sendable func questions(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[InterviewQuestion]> {
        let idea = request.uri.queryParameters.get("idea") ?? ""
        let lang = request.uri.queryParameters.get("lang")
        if let lang, !["en", "zh"].contains(lang) {
            throw Problem(status: .badRequest, kind: "usage", detail: "lang must be en or zh (got '\(lang.prefix(20))')")
        }
        let language = lang.map { $0 == "zh" ? Language.chinese : .english } ?? Language.detect(idea)
        return JSONAnswer(Studio.interviewQuestions(for: idea, language: language))
    }

    @Sendable func list(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[TemplateReport]> {
        let lang = request.uri.queryParameters.get("lang") ?? "en"
        guard ["en", "zh"].contains(lang) else {
            throw Problem(status: .badRequest, kind: "usage", detail: "lang must be en or zh (got '\(lang.prefix(20))')")
        }
        // Where a user's template lives on the server is not the browser's business.
        let reports = try studio.templateReports(language: lang == "zh" ? .chinese : .english).map { report in
            var copy = report
            if copy.source.hasPrefix("/") { copy.source = "user" }
            return copy
        }
        return JSONAnswer(reports)
    }
}
