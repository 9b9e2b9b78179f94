import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// What to generate.
public struct GenerateRequest: Sendable {
    /// Shot ids or patterns (`S03-*`); empty for every shot.
    public var shots: [String]
    /// Takes each shot should have, of its current version; nil for the project's setting.
    public var takes: Int?
    /// The video provider; nil for the project's.
    public var provider: ProviderID?
    /// Only say what would run and what it would cost.
    public var dryRun: Bool
    /// Only resume unfinished takes (of the shots' current versions); add none.
    public var resumeOnly: Bool

    public init(shots: [String] = [], takes: Int? = nil, provider: ProviderID? = nil, dryRun: Bool = false, resumeOnly: Bool = false) {
        self.shots = shots
        self.takes = takes
        self.provider = provider
        self.dryRun = dryRun
        self.resumeOnly = resumeOnly
    }
}

/// What `generate` did, or (for a dry run) would do.
public struct GenerateResult: Sendable {
    public var storyboard: Storyboard
    public var graph: JobGraph
    /// Takes added by this call.
    public var added: [Take]
    /// Every take the run covered (new, and unfinished ones resumed).
    public var covered: [Take]
    public var summary: RunSummary?
    public var forecast: [NodeID: Forecast]?
    public var budgetCap: Money?
    public var spent: [Money]
    /// What the user should know (shots left out, and why).
    public var notes: [String] = []
    /// The verdicts of the takes checked by this call (new takes, and earlier ones not yet checked).
    public var verdicts: [TakeID: TakeVerdict] = [:]
    /// What the critic said of the takes this call made (with a critic configured).
    public var critiques: [TakeID: TakeCritique] = [:]
}

/// What `generate` did, as `--json`, the studio and MCP report it.
public struct GenerateReport: Codable, Sendable, Hashable {
    public var added: [String]
    public var covered: [String]
    public var ran: Int
    public var reused: Int
    /// Jobs that failed, by node, with why.
    public var failed: [String: String]
    public var spent: [Money]
    /// The quality check of each take checked, by take.
    public var checks: [String: TakeVerdict]
    /// What the critic said of each take it looked at, by take.
    public var critiques: [String: TakeCritique]
    /// What the user should know (shots left out, and why).
    public var notes: [String]

    public init(_ r: GenerateResult) {
        added = r.added.map(\.id.rawValue)
        covered = r.covered.map(\.id.rawValue)
        ran = r.summary?.ran ?? 0
        reused = r.summary?.cached ?? 0
        failed = Dictionary(uniqueKeysWithValues: (r.summary?.failures ?? [:]).map { ($0.key.rawValue, $0.value.description) })
        spent = r.summary?.spent ?? []
        checks = Dictionary(uniqueKeysWithValues: r.verdicts.map { ($0.key.rawValue, $0.value) })
        critiques = Dictionary(uniqueKeysWithValues: r.critiques.map { ($0.key.rawValue, $0.value) })
        notes = r.notes
    }
}

extension Studio {
    /// Makes takes: for each chosen shot, as many takes of its current version as asked
    /// (adding, never replacing), and resumes takes an earlier run left unfinished.
    public func generate(_ production: Production, _ request: GenerateRequest,
                         events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> GenerateResult {
        let board = try await plan(production, save: !request.dryRun)
        let shots = try Studio.select(board.shots, patterns: request.shots)
        let setup = try providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        try requireProvider(request.provider ?? production.config.provider, setup: setup, generators: builder.generators)
        try requireCritic(setup)
        let existing = Dictionary(grouping: try await production.repository.takes(of: nil), by: \.shot)
        let want = request.takes ?? production.config.takes
        let open = Studio.openNotes(Array(builder.notes.values), takes: existing, picks: try await production.repository.picks())
        let withdrawn = Set(builder.notes.values.filter(\.isWithdrawn).map(\.id))
        var added: [Take] = []
        var covered: [(Shot, Take)] = []
        let now = Date()
        for shot in shots {
            let plan = plan(shot, board: board, production: production, setup: setup, requested: request.provider,
                            builder: builder)
            // New takes carry the shot's open notes (their prompt says them).
            let notes = (open[shot.id] ?? []).map(\.id)
            let asked = FilmPlan.ask(existing[shot.id] ?? [], fingerprint: builder.fingerprint(shot), provider: plan.provider,
                                     want: want, notes: notes, withdrawn: withdrawn)
            // Unfinished takes run again (a submitted one resumes by polling); a take refused
            // for good (moderation, a bad request) stays as it is.
            covered += asked.resumed.map { (shot, $0) }
            for number in asked.numbers where !request.resumeOnly {
                let take = builder.newTake(shot, number: number, plan: plan, at: now, notes: notes)
                added.append(take)
                covered.append((shot, take))
            }
        }
        var graph = try builder.takesGraph(covered)
        // Finished takes never checked (made by an earlier Reel, or their check was cut short),
        // or not critiqued (made before the project had a critic, or the critic did not answer).
        for shot in shots {
            for take in existing[shot.id] ?? [] {
                try builder.addCheck(ofStored: take, shot: shot, to: &graph)
                // Against the prompt it was made from: only takes of the shot as it is now.
                if take.fingerprint == builder.fingerprint(shot), !request.resumeOnly {
                    try builder.addCritique(ofStored: take, shot: shot, to: &graph)
                }
            }
        }
        return try await runOrForecast(graph, added: added, covered: covered.map(\.1), board: board,
                                       production: production, generators: builder.generators, command: "generate",
                                       dryRun: request.dryRun, events: events)
    }

    /// Runs the graph of a request for takes (recording the added takes first), or for a dry
    /// run forecasts it: what `generate` and `keyframes` answer.
    func runOrForecast(_ graph: JobGraph, added: [Take], covered: [Take], board: Storyboard, production: Production,
                       generators: Generators, command: String, dryRun: Bool,
                       events: AsyncStream<RunEvent>.Continuation?) async throws -> GenerateResult {
        var result = GenerateResult(storyboard: board, graph: graph, added: added, covered: covered, summary: nil,
                                    forecast: nil, budgetCap: production.config.budgetCap,
                                    spent: try await production.repository.spent())
        if dryRun {
            result.forecast = try await executor(generators: generators, journal: production.journal, blobs: production.blobs,
                                                 options: try await executorOptions(production)).forecast(graph)
            return result
        }
        try await production.repository.addTakes(added)
        var summary = try await run(graph, in: production, generators: generators, command: command, events: events)
        result.notes += Self.setAsideCritiques(&summary, graph: graph)
        if graph.nodes.contains(where: { $0.spec.kind == .critique }), let setup = try? providerSetup(production) {
            result.notes += criticNotes(setup)
        }
        result.summary = summary
        (result.verdicts, result.critiques) = try await findings(of: graph, in: production)
        return result
    }

    /// What the checks and critiques of `graph` found, as the store now has it (a job that
    /// did not finish found nothing).
    func findings(of graph: JobGraph, in production: Production) async throws
        -> (verdicts: [TakeID: TakeVerdict], critiques: [TakeID: TakeCritique])
    {
        let ran = Set(graph.nodes.filter { $0.spec.kind == .check || $0.spec.kind == .critique }.map(\.id))
        guard !ran.isEmpty else { return ([:], [:]) }
        var verdicts: [TakeID: TakeVerdict] = [:]
        var critiques: [TakeID: TakeCritique] = [:]
        for take in try await production.repository.takes(of: nil) {
            if ran.contains(FilmGraphBuilder.checkNode(take.id)), let verdict = take.verdict { verdicts[take.id] = verdict }
            if ran.contains(FilmGraphBuilder.critiqueNode(take.id)), let critique = take.critique { critiques[take.id] = critique }
        }
        return (verdicts, critiques)
    }

    /// A critique that could not be had — the critic down, refusing, or answering what
    /// cannot be read — does not fail the run: its take keeps its check, and the user is
    /// told. Takes those jobs (and the frames they wait on) out of `summary`'s failures and
    /// says why, except where the take itself failed (that failure says enough).
    static func setAsideCritiques(_ summary: inout RunSummary, graph: JobGraph) -> [String] {
        var said: [String] = []
        for node in graph.nodes where node.spec.kind == .strip || node.spec.kind == .critique {
            guard let failure = summary.failures.removeValue(forKey: node.id) ?? summary.skipped.removeValue(forKey: node.id),
                  node.spec.kind == .critique else { continue }
            let take = node.id.rawValue.dropFirst("critique:".count)
            let videoFailed = node.inputs.contains { strip in
                graph[strip]?.inputs.contains { summary.failures[$0] != nil || summary.skipped[$0] != nil } ?? false
            }
            if failure.reason == .blocked, videoFailed { continue }
            said.append("no critique of \(take): \(failure.reason == .blocked ? "its frames could not be taken" : failure.message)")
        }
        return said
    }
}

extension Studio {
    /// Fails with what to do when `provider` (not `auto`) cannot be used.
    func requireProvider(_ provider: ProviderID, setup: ProviderSetup, generators: Generators) throws {
        guard provider.rawValue != "auto", (try? generators.videoGenerator(for: provider)) == nil else { return }
        if let status = setup.providers.first(where: { $0.entry.id == provider }), let missing = status.missing {
            throw ReelError(.configuration, "\(status.entry.name) is not configured: \(missing)",
                            hint: "see `reel providers`; keys go in the environment or ~/.config/reel/credentials (chmod 600)")
        }
        _ = try generators.videoGenerator(for: provider)
    }
}
