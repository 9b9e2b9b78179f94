import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

extension Studio {
    /// The film's timeline as the render would cut it now: the same take choice per shot,
    /// the voices and music the mix places (made, or found in the cache, by running only
    /// their jobs), and the sidecar's subtitle cues. Media paths are absolute paths into
    /// the media store. Never generates a picture.
    public func timeline(_ production: Production, events: AsyncStream<RunEvent>.Continuation? = nil) async throws
        -> (timeline: Timeline, warnings: [String])
    {
        let board = try await plan(production, save: true)
        let settings = renderSettings(production)
        let builder = try await filmBuilder(production, board: board, settings: settings, setup: try? providerSetup(production))
        let cut = try await filmPlan(production, builder: builder, purpose: .export, context: FilmPlan.Context(
            route: { _ in TakePlan(provider: "", model: "", reasons: []) }, newTake: { shot, number, _ in builder.animaticTake(shot, number: number) },
            provider: production.config.provider, animatic: builder.generators.video.descriptor.id,
            withdrawn: Studio.withdrawal(in: board, at: builder.now)))
        let (choices, warnings) = (cut.choices, cut.warnings + songWarnings(production, generators: builder.generators))
        let film = try builder.build(sources: cut.sources)
        // Only the sound: voices, music and effects (cached after a render, so usually free),
        // and the line mixes lip-syncs are made from (ffmpeg, here).
        let lipSyncs = film.graph.nodes.filter { $0.spec.kind == .lipsync }
        let lineMixes = Set(lipSyncs.flatMap(\.inputs))
        let sound = JobGraph(film.graph.nodes.filter { [.speech, .music, .effect].contains($0.spec.kind)
                || ($0.spec.kind == .mix && lineMixes.contains($0.id)) })
        if !sound.nodes.isEmpty { try requireTools() }
        let summary = sound.nodes.isEmpty ? RunSummary() : try await run(sound, in: production, generators: builder.generators,
                                                                                 command: "export", events: events)
        try Studio.requireSuccess(summary, graph: sound)
        let (voices, music, effects) = try sounds(film, board: board, outputs: summary.outputs)
        let (synced, unsynced) = try await lipSynced(lipSyncs, film: film, outputs: summary.outputs, production: production)
        let prompts = Dictionary(uniqueKeysWithValues: board.shots.map { ($0.id, builder.videoPrompt($0)) })
        let blobs = production.blobs
        var timeline = TimelineBuilder(storyboard: board, choices: choices, prompts: prompts, voices: voices, music: music,
                                       effects: effects, cues: film.cues, path: { blobs.url(for: $0).path })
        timeline.lipSynced = synced
        let notMade = unsynced.map {
            "\($0): its lip-synced picture is not made yet, so the export has the take as the model made it; "
                + "`reel render` makes it (a paid job), then export again"
        }
        return (timeline.timeline(), warnings + notMade)
    }

    /// The lip-synced picture of each shot the film lip-syncs, where a render made it (found by
    /// its cache key; an export never pays for one), and the shots whose is not made yet.
    func lipSynced(_ nodes: [GraphNode], film: FilmGraph, outputs: [NodeID: NodeOutput], production: Production) async throws
        -> (synced: [ShotID: NodeOutput], unsynced: [ShotID])
    {
        var synced: [ShotID: NodeOutput] = [:]
        var unsynced: [ShotID] = []
        for node in nodes {
            guard let shot = node.shot else { continue }
            let digests = node.inputs.compactMap { (film.graph[$0]?.given ?? outputs[$0])?.asset.digest }
            if digests.count == node.inputs.count,
               case .succeeded(let output)? = try await production.journal.entry(for: CacheKey(spec: node.spec, inputs: digests))?.state,
               production.blobs.contains(output.asset) {
                synced[shot] = output
            } else {
                unsynced.append(shot)
            }
        }
        return (synced, unsynced.sorted())
    }

    /// The voices, music cues and sound effects where the film graph places them.
    func sounds(_ film: FilmGraph, board: Storyboard, outputs: [NodeID: NodeOutput]) throws
        -> (voices: [TimelineBuilder.Sound], music: [TimelineBuilder.Sound], effects: [TimelineBuilder.Sound])
    {
        var voices: [TimelineBuilder.Sound] = []
        for line in film.voices {
            guard let output = outputs[line.node], let node = film.graph[line.node] else { continue }
            let cue = board.shot(line.shot).flatMap { line.line <= $0.dialogue.count ? $0.dialogue[line.line - 1] : nil }
            let speaker = cue.flatMap { board.subject($0.speaker)?.name } ?? ""
            var meta: [String: JSONValue] = ["role": "dialogue", "shot": .string(line.shot.rawValue), "speaker": .string(speaker),
                                             "provider": .string(node.spec.provider.rawValue), "model": .string(node.spec.model)]
            if let cue { meta["text"] = .string(cue.text) }
            voices.append(.init(node: line.node, start: line.start, slot: line.slot, output: output,
                                name: "\(line.shot) \(speaker)", fileName: "\(line.shot)-line\(line.line)", metadata: meta))
        }
        var music: [TimelineBuilder.Sound] = []
        for cue in film.music {
            guard let output = outputs[cue.node], let node = film.graph[cue.node] else { continue }
            let scene = cue.scene.rawValue
            var meta: [String: JSONValue] = ["role": "music", "scene": .string(scene), "provider": .string(node.spec.provider.rawValue),
                                             "model": .string(node.spec.model)]
            if let song = cue.song { meta["song"] = .string(song) }
            // Cut where the mix cuts it: a model's cue may be minutes long.
            music.append(.init(node: cue.node, start: cue.start, slot: cue.length, output: output,
                               name: cue.song.map { "song \($0)" } ?? "music scene \(scene)",
                               fileName: cue.song == nil ? "music-scene\(scene)" : "song", metadata: meta))
        }
        var effects: [TimelineBuilder.Sound] = []
        for cue in film.effects {
            guard let output = outputs[cue.node], let node = film.graph[cue.node] else { continue }
            let place = cue.shot?.rawValue ?? "scene\(cue.scene.rawValue)"
            var meta: [String: JSONValue] = ["role": "effects", "effect": .string(cue.effect.rawValue), "scene": .string(cue.scene.rawValue),
                                             "provider": .string(node.spec.provider.rawValue), "model": .string(node.spec.model)]
            if let shot = cue.shot { meta["shot"] = .string(shot.rawValue) }
            effects.append(.init(node: cue.node, start: cue.start, slot: cue.length, output: output,
                                 name: "\(cue.effect.rawValue) \(cue.shot?.rawValue ?? "scene \(cue.scene.rawValue)")",
                                 fileName: "effect-\(place)-\(cue.effect.rawValue)", metadata: meta))
        }
        return (voices, music, effects)
    }
}
