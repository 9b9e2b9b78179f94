import Foundation
import Hummingbird
import Logging
import ReelEngine
import ReelModel
import ReelStudio

/// Making takes from the browser: `POST …/estimate` says what a generate would run and cost
/// (the button shows it), `POST …/runs` starts it in the server (the same use case and the
/// same durable run as `reel generate`: closing the browser does not stop it, and after a
/// restart generating again resumes it, paying nothing twice), `GET …/run` is the run panel.
struct RunsController {
    let library: ProjectLibrary
    let studio: Studio

    /// What `reel generate` takes; `resume` only resumes unfinished takes (adding none).
    struct GenerateBody: Codable, Sendable {
        var shots: [String]?
        var takes: Int?
        var provider: String?
        var resume: Bool?

        func request(dryRun: Bool) throws -> GenerateRequest {
            if let takes, !(1...20).contains(takes) {
                throw Problem(status: .badRequest, kind: "usage", detail: "takes must be from 1 to 20 (got \(takes))")
            }
            return GenerateRequest(shots: shots ?? [], takes: takes, provider: provider.map { ProviderID($0.lowercased()) }, dryRun: dryRun,
                                   resumeOnly: resume ?? false)
        }
    }

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.post(":project/estimate", use: estimate)
        group.post(":project/runs", use: start)
        group.get(":project/run", use: panel)
        group.delete(":project/run", use: stop)
    }

    /// `DELETE …/run`: stops the project's run (202, `stopping`; the panel and the live view
    /// show when it has stopped). Nothing already submitted is lost: *Resume* fetches it.
    /// A run another process started (`reel generate` in a terminal, a machine of the studio)
    /// is asked to stop as its Ctrl-C would; the answer names it, with id 0.
    @Sendable func stop(_ request: Request, context: StudioContext) async throws -> JSONAnswer<RunView> {
        let project = try context.parameters.value("project")
        return JSONAnswer(try await library.stopRun(project, by: context.identity?.name ?? "someone", studio: studio), status: .accepted)
    }

    @Sendable func estimate(_ request: Request, context: StudioContext) async throws -> JSONAnswer<DryRunReport> {
        let body = try await request.json(GenerateBody.self, context: context)
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(DryRunReport(try await studio.generate(production, try body.request(dryRun: true))))
    }

    /// Starts the generate and answers at once (202) with the run; its progress is `GET …/run`
    /// (and each job it finishes is a `changed` event of the live view).
    @Sendable func start(_ request: Request, context: StudioContext) async throws -> JSONAnswer<RunView> {
        let body = try await request.json(GenerateBody.self, context: context)
        let project = try context.parameters.value("project")
        let generate = try body.request(dryRun: false), studio = studio
        // The estimate first: a pattern that names no shot, a provider that is not set up, is
        // this answer's error, not a run that stops.
        let run = try await library.startRun(project, command: "generate", shots: body.shots ?? [], logger: context.logger, prepare: {
            DryRunReport(try await studio.generate($0, try body.request(dryRun: true))).estimate
        }) { production, events in
            RunOutcome(report: GenerateReport(try await studio.generate(production, generate, events: events)))
        }
        return JSONAnswer(run, status: .accepted)
    }

    /// `GET …/run`: the run panel; `?wait=1` answers once no run goes on (for scripts).
    @Sendable func panel(_ request: Request, context: StudioContext) async throws -> JSONAnswer<RunPanel> {
        let project = try context.parameters.value("project")
        let production = try library.open(project)
        defer { production.close() }
        if request.uri.queryParameters["wait"] != nil { await library.runs.waitUntilIdle(project) }
        let running = await library.runs.isRunning(project)
        let elsewhere = running ? nil : await studio.heldElsewhere(production)
        let unfinished = running || elsewhere != nil ? [] : try await studio.resumableShots(production).map(\.rawValue)
        return JSONAnswer(RunPanel(run: await library.runs.run(of: project), unfinished: unfinished, elsewhere: elsewhere,
                                   spent: try await studio.spent(production), budgetCap: production.config.budgetCap,
                                   films: studio.films(production)))
    }
}
