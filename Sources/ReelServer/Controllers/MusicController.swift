import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// Each scene's music (`reel music`): `GET …/music` lists every scene's — what it asks, of
/// whom, its takes and the one the film plays; `PATCH …/music/{scene}` changes what a scene
/// asks (words, mood, provider, takes, pick, reset) and answers the scene; `POST
/// …/music/{scene}/estimate` says what making its takes would run and cost; `POST
/// …/music/{scene}/takes` makes the ones not made yet, as a run of the server's (202, the
/// run panel follows it) — the same use cases, errors and JSON as the command.
struct MusicController {
    let library: ProjectLibrary
    let studio: Studio

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":project/music", use: show)
        group.patch(":project/music/:scene", use: change)
        group.post(":project/music/:scene/estimate", use: estimate)
        group.post(":project/music/:scene/takes", use: make)
    }

    /// What `reel music --scene` takes: what is left out stays as it is; "" goes back to the default.
    struct ChangeBody: Codable, Sendable {
        var prompt: String?
        var mood: String?
        var provider: String?
        var takes: Int?
        var pick: Int?
        var reset: Bool?

        func change(_ scene: String) -> MusicChange {
            MusicChange(scene: scene, prompt: prompt, mood: mood, provider: provider, takes: takes, pick: pick, reset: reset ?? false)
        }
    }

    @Sendable func show(_ request: Request, context: StudioContext) async throws -> JSONAnswer<MusicReport> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.music(production))
    }

    @Sendable func change(_ request: Request, context: StudioContext) async throws -> JSONAnswer<SceneMusicReport> {
        let body = try await request.json(ChangeBody.self, context: context)
        let scene = try context.parameters.value("scene")
        let studio = studio
        return JSONAnswer(try await library.change(try context.parameters.value("project")) { production in
            try await studio.music(try await studio.setMusic(production, body.change(scene)).production, scene: scene)
        })
    }

    @Sendable func estimate(_ request: Request, context: StudioContext) async throws -> JSONAnswer<DryRunReport> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(DryRunReport(try await studio.makeMusic(production, scene: try context.parameters.value("scene"), dryRun: true)))
    }

    /// Starts making the scene's takes and answers at once (202) with the run.
    @Sendable func make(_ request: Request, context: StudioContext) async throws -> JSONAnswer<RunView> {
        // An object, empty: the takes are those the scene asks for (PATCH).
        _ = try await request.json([String: JSONValue].self, context: context)
        let scene = try context.parameters.value("scene")
        let studio = studio
        let run = try await library.startRun(try context.parameters.value("project"), command: "music", logger: context.logger, prepare: {
            DryRunReport(try await studio.makeMusic($0, scene: scene, dryRun: true)).estimate
        }) { production, events in
            RunOutcome(report: GenerateReport(try await studio.makeMusic(production, scene: scene, events: events)))
        }
        return JSONAnswer(run, status: .accepted)
    }
}
