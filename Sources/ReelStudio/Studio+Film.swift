import Foundation
import ReelEngine
import ReelMedia
import ReelModel
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
        let builder = FilmGraphBuilder(storyboard: board, settings: settings, generators: generators(setup),
                                       catalog: setup.catalog)
        if makeMissing { try requireProvider(production.config.provider, setup: setup, generators: builder.generators) }
        try requireVoices(production, setup: setup)
        let takes = Dictionary(grouping: try await production.repository.takes(of: nil), by: \.record.shot)
        let picks = try await production.repository.picks()
        var sources: [ShotID: ShotSource] = [:]
        var named: [ShotID: String] = [:]
        var warnings: [String] = []
        var newTakes: [TakeRecord] = []
        for shot in board.shots {
            let fingerprint = builder.fingerprint(shot)
            let all = takes[shot.id] ?? []
            let choice = TakeChoice.choose(shot, fingerprint: fingerprint, takes: all, pick: picks[shot.id])
            if let (take, output) = choice.stored, !production.blobs.contains(output.asset) {
                // Its file is gone (removed as damaged): the take's own job makes it again, or
                // fetches it again from the provider's job; never a silent new payment.
                let generator = try? builder.generators.videoGenerator(for: take.provider)
                if take.fingerprint == fingerprint, let generator, generator.descriptor.isLocal || output.source != nil {
                    sources[shot.id] = .take(take)
                    named[shot.id] = take.id.rawValue
                    continue
                }
                if !makeMissing {
                    named[shot.id] = "animatic"
                    warnings.append("\(shot.id): the file of \(take.id) is missing from the media store; the animatic stands in")
                    continue
                }
            }
            // `make` replaces a take of an earlier version with a new one; `render` uses it.
            if let (take, output) = choice.stored, production.blobs.contains(output.asset), !(makeMissing && choice.isFallback) {
                sources[shot.id] = .stored(take, output)
                named[shot.id] = take.id.rawValue
                if let warning = choice.warning(shot) { warnings.append(warning) }
                continue
            }
            if makeMissing {
                let plan = plan(shot, board: board, production: production, setup: setup, requested: nil)
                let number = (all.map(\.record.number).max() ?? 0) + 1
                let pending = all.first { $0.record.fingerprint == fingerprint && $0.record.provider == plan.provider && !$0.succeeded
                    && ($0.failure?.reason.isRetryable ?? true) }
                let take = pending?.record ?? builder.newTake(shot, number: number, plan: plan, at: Date())
                if plan.fallback, production.config.provider.rawValue != "auto", let reason = plan.reasons.first {
                    warnings.append("\(shot.id): \(reason)")
                }
                if pending == nil { newTakes.append(take) }
                sources[shot.id] = .take(take)
                named[shot.id] = take.id.rawValue
            } else {
                named[shot.id] = "animatic"
                if production.config.provider != builder.generators.video.descriptor.id {
                    warnings.append("\(shot.id): no take yet, the animatic stands in (run `reel generate --shots \(shot.id)`)")
                }
            }
        }
        try await production.repository.addTakes(newTakes)
        let film = try builder.build(sources: sources)
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
                          sources: named, warnings: warnings)
    }
}
