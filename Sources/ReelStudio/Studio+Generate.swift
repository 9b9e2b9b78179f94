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
    /// What the user should know (shots left out, and why).
    public var notes: [String]

    public init(_ r: GenerateResult) {
        added = r.added.map(\.id.rawValue)
        covered = r.covered.map(\.id.rawValue)
        ran = r.summary?.ran ?? 0
        reused = r.summary?.cached ?? 0
        failed = Dictionary(uniqueKeysWithValues: (r.summary?.failures ?? [:]).map { ($0.key.rawValue, $0.value.description) })
        spent = r.summary?.spent.map { [$0] } ?? []
        checks = Dictionary(uniqueKeysWithValues: r.verdicts.map { ($0.key.rawValue, $0.value) })
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
                var take = builder.newTake(shot, number: number, plan: plan, at: now)
                take.notes = notes
                added.append(take)
                covered.append((shot, take))
            }
        }
        var graph = try builder.takesGraph(covered)
        // Finished takes never checked (made by an earlier Reel, or their check was cut short).
        for shot in shots {
            for take in existing[shot.id] ?? [] { try builder.addCheck(ofStored: take, shot: shot, to: &graph) }
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
        result.summary = try await run(graph, in: production, generators: generators, command: command, events: events)
        // The verdicts of the takes this run checked, as the store now has them.
        let checked = Set(graph.nodes.filter { $0.spec.kind == .check }.map(\.id))
        if !checked.isEmpty {
            for shot in Set(graph.nodes.compactMap(\.shot)) {
                for take in try await production.repository.takes(of: shot)
                where checked.contains(FilmGraphBuilder.checkNode(take.id)) {
                    if let verdict = take.verdict { result.verdicts[take.id] = verdict }
                }
            }
        }
        return result
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
