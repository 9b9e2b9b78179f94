import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel

/// Music from Reel's own synthesiser: a cue per scene in the scene's mood, deterministic
/// from its seed.
public struct ProceduralMusic: MusicGenerator, LocalGenerator {
    public init() {}

    /// Its provider id, as `scene_music:` names it.
    public static let id: ProviderID = "procedural"

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: Self.id, name: "Reel score", media: [.music], isLocal: true, isDeterministic: true,
                           revision: MusicSynth.version)
    }

    public func normalize(_ request: MusicRequest) -> MusicRequest {
        var r = request
        r.prompt = ""
        r.lyrics = nil
        r.model = "reel-score"
        return r
    }

    public func make(_ request: MusicRequest, context: GenerationContext) async throws -> NodeOutput {
        let cue = MusicCue(mood: request.mood, duration: request.duration, seed: request.seed)
        let rate = MixSpec.sampleRate
        // Seconds of arithmetic: off the cooperative pool, so the process goes on meanwhile.
        let (samples, data) = try await Offload.run {
            let samples = MusicSynth.render(cue, sampleRate: rate)
            return (samples, WAV.encode(samples: samples, sampleRate: rate, channels: 2))
        }
        let media = MediaInfo(duration: RationalTime(value: Int64(samples.count / 2), timescale: Int64(rate)),
                              audioCodec: "pcm_s16le", sampleRate: rate, channels: 2)
        return NodeOutput(asset: try context.blobs.put(data, mediaType: "audio/wav", media: media))
    }
}
