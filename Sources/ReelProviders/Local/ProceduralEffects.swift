import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel

/// Sound effects from Reel's own synthesiser: rain, wind, the sea, a door slam, a phone —
/// filtered noise and simple tones, deterministic from the seed, made to the exact length
/// asked (an ambience lasts its scene, so it never loops).
public struct ProceduralEffects: SoundEffectGenerator, LocalGenerator {
    public init() {}

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "procedural", name: "Reel effects", media: [.effects], isLocal: true, isDeterministic: true,
                           revision: EffectSynth.version)
    }

    /// Only the effect, its length and seed make the sound; the prompt and loop do not.
    public func normalize(_ request: SoundEffectRequest) -> SoundEffectRequest {
        var r = request
        r.prompt = ""
        r.loop = false
        r.model = "reel-effects"
        return r
    }

    public func make(_ request: SoundEffectRequest, context: GenerationContext) async throws -> NodeOutput {
        let rate = MixSpec.sampleRate
        let frames = Int((request.duration.value * Int64(rate)) / max(1, request.duration.timescale))
        guard frames > 0 else { throw JobFailure(.invalidRequest, "a sound effect needs a length above zero") }
        let data = try await Offload.run {
            WAV.encode(samples: EffectSynth.render(request.effect, frames: frames, seed: request.seed, sampleRate: rate),
                       sampleRate: rate, channels: 2)
        }
        let media = MediaInfo(duration: RationalTime(value: Int64(frames), timescale: Int64(rate)),
                              audioCodec: "pcm_s16le", sampleRate: rate, channels: 2)
        return NodeOutput(asset: try context.blobs.put(data, mediaType: "audio/wav", media: media))
    }
}
