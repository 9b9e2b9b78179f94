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
    /// Further video providers by id (remote models), chosen per take.
    public var videos: [ProviderID: any VideoGenerator]

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

    /// The job spec for `request` on generator `g`: normalized, so only what changes the
    /// output goes into the cache key.
    static func spec<G: Generator>(_ g: G, kind: NodeKind, request: G.Request, model: String) throws -> JobSpec {
        JobSpec(kind: kind, kindVersion: g.descriptor.revision, provider: g.descriptor.id, model: model,
                params: try JSONValue(encoding: g.normalize(request)), deterministic: g.descriptor.isDeterministic)
    }

    private static func registerVideo<G: VideoGenerator>(_ g: G, into registry: inout RunnerRegistry, sleeper: any Sleeper) {
        registry.register(GenerationRunner(g, sleeper: sleeper), kind: .video, provider: g.descriptor.id)
    }

    /// Registers a runner for each generator.
    func register(into registry: inout RunnerRegistry, sleeper: any Sleeper) {
        func add<G: Generator>(_ g: G, _ kind: NodeKind) {
            registry.register(GenerationRunner(g, sleeper: sleeper), kind: kind, provider: g.descriptor.id)
        }
        add(image, .image)
        add(video, .video)
        for g in videos.values { Generators.registerVideo(g, into: &registry, sleeper: sleeper) }
        add(speech, .speech)
        add(music, .music)
    }
}
