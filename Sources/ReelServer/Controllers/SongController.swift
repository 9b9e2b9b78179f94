import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// The film's song (`reel song`): `GET …/song` shows it (404 when there is none), `PUT …/song`
/// sets it from its title, lyrics (the words themselves), style, place and singer, `DELETE
/// …/song` removes it — the same use case, errors and JSON as the command.
struct SongController {
    let library: ProjectLibrary
    let studio: Studio

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":project/song", use: show)
        group.put(":project/song", use: set)
        group.delete(":project/song", use: remove)
    }

    /// `PUT …/song`: the whole song; what is left out takes its default (no style, at the end,
    /// `music:`'s provider).
    struct SongBody: Codable, Sendable {
        var title: String
        var lyrics: String
        var style: String?
        var at: String?
        var provider: String?
    }

    @Sendable func show(_ request: Request, context: StudioContext) async throws -> JSONAnswer<SongReport> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        guard let song = try await studio.song(production) else {
            throw Problem(status: .notFound, kind: "not-found", detail: "this project has no song", hint: "set one with PUT …/song or `reel song`")
        }
        return JSONAnswer(song)
    }

    @Sendable func set(_ request: Request, context: StudioContext) async throws -> JSONAnswer<SongReport> {
        let body = try await request.json(SongBody.self, context: context)
        let placement = try body.at.map { word in
            guard let placement = SongSettings.placement(word) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "at is end or opening (got '\(word.prefix(20))')")
            }
            return placement
        }
        let change = SongChange(title: body.title, lyrics: body.lyrics, style: body.style ?? "", at: placement ?? .end,
                                provider: body.provider.flatMap { $0.isEmpty ? nil : ProviderID($0.lowercased()) })
        let report = try await library.change(try context.parameters.value("project")) { try await studio.setSong($0, change) }
        guard let report else { throw Problem(status: .internalServerError, kind: "internal", detail: "the song was set but cannot be read back") }
        return JSONAnswer(report)
    }

    @Sendable func remove(_ request: Request, context: StudioContext) async throws -> Response {
        _ = try await library.change(try context.parameters.value("project")) { try await studio.setSong($0, nil) }
        return Response(status: .noContent)
    }
}
