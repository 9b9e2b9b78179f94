import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Speech from espeak-ng: robotic but clear, offline, a distinct voice per character,
/// English and Mandarin.
public struct EspeakSpeech: SpeechGenerator, LocalGenerator {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner()) {
        self.toolchain = toolchain
        self.runner = runner
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: "espeak", name: "espeak-ng", media: [.speech], isLocal: true, isDeterministic: true)
    }

    public func normalize(_ request: SpeechRequest) -> SpeechRequest {
        var r = request
        r.model = "espeak-ng"
        // Only a variant cast for espeak-ng changes what it says (an OpenAI voice does not).
        r.voice.providerVoice = r.voice.providerVoice.filter { $0.key == "espeak" }
        r.speaker = ""
        return r
    }

    /// What `reel voices` lists for espeak-ng: every variant in English and Mandarin.
    public static let voices: [VoiceOption] = EspeakVoice.variants.map {
        VoiceOption(provider: "espeak", id: $0.id, name: $0.name, gender: $0.gender, note: $0.note.isEmpty ? "robotic, offline" : $0.note + ", offline")
    }

    public func voiceName(for voice: Voice, speaker: String, language: Language) -> String {
        EspeakVoice.name(for: voice, language: language)
    }

    public func make(_ request: SpeechRequest, context: GenerationContext) async throws -> NodeOutput {
        let espeak = try toolchain.requireEspeak()
        let line = SpeechLine(text: request.text, language: request.language, voice: request.voice)
        let output = context.blobs.scratchURL(extension: "wav")
        let result = try await runner.run(espeak, EspeakVoice.arguments(for: line, output: output),
                                          stdin: EspeakVoice.input(for: line))
        guard result.status == 0, let data = try? Data(contentsOf: output), data.count > 44 else {
            try? FileManager.default.removeItem(at: output)
            throw JobFailure(.failed, "espeak-ng could not voice the line: \(result.stderrTail(2))")
        }
        let media = WAVInfo.read(data)
        let asset = try context.blobs.importFile(at: output, mediaType: "audio/wav", media: media)
        return NodeOutput(asset: asset)
    }
}

/// Duration and layout from a PCM WAV header, without decoding.
enum WAVInfo {
    static func read(_ data: Data) -> MediaInfo? {
        let bytes = [UInt8](data.prefix(4096))
        func u32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        guard bytes.count >= 44, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46] else { return nil }
        var i = 12
        var rate = 0, channels = 0, bits = 0
        while i + 8 <= bytes.count {
            let id = String(decoding: bytes[i..<i + 4], as: UTF8.self)
            let size = u32(i + 4)
            if id == "fmt ", i + 24 <= bytes.count {
                channels = u16(i + 10)
                rate = u32(i + 12)
                bits = u16(i + 22)
            } else if id == "data" {
                let available = data.count - (i + 8)
                let length = (size == 0xFFFF_FFFF || size > available) ? available : size
                guard rate > 0, channels > 0, bits > 0 else { return nil }
                let frames = Int64(length / (channels * bits / 8))
                return MediaInfo(duration: RationalTime(value: frames, timescale: Int64(rate)), audioCodec: "pcm_s\(bits)le",
                                 sampleRate: rate, channels: channels)
            }
            i += 8 + size + (size & 1)
        }
        return nil
    }
}
