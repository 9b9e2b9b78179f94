import Foundation
import ReelEngine
import ReelModel
import ReelProviders

/// The generators a film is made with, one per medium, and the runners that drive them.
public struct Generators: Sendable {
    public var image: any ImageGenerator
    /// The animatic: the local video generator every shot can fall back on.
    public var video: any VideoGenerator
    public var speech: any SpeechGenerator
    public var music: any MusicGenerator
    /// Music models scenes name (`scene_music:`), by id, besides ``music``.
    public var musics: [ProviderID: any MusicGenerator] = [:]
    /// Who sings the film's song (`song.provider`); nil for ``music``.
    public var song: (any MusicGenerator)?
    /// Ambiences and spot effects: Reel's synthesiser unless `effects:` names a provider.
    public var effects: any SoundEffectGenerator = ProceduralEffects()
    /// The lip-sync model (`lipsync:` in reel.yaml); nil for none.
    public var lipSync: (any LipSyncGenerator)?
    /// Further video providers by id (remote models), chosen per take.
    public var videos: [ProviderID: any VideoGenerator]
    /// Image models by id: where keyframes come from (the animatic's panels never leave the machine).
    public var images: [ProviderID: any ImageGenerator] = [:]
    /// The vision model that critiques each new take of a model; nil for none.
    var critic: Studio.Writer?

    public init(image: any ImageGenerator, video: any VideoGenerator, speech: any SpeechGenerator,
                music: any MusicGenerator, videos: [ProviderID: any VideoGenerator] = [:]) {
        self.image = image
        self.video = video
        self.speech = speech
        self.music = music
        self.videos = videos
    }

    /// The video generator for `provider`.
    public func videoGenerator(for provider: ProviderID) throws -> any VideoGenerator {
        if provider == video.descriptor.id { return video }
        guard let g = videos[provider] else {
            let known = ([video.descriptor.id] + videos.keys.sorted()).map(\.rawValue).joined(separator: ", ")
            throw ReelError(.configuration, "no video provider called \(provider) is configured",
                            hint: "configured: \(known); see `reel providers`")
        }
        return g
    }

    /// The music model `provider` names for `scene`'s cue; ``music`` for nil.
    func musicGenerator(for provider: ProviderID?, scene: SceneID) throws -> any MusicGenerator {
        guard let provider, provider != music.descriptor.id else { return music }
        if provider == ProceduralMusic.id { return ProceduralMusic() }
        guard let g = musics[provider] else {
            throw ReelError(.configuration, "scene \(scene)'s music names \(provider), which is not configured as a music model here",
                            at: "reel.yaml scene_music", hint: "see `reel providers`; or `reel music --scene \(scene) --provider \"\"` for `music:`'s")
        }
        return g
    }

    /// The job spec for `request` on generator `g`: normalized, so only what changes the
    /// output goes into the cache key.
    static func spec<G: Generator>(_ g: G, kind: NodeKind, request: G.Request, model: String) throws -> JobSpec {
        JobSpec(kind: kind, kindVersion: g.descriptor.revision, provider: g.descriptor.id, model: model,
                params: try JSONValue(encoding: g.normalize(request)), deterministic: g.descriptor.isDeterministic)
    }

    /// The node that voices `line` as `speaker` (with the speaker's voice, cast or planned):
    /// the film's lines and `reel cast voice --sample` make the same job, so a sample of a
    /// line the film speaks is the film's (paid once).
    func voiceNode(_ id: NodeID, line: String, language: Language, speaker: Subject, shot: ShotID?) throws -> GraphNode {
        let request = SpeechRequest(text: line, language: language, voice: speaker.voice ?? Voice(gender: .unknown),
                                    speaker: speaker.name)
        return GraphNode(id: id, spec: try Generators.spec(speech, kind: .speech, request: request, model: request.model),
                         shot: shot, label: "voice \(speaker.name)" + (shot.map { " \($0)" } ?? ""))
    }

    /// Providers whose image models make keyframes unnamed only when nothing else can, in
    /// this order: their keys are there for their video (Kling; FLUX on fal and Replicate), and
    /// a project that had another image model — or Kling's, before fal's and Replicate's were
    /// added — keeps it.
    static let namedImageModels: [ProviderID] = ["kling", "fal", "replicate"]

    /// The image model keyframes come from: `requested`, else the only one configured (those
    /// of ``namedImageModels`` only when no other is, the first of them in its order).
    public func keyframeGenerator(_ requested: ProviderID?) throws -> any ImageGenerator {
        if let requested {
            guard let g = images[requested] else {
                let known = images.keys.sorted().map(\.rawValue).joined(separator: ", ")
                throw ReelError(.configuration, "no image model called \(requested) is configured",
                                hint: images.isEmpty ? "keyframes need an image model: configure one (sim, openai); see `reel providers`"
                                    : "configured: \(known); see `reel providers`")
            }
            return g
        }
        let unnamed = images.filter { !Self.namedImageModels.contains($0.key) }
        if unnamed.count == 1, let only = unnamed.values.first { return only }
        if unnamed.isEmpty, let first = Self.namedImageModels.lazy.compactMap({ images[$0] }).first { return first }
        guard images.count == 1, let only = images.values.first else {
            throw ReelError(.configuration, images.isEmpty ? "no image model is configured, so there is nothing to make keyframes with"
                                : "\(images.count) image models are configured (\(images.keys.sorted().map(\.rawValue).joined(separator: ", ")))",
                            hint: images.isEmpty ? "configure one (`reel dev simulate` prints the simulated provider's; or set OPENAI_API_KEY); see `reel providers`"
                                : "say which with `keyframes: NAME` in reel.yaml or `--provider NAME`")
        }
        return only
    }

    private static func register<G: Generator>(_ g: G, kind: NodeKind, into registry: inout RunnerRegistry, sleeper: any Sleeper) {
        registry.register(GenerationRunner(g, sleeper: sleeper), kind: kind, provider: g.descriptor.id)
    }

    /// Registers a runner for each generator.
    func register(into registry: inout RunnerRegistry, sleeper: any Sleeper) {
        func add<G: Generator>(_ g: G, _ kind: NodeKind) {
            registry.register(GenerationRunner(g, sleeper: sleeper), kind: kind, provider: g.descriptor.id)
        }
        add(image, .image)
        add(video, .video)
        for g in videos.values { Generators.register(g, kind: .video, into: &registry, sleeper: sleeper) }
        for g in images.values { Generators.register(g, kind: .image, into: &registry, sleeper: sleeper) }
        add(speech, .speech)
        add(music, .music)
        // The models scenes name, and Reel's score where a scene asks for it under a model's.
        for g in musics.values where g.descriptor.id != music.descriptor.id {
            Generators.register(g, kind: .music, into: &registry, sleeper: sleeper)
        }
        if music.descriptor.id != ProceduralMusic.id { add(ProceduralMusic(), .music) }
        if let song, song.descriptor.id != music.descriptor.id { Generators.register(song, kind: .music, into: &registry, sleeper: sleeper) }
        add(effects, .effect)
        if let lipSync { Generators.register(lipSync, kind: .lipsync, into: &registry, sleeper: sleeper) }
        if let critic {
            registry.register(CritiqueRunner(critic.chat, provider: critic.provider, prices: critic.prices), kind: .critique,
                              provider: critic.provider)
        }
    }
}
