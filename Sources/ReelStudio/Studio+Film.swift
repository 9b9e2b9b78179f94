import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

/// What a render (or a make) produced.
public struct FilmResult: Sendable {
    public var film: URL
    public var subtitles: URL
    public var storyboard: Storyboard
    public var summary: RunSummary
    public var frames: Int64
    /// Where each shot's picture came from: `S01-02#3`, or `animatic` for a placeholder.
    public var sources: [ShotID: String]
    /// Things the user should know: outdated picks, shots without a take yet, takes that
    /// failed their quality check.
    public var warnings: [String]
    /// The verdicts of the takes this run checked (the takes it made, and stored ones never checked).
    public var verdicts: [TakeID: TakeVerdict] = [:]
    /// What the critic said of the takes this run made (with a critic configured).
    public var critiques: [TakeID: TakeCritique] = [:]
}

extension Studio {
    /// Cuts the film: the picked take of each shot, else its newest good take, else the
    /// animatic as a stand-in. With `makeMissing`, shots without a take of their current
    /// version get one made on the production's provider first (the `make` path): the
    /// models' takes are made and checked before the cut is decided, so one that failed its
    /// check is not cut in; the animatic's are drawn in the same run as the cut.
    public func film(_ production: Production, output: URL?, burnSubtitles: Bool? = nil, makeMissing: Bool,
                     events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> FilmResult {
        let board = try await plan(production, save: true)
        try requireTools()
        let out = output ?? production.rendersDirectory.appendingPathComponent(OutputFile.safeName(board.title) + ".mp4")
        let srtURL = out.deletingPathExtension().appendingPathExtension("srt")
        try OutputFile.checkWritable(out)
        let settings = renderSettings(production, burnSubtitles: burnSubtitles)
        let setup = try providerSetup(production)
        var builder = try await filmBuilder(production, board: board, settings: settings, setup: setup)
        if makeMissing {
            try requireProvider(production.config.provider, setup: setup, generators: builder.generators)
            try requireCritic(setup)
        }
        try requireVoices(production, setup: setup)
        try requireEffects(production, setup: setup)
        try requireLipSync(production, setup: setup)
        try requireMusic(production, setup: setup)
        try requireSceneMusic(production, setup: setup)
        try requireSong(production, setup: setup)
        let blobs = production.blobs
        let context = FilmPlan.Context(
            isStored: { blobs.contains($0) },
            canRemake: { take, output in
                guard let generator = try? builder.generators.videoGenerator(for: take.provider) else { return false }
                return generator.descriptor.isLocal || output.source != nil
            },
            route: { plan($0, board: board, production: production, setup: setup, requested: nil,
                          builder: builder) },
            newTake: { builder.newTake($0, number: $1, plan: $2, at: Date()) },
            provider: production.config.provider, animatic: builder.generators.video.descriptor.id,
            withdrawn: Studio.withdrawal(in: board, at: builder.now))
        var before = RunSummary()
        var verdicts: [TakeID: TakeVerdict] = [:]
        var critiques: [TakeID: TakeCritique] = [:]
        var notes: [String] = []
        if makeMissing {
            let first = try await filmPlan(production, builder: builder, purpose: .make, context: context)
            let models = board.shots.compactMap { shot -> (Shot, Take)? in
                guard case .take(let take)? = first.sources[shot.id], take.provider != context.animatic else { return nil }
                return (shot, take)
            }
            var graph = try builder.takesGraph(models)
            // Stored takes of models the cut would use that were never checked: checked first too,
            // so one that fails is not cut in.
            for shot in board.shots {
                if case .stored(let take, _)? = first.sources[shot.id], take.provider != context.animatic {
                    try builder.addCheck(ofStored: take, shot: shot, to: &graph)
                }
            }
            if !graph.nodes.isEmpty {
                let made = Set(models.map(\.1.id))
                try await production.repository.addTakes(first.newTakes.filter { made.contains($0.id) })
                before = try await run(graph, in: production, generators: builder.generators, command: "make", events: events)
                // A check that cannot run is set aside here too: its take is cut in unchecked, and said.
                notes = Self.setAsideCritiques(&before, graph: graph) + Self.setAsideChecks(&before, graph: graph)
                    + (graph.nodes.contains { $0.spec.kind == .critique } ? criticNotes(setup) : [])
                try Studio.requireSuccess(before, graph: graph)
                (verdicts, critiques) = try await findings(of: graph, in: production)
            }
        }
        let cut = try await filmPlan(production, builder: builder, purpose: makeMissing ? .make : .render, context: context)
        try await production.repository.addTakes(cut.newTakes)
        var film = try builder.build(sources: cut.sources)
        try addChecks(of: cut, to: &film.graph, builder: builder)
        var summary = RunSummary()
        var files: [Asset] = []
        // The film and its subtitles leave the store only once they hash to their names; a
        // damaged stored copy is removed and made again (once).
        for pass in 1...2 {
            summary = try await run(film.graph, in: production, generators: builder.generators,
                                    command: makeMissing ? "make" : "render", events: events)
            notes += Self.setAsideChecks(&summary, graph: film.graph)
            // A lip-sync that failed (no face found, a take the model refuses) does not stop the
            // film: those shots are cut from their takes as they are, and the user is told.
            let unsynced = Self.failedLipSyncs(summary, graph: film.graph)
            if !unsynced.isEmpty {
                builder.withoutLipSync.formUnion(unsynced.map(\.shot))
                notes += unsynced.map { "\($0.shot): the lip-sync of its take failed (\($0.reason)); the shot is cut from the take as it is, "
                                        + "and the next render asks again" }
                film = try builder.build(sources: cut.sources)
                try addChecks(of: cut, to: &film.graph, builder: builder)
                // What the first run made and spent stays counted; what its failures held up is
                // what the second run makes.
                var first = summary
                (first.failures, first.skipped) = ([:], [:])
                summary = first.then(try await run(film.graph, in: production, generators: builder.generators,
                                                   command: makeMissing ? "make" : "render", events: events))
                notes += Self.setAsideChecks(&summary, graph: film.graph)
            }
            try Studio.requireSuccess(summary, graph: film.graph)
            guard let filmAsset = summary.outputs[film.film]?.asset, let srt = summary.outputs[film.subtitles]?.asset else {
                throw ReelError(.internalError, "the run finished without a film", hint: "this is a bug; please report it")
            }
            files = [srt, filmAsset]
            let damaged = files.filter { !production.blobs.verify($0) }
            if damaged.isEmpty { break }
            damaged.forEach(production.blobs.discard)
            if pass == 2 {
                throw ReelError(.mediaFailed, "the finished film is damaged in the media store right after it was made",
                                at: production.blobs.url(for: damaged[0]).path, hint: "check the disk (dmesg, fsck), then run the command again")
            }
        }
        try OutputFile.install([(production.blobs.url(for: files[0]), srtURL), (production.blobs.url(for: files[1]), out)])
        let found = try await findings(of: film.graph, in: production).verdicts
        verdicts.merge(found) { _, later in later }
        // A stored take checked only now (a render of takes made before checks) that failed: it
        // is in this film, and the next render leaves it out unless someone picks it.
        for (take, verdict) in found.sorted(by: { $0.key < $1.key }) where !verdict.passed {
            notes.append("\(take) failed its quality check (\(verdict.found)), found by this run: this film shows it, the next "
                         + "render will not unless you pick it")
        }
        return FilmResult(film: out, subtitles: srtURL, storyboard: board, summary: before.then(summary), frames: film.frames,
                          sources: cut.named, warnings: notes + cut.warnings + songWarnings(production, generators: builder.generators), verdicts: verdicts, critiques: critiques)
    }

    /// The shots whose lip-sync job failed in `summary`, with why.
    static func failedLipSyncs(_ summary: RunSummary, graph: JobGraph) -> [(shot: ShotID, reason: String)] {
        graph.nodes.filter { $0.spec.kind == .lipsync }.compactMap { node in
            guard let shot = node.shot, let failure = summary.failures[node.id] else { return nil }
            return (shot, failure.message)
        }
    }

    /// A check that could not run (the take's file unreadable, ffmpeg gone) does not stop the
    /// film: the take is shown unchecked, and the user is told.
    static func setAsideChecks(_ summary: inout RunSummary, graph: JobGraph) -> [String] {
        graph.nodes.filter { $0.spec.kind == .check }.compactMap { node in
            guard let failure = summary.failures.removeValue(forKey: node.id) ?? summary.skipped.removeValue(forKey: node.id) else { return nil }
            return "the check of \(node.id.rawValue.dropFirst("check:".count)) could not run (\(failure.message)); run the command again to check it"
        }
    }

    /// The quality check of every model's take the cut makes again (its file was lost) and
    /// of every stored one it uses that was never checked; their verdicts are stored with
    /// the takes. A check runs beside the cut and never holds it up. The animatic's takes
    /// are left to the film's own check: they are drawn here, not guessed by a model, and
    /// checking them would cost the offline film an eighth of its time.
    func addChecks(of cut: FilmPlan, to graph: inout JobGraph, builder: FilmGraphBuilder) throws {
        let animatic = builder.generators.video.descriptor.id
        for shot in builder.storyboard.shots {
            switch cut.sources[shot.id] {
            case .take(let take)? where take.provider == animatic, .stored(let take, _)? where take.provider == animatic: break
            case .take(let take)? where graph[take.node] != nil:
                builder.addCheck(of: take, shot: shot, video: take.node, to: &graph)
            case .stored(let take, _)?:
                try builder.addCheck(ofStored: take, shot: shot, to: &graph)
            default: break
            }
        }
    }

    /// Why a finished take may no longer be shown: it carries the likeness of a real person
    /// (``Take/shows``) whose consent is not in force now for the take's provider.
    static func withdrawal(in board: Storyboard, at now: Date) -> (Take) -> String? {
        { take in
            take.shows.lazy.compactMap { id in
                guard let person = board.subject(id) else { return "\(id) is no longer in the cast" }
                return person.likenessRefusal(for: take.provider, at: now)
            }.first
        }
    }

    /// The cut's decisions on the production's takes and picks now.
    func filmPlan(_ production: Production, builder: FilmGraphBuilder, purpose: FilmPlan.Purpose,
                  context: FilmPlan.Context) async throws -> FilmPlan {
        let board = builder.storyboard
        return FilmPlan.cut(board.shots, fingerprints: Dictionary(uniqueKeysWithValues: board.shots.map { ($0.id, builder.fingerprint($0)) }),
                            takes: Dictionary(grouping: try await production.repository.takes(of: nil), by: \.shot),
                            picks: try await production.repository.picks(), purpose: purpose, context: context)
    }
}
