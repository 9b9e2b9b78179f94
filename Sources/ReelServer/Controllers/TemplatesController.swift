import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// `/api/templates?lang=en|zh`: the screenplay templates a new project can start from, with
/// their blanks — what `reel templates` lists.
struct TemplatesController {
    let studio: Studio

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: BasicRequestContext) async throws -> JSONAnswer<[TemplateReport]> {
        let lang = request.uri.queryParameters.get("lang") ?? "en"
        guard ["en", "zh"].contains(lang) else {
            throw Problem(status: .badRequest, kind: "usage", detail: "lang must be en or zh (got '\(lang.prefix(20))')")
        }
        return JSONAnswer(try studio.templateReports(language: lang == "zh" ? .chinese : .english))
    }
}
