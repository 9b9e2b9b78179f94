import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import ReelStore

extension Studio {
    /// The storyboard of a production: planned from its script, with the ids, takes and
    /// picks of unchanged shots kept (see ``StoryboardReconciler``). Saved when `save`.
    public func plan(_ production: Production, save: Bool) async throws -> Storyboard {
        try await plan(production, save: save, edits: nil)
    }

    /// The storyboard with `edits` instead of the project's (nil: the project's).
    func plan(_ production: Production, save: Bool, edits: [ShotID: ShotEdit]?) async throws -> Storyboard {
        var fresh = try ScriptSource.storyboard(production.script, format: production.config.format,
                                                script: production.config.scriptFormat)
        if let title = production.config.title { fresh.title = title }
        let previous = try await production.repository.loadStoryboard()
        let used = try await production.repository.knownShotIDs()
        // The user's cast and edits win over the planner: applied anew to every plan.
        var chosen = edits
        if chosen == nil { chosen = try await production.repository.shotEdits() }
        // Then the people and props the user added are in frame where the action names them.
        let cast = try await production.cast.castEntries()
        let planned = Set(fresh.subjects.map(\.id))
        let board = Studio.applyEdits(chosen ?? [:],
                                      to: StoryboardReconciler.reconcile(previous: previous, next: fresh, used: used)
                                          .applyingCast(cast, consents: ConsentLedger(try await production.cast.consentEvents()))
                                          .placingByName(cast.keys.filter { !planned.contains($0) }.sorted()))
        if save {
            let builder = try await filmBuilder(production, board: board)
            let fingerprints = Dictionary(uniqueKeysWithValues: board.shots.map { ($0.id, builder.fingerprint($0)) })
            let digest = (try? Hashing.sha256(fileAt: production.script))?.digest.rawValue
            try await production.repository.saveStoryboard(board, fingerprints: fingerprints, scriptDigest: digest)
        }
        return board
    }

    /// The graph builder for a production's storyboard: its settings and generators, the
    /// cast's reference images, and the picked takes that continuing shots start from. Every
    /// use case builds through here, so a shot has the same version everywhere.
    func filmBuilder(_ production: Production, board: Storyboard, settings: RenderSettings? = nil,
                     setup: ProviderSetup? = nil) async throws -> FilmGraphBuilder {
        var builder = FilmGraphBuilder(storyboard: board, settings: settings ?? renderSettings(production),
                                       generators: generators(setup), catalog: setup?.catalog ?? ModelCatalog())
        builder.referenceAssets = try await referenceAssets(production)
        // Words that cannot be read leave the song out here (plan, generate, the board go on);
        // the film and the timeline refuse them first (`requireSong`).
        if let song = production.config.song, let lyrics = try? songLyrics(song, production: production) { builder.song = (song, lyrics) }
        builder.sceneMusic = Self.sceneMusic(production.config.sceneMusic, in: board)
        builder.notes = Dictionary(try await production.repository.notes(of: nil).map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let noted = Set(builder.notes.values.compactMap(\.take))
        if !noted.isEmpty {
            // Only takes whose file is here: a noted frame that cannot be drawn must not block a paid take.
            let blobs = production.blobs
            builder.notedTakes = Dictionary(try await production.repository.takes(of: nil)
                .filter { noted.contains($0.id) && $0.output.map { blobs.contains($0.asset) } == true }
                .map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        }
        // Only shots still in the storyboard: a retired shot's pick is never a first frame.
        let sources = Set(board.shots.compactMap(\.continuesFrom)).filter { board.shot($0) != nil }
        if !sources.isEmpty {
            let picks = try await production.repository.picks()
            for source in sources {
                guard let pick = picks[source],
                      let take = try await production.repository.takes(of: source).first(where: { $0.id == pick }),
                      take.succeeded else { continue }
                builder.continuity[source] = take
            }
        }
        // The picked keyframes, finished: where those shots' remote takes start.
        let keyframePicks = try await production.repository.picks(kind: .keyframe)
        if !keyframePicks.isEmpty {
            let picked = Set(keyframePicks.values)
            for still in try await production.repository.takes(of: nil, kind: .keyframe)
            where picked.contains(still.id) && still.succeeded && board.shot(still.shot) != nil {
                builder.keyframes[still.shot] = still
            }
        }
        return builder
    }

    /// How the production renders: its format, subtitles, labels and style.
    func renderSettings(_ production: Production, burnSubtitles: Bool? = nil) -> RenderSettings {
        RenderSettings(encode: EncodeSettings(format: production.config.format),
                       burnSubtitles: burnSubtitles ?? production.config.burnSubtitles, label: production.config.label,
                       style: production.config.style,
                       loudness: LoudnessTarget(integrated: production.config.loudness),
                       nativeAudio: production.config.audio == .native, effects: production.config.effects != nil)
    }

    /// Executor options from the production's settings: limits, budget cap, money spent.
    func executorOptions(_ production: Production) async throws -> ExecutorOptions {
        var limits = Studio.localLimits()
        for (provider, limit) in production.config.limits { limits[provider] = limit }
        var options = ExecutorOptions(limits: limits, defaultLimit: 2, budgetCap: production.config.budgetCap)
        if let cap = production.config.budgetCap {
            options.spentBefore = try await production.repository.spent().first { $0.currency == cap.currency }
        }
        return options
    }

    /// Runs a graph for a production, journaled, and records the run.
    func run(_ graph: JobGraph, in production: Production, generators: Generators, command: String,
             events: AsyncStream<RunEvent>.Continuation?) async throws -> RunSummary {
        try await checkMedia(of: production)
        let run = try await production.repository.startRun(command: command, startedAt: Date())
        let options = try await executorOptions(production)
        let engine = executor(generators: generators, journal: production.journal, blobs: production.blobs,
                              options: options, queue: workQueue(production, options: options))
        let summary = try await runWatchingProject(graph, executor: engine, production: production, command: command,
                                                   events: events)
        try await production.repository.finishRun(run, summary: summary)
        return summary
    }

    /// The shots whose ids match any of `patterns` (`S01-02`, `S03-*`, `S0?-01`); all when empty.
    static func select(_ shots: [Shot], patterns: [String]) throws -> [Shot] {
        guard !patterns.isEmpty else { return shots }
        var chosen: [Shot] = []
        for pattern in patterns {
            let regex = "^" + NSRegularExpression.escapedPattern(for: pattern)
                .replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".") + "$"
            let matches = shots.filter { $0.id.rawValue.range(of: regex, options: [.regularExpression, .caseInsensitive]) != nil }
            guard !matches.isEmpty else {
                let range = shots.isEmpty ? "none" : "\(shots.first!.id) … \(shots.last!.id)"
                throw ReelError(.usage, "no shot matches \(pattern)", hint: "shot ids are \(range); `reel plan` lists them")
            }
            for shot in matches where !chosen.contains(where: { $0.id == shot.id }) { chosen.append(shot) }
        }
        return shots.filter { s in chosen.contains { $0.id == s.id } }
    }
}
