import Foundation
import ReelEngine
import ReelModel

/// What the media steps share: the tools and a way to run them.
public struct MediaTools: Sendable {
    public let toolchain: Toolchain
    public let runner: any ProcessRunner

    public init(toolchain: Toolchain, runner: any ProcessRunner = LocalProcessRunner()) {
        self.toolchain = toolchain
        self.runner = runner
    }

    /// Runs ffmpeg; a non-zero exit becomes a failed job that quotes ffmpeg's last words.
    @discardableResult
    public func ffmpeg(_ arguments: [String], doing what: String, cleanup: URL? = nil) async throws -> ProcessResult {
        let result = try await runner.run(try toolchain.requireFFmpeg(), arguments)
        guard result.status == 0 else {
            if let cleanup { try? FileManager.default.removeItem(at: cleanup) }
            throw JobFailure(.failed, "ffmpeg could not \(what): \(result.stderrTail(3))")
        }
        return result
    }

    func probe(_ url: URL) async throws -> MediaInfo {
        try await MediaProbe(ffprobe: try toolchain.requireFFprobe(), runner: runner).probe(url)
    }

    /// Registers every media step's runner (the animatic registers its own `overlay`).
    public func register(into registry: inout RunnerRegistry) {
        registry.register(ConformRunner(tools: self), kind: .conform)
        registry.register(MixRunner(tools: self), kind: .mix)
        registry.register(SubtitleRunner(), kind: .subtitles)
        registry.register(BurnRunner(tools: self), kind: .burn)
        registry.register(AssembleRunner(tools: self), kind: .assemble)
        registry.register(LastFrameRunner(tools: self), kind: .frame)
        registry.register(CheckRunner(tools: self), kind: .check)
        registry.register(FrameStripRunner(tools: self), kind: .strip)
        registry.register(MarkupRunner(tools: self), kind: .markup)
        registry.register(SheetRunner(tools: self), kind: .sheet)
    }
}

/// Parameters of a `conform` node.
public struct ConformParams: Hashable, Sendable, Codable {
    /// Goes up whenever the conform step would make a different file from the same input.
    /// 3: single-threaded, repeatable encoding.
    public static let kindVersion = 3
    public var spec: ConformSpec
    public var encode: EncodeSettings
    public init(spec: ConformSpec, encode: EncodeSettings) {
        self.spec = spec
        self.encode = encode
    }
}

/// Makes a take fit the cut; passes it through untouched when it already does.
public struct ConformRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params = try node.spec.params.decode(ConformParams.self)
        var input = context.inputs[0]
        if input.media == nil { input.media = try await tools.probe(context.inputURL(0)) }
        if Conform.matches(input.media, spec: params.spec, encode: params.encode) {
            return NodeOutput(asset: input, details: ["passThrough": true])
        }
        let output = context.blobs.scratchURL(extension: "mp4")
        try await tools.ffmpeg(Conform.arguments(input: context.inputURL(0), output: output, spec: params.spec,
                                                 encode: params.encode),
                               doing: "conform the clip", cleanup: output)
        let format = params.encode.format
        let media = MediaInfo(duration: format.frameRate.time(frames: params.spec.frames), width: format.width,
                              height: format.height, frameRate: format.frameRate, frameCount: params.spec.frames,
                              videoCodec: "h264", pixelFormat: "yuv420p")
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "video/mp4", media: media))
    }
}

/// Parameters of a `mix` node. Voices carry the slot they must fit in; the runner
/// speeds up (at most 1.25×) a line that runs over.
public struct MixParams: Hashable, Sendable, Codable {
    /// 2: the voice and music buses run the film's whole length (music no longer stops
    /// with the last line). 3: fast AAC coder at 192k, loudness measured. 4: mastered to
    /// the spec's loudness target.
    public static let kindVersion = 4
    public var spec: MixSpec
    /// For each voice placement, the longest it may last; nil for no limit.
    public var voiceSlots: [RationalTime?]
    public var encode: EncodeSettings
    public init(spec: MixSpec, voiceSlots: [RationalTime?], encode: EncodeSettings) {
        self.spec = spec
        self.voiceSlots = voiceSlots
        self.encode = encode
    }

    public static let maxTempo = 1.25
}

/// Mixes voices, music and sound effects into the film's soundtrack.
public struct MixRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params = try node.spec.params.decode(MixParams.self)
        var spec = params.spec
        for (i, slot) in params.voiceSlots.enumerated() where i < spec.voices.count {
            guard let slot, let length = context.inputs[spec.voices[i].input].media?.duration,
                  slot.seconds > 0, length > slot else { continue }
            spec.voices[i].tempo = min(MixParams.maxTempo, length.seconds / slot.seconds)
        }
        // An ambience shorter than its scene (a model's, capped at 30 s) repeats.
        for i in spec.effects.indices where spec.effects[i].loop == true {
            spec.effects[i].sourceLength = context.inputs[spec.effects[i].input].media?.duration
        }
        let output = context.blobs.scratchURL(extension: "m4a")
        let inputs = (0..<context.inputs.count).map { context.inputURL($0) }
        let mix = spec
        let result: ProcessResult
        var gain: Double?
        if let target = mix.master {
            // Mixed once, then measured and mastered from the mix (see AudioMix.premixArguments).
            let premix = context.blobs.scratchURL(extension: "wav")
            defer { try? FileManager.default.removeItem(at: premix) }
            _ = try await tools.ffmpeg(AudioMix.premixArguments(inputs: inputs, output: premix, spec: mix),
                                       doing: "mix the soundtrack", cleanup: premix)
            gain = try await LoudnessMaster.gain(for: target) { gain in
                let measured = try await tools.ffmpeg(AudioMix.measureArguments(premix: premix, spec: mix, gainDB: gain),
                                                      doing: "measure the soundtrack's loudness")
                return LoudnessMeasurement.parse(ebur128: measured.stderrText)
            }
            result = try await tools.ffmpeg(AudioMix.masterArguments(premix: premix, output: output, spec: mix, encode: params.encode,
                                                                     gainDB: gain),
                                             doing: "master the soundtrack", cleanup: output)
        } else {
            result = try await tools.ffmpeg(AudioMix.arguments(inputs: inputs, output: output, spec: spec, encode: params.encode),
                                            doing: "mix the soundtrack", cleanup: output)
        }
        let media = MediaInfo(duration: spec.duration, audioCodec: "aac", sampleRate: MixSpec.sampleRate, channels: 2,
                              meanVolumeDB: FilmCheck.meanVolume(fromStderr: result.stderrText))
        return NodeOutput(asset: try context.blobs.importFile(at: output, mediaType: "audio/mp4", media: media),
                          details: gain.map { ["masterGainDB": .double($0)] })
    }
}

/// Parameters of a `subtitles` node.
public struct SubtitleParams: Hashable, Sendable, Codable {
    /// 2: overlapping cues written as one stacked cue.
    public static let kindVersion = 2
    /// The subtitle file written: SRT or WebVTT sidecars, or ASS for burning in.
    public enum Format: String, Hashable, Sendable, Codable { case srt, vtt, ass }
    public var cues: [SubtitleCue]
    public var format: Format
    public var width: Int
    public var height: Int
    public init(cues: [SubtitleCue], format: Format, width: Int, height: Int) {
        self.cues = cues
        self.format = format
        self.width = width
        self.height = height
    }
}

/// Writes a subtitle file into the store.
public struct SubtitleRunner: NodeRunner {
    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let p = try node.spec.params.decode(SubtitleParams.self)
        let (text, type): (String, String) = switch p.format {
        case .srt: (SubtitleWriter.srt(p.cues), "text/srt")
        case .vtt: (SubtitleWriter.vtt(p.cues), "text/vtt")
        case .ass: (SubtitleWriter.ass(p.cues, width: p.width, height: p.height), "text/x-ass")
        }
        return NodeOutput(asset: try context.blobs.put(Data(text.utf8), mediaType: type))
    }
}
