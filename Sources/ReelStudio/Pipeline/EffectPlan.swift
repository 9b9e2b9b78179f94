import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript

/// Where a film's sound effects go: each ambience its heading or its shots name under the
/// whole scene (two at most a scene), each spot effect in the shot naming it — as far into
/// the shot as its sentence is into the action, once for a row of shots that keep naming
/// it — and never past that shot's end. A shot's sounds are those its action names, or
/// those the user chose (`reel shot --sounds`, heard from the shot's start).
struct EffectPlan {
    /// One sound effect in the film.
    struct Placed: Hashable, Sendable {
        var effect: SoundEffect
        var scene: SceneID
        /// The shot a spot effect is at; nil for an ambience.
        var shot: ShotID?
        var start: RationalTime
        /// How long the mix plays it.
        var length: RationalTime
        /// How long it is asked to be: an ambience its scene's length, a spot effect its own
        /// (the mix cuts it at its shot), so a shot's new length asks for nothing new.
        var requested: RationalTime

        /// Its job: `effect:1:rain`, `effect:S01-03:door`.
        var node: NodeID { NodeID("effect:\(shot?.rawValue ?? scene.rawValue):\(effect.rawValue)") }
        var label: String { "\(effect.rawValue) " + (shot.map(\.rawValue) ?? "scene \(scene.rawValue)") }
    }

    /// The ambiences a scene keeps at most.
    static let ambiencesPerScene = 2

    /// The sounds `shot` asks for itself: the user's, else those its action names (an opening
    /// shot that only repeats its heading names none: the heading speaks for the scene).
    static func sounds(of shot: Shot, in scene: StoryScene?) -> [SoundEffect] {
        heard(shot, in: scene).map(\.effect)
    }

    /// ``sounds(of:in:)`` with where in the shot each is named (a share of its action).
    static func heard(_ shot: Shot, in scene: StoryScene?) -> [(effect: SoundEffect, at: Double)] {
        if let chosen = shot.sounds { return chosen.map { ($0, 0) } }
        return shot.action == scene?.heading ? [] : SoundWords.heard(in: shot.action)
    }

    /// Where a spot effect named `at` (a share of the action) starts in a shot of `duration`,
    /// and how long it plays: it keeps its own length where the shot has room, else it starts
    /// earlier; it never runs past the shot.
    static func spot(_ effect: SoundEffect, at share: Double, in duration: RationalTime, rate: FrameRate)
        -> (offset: RationalTime, length: RationalTime)?
    {
        guard let most = effect.spotLength else { return nil }
        let frames = rate.frames(in: duration)
        let length = min(rate.frames(in: most), frames)
        let offset = min(Int64((Double(frames) * max(0, min(1, share))).rounded(.down)), frames - length)
        return (rate.time(frames: offset), rate.time(frames: length))
    }

    /// Every sound effect of `board`, scene by scene, in the order the mix takes them; no spot
    /// effect at the shots of `quiet` (takes whose model made their sound, effects and all).
    static func place(_ board: Storyboard, quiet: Set<ShotID> = []) -> [Placed] {
        let rate = board.format.frameRate
        let starts = board.shotStarts
        var placed: [Placed] = []
        for scene in board.scenes {
            let shots = board.shots.filter { $0.scene == scene.id }
            guard let first = shots.first, let start = starts[first.id] else { continue }
            let heard = shots.map { self.heard($0, in: scene) }
            // The heading's ambiences unless every shot's sounds were chosen (then they are the user's).
            let chosenAll = shots.allSatisfy { $0.sounds != nil }
            var ambiences = chosenAll ? [] : SoundWords.ambiences(heading: scene.heading, qualifiers: scene.qualifiers ?? [])
            for (effect, _) in heard.joined() where effect.isAmbience && !ambiences.contains(effect) { ambiences.append(effect) }
            let length = rate.time(frames: shots.reduce(Int64(0)) { $0 + rate.frames(in: $1.duration) })
            if length > .zero {
                for effect in ambiences.prefix(ambiencesPerScene) {
                    placed.append(Placed(effect: effect, scene: scene.id, shot: nil, start: start, length: length, requested: length))
                }
            }
            var before: Set<SoundEffect> = []
            for (shot, effects) in zip(shots, heard) {
                // A sound the action keeps naming is heard once; one the user chose, always.
                let repeated = shot.sounds == nil ? before : []
                for (effect, share) in effects where !effect.isAmbience && !repeated.contains(effect) && !quiet.contains(shot.id) {
                    guard let at = starts[shot.id], let most = effect.spotLength,
                          let (offset, length) = spot(effect, at: share, in: shot.duration, rate: rate), length > .zero
                    else { continue }
                    placed.append(Placed(effect: effect, scene: scene.id, shot: shot.id, start: at + offset, length: length,
                                         requested: most))
                }
                before = Set(effects.map(\.effect).filter { !$0.isAmbience })
            }
        }
        return placed
    }
}

extension FilmGraphBuilder {
    /// A job per sound effect of the storyboard (``EffectPlan``), each an input of the mix at
    /// its own level; an ambience loops when its generator made it shorter than its scene.
    /// Sounds whose jobs would be the same (a model that takes no seed, asked for the same
    /// sound at the same length) share one job: it is made, and paid, once.
    func addEffects(to graph: inout JobGraph, inputs: inout [NodeID], quiet: Set<ShotID> = []) throws
        -> (placements: [AudioPlacement], cues: [FilmGraph.EffectCue])
    {
        var placements: [AudioPlacement] = []
        var cues: [FilmGraph.EffectCue] = []
        var made: [JobSpec: NodeID] = [:]
        for sound in EffectPlan.place(storyboard, quiet: quiet) {
            let request = SoundEffectRequest(effect: sound.effect, duration: sound.requested,
                                             seed: Hashing.seed("effect:\(sound.node.rawValue)"))
            let spec = try Generators.spec(generators.effects, kind: .effect, request: request, model: request.model)
            let node = made[spec] ?? sound.node
            if made[spec] == nil {
                made[spec] = node
                graph.add(GraphNode(id: node, spec: spec, shot: sound.shot, label: sound.label))
            }
            placements.append(AudioPlacement(input: inputs.count, start: sound.start, gainDB: sound.effect.gainDB, length: sound.length,
                                             loop: sound.effect.isAmbience ? true : nil))
            cues.append(FilmGraph.EffectCue(node: node, effect: sound.effect, scene: sound.scene, shot: sound.shot,
                                            start: sound.start, length: sound.length))
            inputs.append(node)
        }
        return (placements, cues)
    }
}
