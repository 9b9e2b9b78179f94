import Foundation
import ReelEngine
import ReelModel
import ReelProviders

/// The generators a film is made with, one per medium, and the runners that drive them.
public struct Generators: Sendable {
    public var image: any ImageGenerator
    public var video: any VideoGenerator
    public var speech: any SpeechGenerator
    public var music: any MusicGenerator

    public init(image: any ImageGenerator, video: any VideoGenerator, speech: any SpeechGenerator,
                music: any MusicGenerator) {
        self.image = image
        self.video = video
        self.speech = speech
        self.music = music
    }

    /// The job spec for `request` on generator `g`: normalized, so only what changes the
    /// output goes into the cache key.
    static func spec<G: Generator>(_ g: G, kind: NodeKind, request: G.Request, model: String) throws -> JobSpec {
        JobSpec(kind: kind, kindVersion: g.descriptor.revision, provider: g.descriptor.id, model: model,
                params: try JSONValue(encoding: g.normalize(request)), deterministic: g.descriptor.isDeterministic)
    }

    /// Registers a runner for each generator.
    func register(into registry: inout RunnerRegistry, sleeper: any Sleeper) {
        func add<G: Generator>(_ g: G, _ kind: NodeKind) {
            registry.register(GenerationRunner(g, sleeper: sleeper), kind: kind, provider: g.descriptor.id)
        }
        add(image, .image)
        add(video, .video)
        add(speech, .speech)
        add(music, .music)
    }
}
