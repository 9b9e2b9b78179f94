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
    /// Things the user should know: outdated picks, shots without a take yet.
    public var warnings: [String]
}

extension Studio {
    /// Cuts the film: the picked take of each shot, else its newest good take, else the
    /// animatic as a stand-in. With `makeMissing`, shots without a take of their current
    /// version get one made on the production's provider first (the `make` path).
    public func film(_ production: Production, output: URL?, burnSubtitles: Bool? = nil, makeMissing: Bool,
                     events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> FilmResult {
        let board = try await plan(production, save: true)
        try requireTools()
        let out = output ?? production.rendersDirectory.appendingPathComponent(OutputFile.safeName(board.title) + ".mp4")
        let srtURL = out.deletingPathExtension().appendingPathExtension("srt")
        try OutputFile.checkWritable(out)
        let settings = renderSettings(production, burnSubtitles: burnSubtitles)
        let setup = try providerSetup(production)
        let builder = try await filmBuilder(production, board: board, settings: settings, setup: setup)
        if makeMissing { try requireProvider(production.config.provider, setup: setup, generators: builder.generators) }
        try requireVoices(production, setup: setup)
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
        let cut = try await filmPlan(production, builder: builder, purpose: makeMissing ? .make : .render, context: context)
        try await production.repository.addTakes(cut.newTakes)
        let film = try builder.build(sources: cut.sources)
        var summary = RunSummary()
        var files: [Asset] = []
        // The film and its subtitles leave the store only once they hash to their names; a
        // damaged stored copy is removed and made again (once).
        for pass in 1...2 {
            summary = try await run(film.graph, in: production, generators: builder.generators,
                                    command: makeMissing ? "make" : "render", events: events)
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
        return FilmResult(film: out, subtitles: srtURL, storyboard: board, summary: summary, frames: film.frames,
                          sources: cut.named, warnings: cut.warnings)
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
