import Foundation
import ReelModel

/// A sound placed on the film's timeline.
public struct AudioPlacement: Hashable, Sendable, Codable {
    /// Which input file (position in the mix's inputs).
    public var input: Int
    public var start: RationalTime
    public var gainDB: Double
    /// Speed-up to fit a slot (1 = as recorded; at most 1.3).
    public var tempo: Double
    /// Cut after this long (a take's own sound ends with its shot, however long the take); nil
    /// to play it whole.
    public var length: RationalTime?
    /// Repeats the sound until ``length`` (an ambience a model made shorter than its scene);
    /// nil or false to play it once.
    public var loop: Bool?
    /// How long the input is, when it loops (the mix runner reads it from the input).
    public var sourceLength: RationalTime?

    public init(input: Int, start: RationalTime, gainDB: Double = 0, tempo: Double = 1, length: RationalTime? = nil,
                loop: Bool? = nil) {
        self.input = input
        self.start = start
        self.gainDB = gainDB
        self.tempo = tempo
        self.length = length
        self.loop = loop
    }
}

/// The film's soundtrack: voices on top, the music bed and the sound effects under them
/// (ducked while anyone speaks), trimmed or padded to the film's exact length.
public struct MixSpec: Hashable, Sendable, Codable {
    public var duration: RationalTime
    public var voices: [AudioPlacement]
    public var music: [AudioPlacement]
    /// Ambiences and spot effects, each at its own level (``AudioPlacement/gainDB``), ducked
    /// with the music.
    public var effects: [AudioPlacement]
    /// Music level relative to full scale before ducking.
    public var musicGainDB: Double
    /// The loudness the soundtrack is mastered to; nil leaves the mix's level as it is.
    public var master: LoudnessTarget?
    public static let sampleRate = 48_000

    public init(duration: RationalTime, voices: [AudioPlacement], music: [AudioPlacement], effects: [AudioPlacement] = [],
                musicGainDB: Double = -4, master: LoudnessTarget? = .phone) {
        self.duration = duration
        self.voices = voices
        self.music = music
        self.effects = effects
        self.musicGainDB = musicGainDB
        self.master = master
    }

    private enum CodingKeys: String, CodingKey { case duration, voices, music, effects, musicGainDB, master }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        duration = try c.decode(RationalTime.self, forKey: .duration)
        voices = try c.decode([AudioPlacement].self, forKey: .voices)
        music = try c.decode([AudioPlacement].self, forKey: .music)
        effects = try c.decodeIfPresent([AudioPlacement].self, forKey: .effects) ?? []
        musicGainDB = try c.decode(Double.self, forKey: .musicGainDB)
        master = try c.decodeIfPresent(LoudnessTarget.self, forKey: .master)
    }

    /// A mix without effects is written as it was before effects existed (the same cache key).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(duration, forKey: .duration)
        try c.encode(voices, forKey: .voices)
        try c.encode(music, forKey: .music)
        if !effects.isEmpty { try c.encode(effects, forKey: .effects) }
        try c.encode(musicGainDB, forKey: .musicGainDB)
        try c.encodeIfPresent(master, forKey: .master)
    }

    /// The film's length in samples at 48 kHz, exact.
    public var sampleCount: Int64 {
        (duration.value * Int64(MixSpec.sampleRate) * 2 + duration.timescale) / (2 * duration.timescale)
    }
}

/// The soundtrack as one ffmpeg command: voices placed at their times, music beds and
/// sound effects under them (ducked while anyone speaks), mastered to the film's loudness
/// target.
public enum AudioMix {
    /// ffmpeg arguments that mix `inputs` by `spec` into an AAC file at `output` in one pass,
    /// unmastered (a mix with a loudness target goes through ``premixArguments(inputs:output:spec:)``).
    /// Runs at log level `info` so that volumedetect's measurement reaches stderr.
    public static func arguments(inputs: [URL], output: URL, spec: MixSpec, encode: EncodeSettings) -> [String] {
        var args = ["-hide_banner", "-nostats", "-v", "info", "-nostdin", "-y"]
        for url in inputs { args += ["-i", url.path] }
        let graph = filterGraph(spec, inputCount: inputs.count)
        args += graph.extraInputs
        args += ["-filter_complex", graph.filter, "-map", "[out]"]
        args += encode.audioCodecArguments + ["-movflags", "+faststart", output.path]
        return args
    }

    /// ffmpeg arguments that run the mix, unmastered, into a 32-bit float WAV at `output`,
    /// exactly the film's length: what ``masterArguments(premix:output:spec:encode:gainDB:)``
    /// and ``measureArguments(premix:spec:gainDB:)`` master. The mix — every voice, cue and
    /// effect decoded, placed and ducked — then runs once, however many times its loudness is
    /// measured (``LoudnessMaster`` measures once or twice before the encode).
    public static func premixArguments(inputs: [URL], output: URL, spec: MixSpec) -> [String] {
        var args = ["-hide_banner", "-nostats", "-v", "error", "-nostdin", "-y"]
        for url in inputs { args += ["-i", url.path] }
        var unmastered = spec
        unmastered.master = nil
        let graph = filterGraph(unmastered, inputCount: inputs.count, finish: "anull")
        args += graph.extraInputs
        return args + ["-filter_complex", graph.filter, "-map", "[out]", "-c:a", "pcm_f32le", "-f", "wav", output.path]
    }

    /// ffmpeg arguments that master the premix at `gainDB` into nothing but a loudness
    /// measurement (`ebur128`'s summary on stderr): never encoded.
    public static func measureArguments(premix: URL, spec: MixSpec, gainDB: Double) -> [String] {
        ["-hide_banner", "-nostats", "-v", "info", "-nostdin", "-i", premix.path,
         "-filter_complex", "[0:a]" + finish(spec, gainDB: gainDB, measure: true), "-map", "[out]", "-f", "null", "-"]
    }

    /// ffmpeg arguments that master the premix at `gainDB` into an AAC file at `output`
    /// (`volumedetect`'s mean volume on stderr).
    public static func masterArguments(premix: URL, output: URL, spec: MixSpec, encode: EncodeSettings, gainDB: Double?) -> [String] {
        ["-hide_banner", "-nostats", "-v", "info", "-nostdin", "-y", "-i", premix.path,
         "-filter_complex", "[0:a]" + finish(spec, gainDB: gainDB, measure: false), "-map", "[out]"]
            + encode.audioCodecArguments + ["-movflags", "+faststart", output.path]
    }

    /// The mix's last filters: mastered (with a gain and a target), cut to the film's length,
    /// then a loudness meter (`measure`) or volumedetect, which passes the sound through and
    /// reports its mean volume when done.
    static func finish(_ spec: MixSpec, gainDB: Double?, measure: Bool) -> String {
        var master = ""
        if let gainDB, let target = spec.master { master = LoudnessMaster.filters(gain: gainDB, target: target) + "," }
        return master + "apad,atrim=end_sample=\(spec.sampleCount),asetpts=N/SR/TB,"
            + (measure ? "ebur128=peak=true:framelog=verbose" : "volumedetect") + "[out]"
    }

    /// The filter graph, unmastered; `extraInputs` adds a silent source when there is nothing
    /// to mix. It ends cut to the film's length, then in volumedetect, or in `finish` (the
    /// premix's `anull`).
    public static func filterGraph(_ spec: MixSpec, inputCount: Int, finish custom: String? = nil)
        -> (filter: String, extraInputs: [String])
    {
        let rate = MixSpec.sampleRate
        let samples = spec.sampleCount
        let finish = "apad,atrim=end_sample=\(samples),asetpts=N/SR/TB,\(custom ?? "volumedetect")[out]"
        var parts: [String] = []
        func place(_ p: AudioPlacement, label: String, gain: Double, fadeOut: Int64 = 0) -> String {
            var chain = "[\(p.input):a]aresample=\(rate),aformat=sample_fmts=fltp:channel_layouts=stereo"
            if p.loop == true, let source = p.sourceLength, let length = p.length, source < length {
                let size = (source.value * Int64(rate)) / max(1, source.timescale)
                if size > 0 { chain += ",aloop=loop=-1:size=\(size)" }
            }
            if let length = p.length {
                let end = (length.value * Int64(rate)) / length.timescale
                chain += ",atrim=end_sample=\(end)"
                // A sound cut short (an effect at the end of its shot, a model's cue at the end of
                // its scene) fades out rather than clicks.
                if fadeOut > 0 { chain += ",afade=t=out:start_sample=\(max(0, end - fadeOut)):nb_samples=\(min(fadeOut, end))" }
            }
            if abs(p.tempo - 1) > 0.001 { chain += ",atempo=\(FilterQuoting.number(min(2, max(0.5, p.tempo))))" }
            if gain != 0 { chain += ",volume=\(FilterQuoting.number(gain))dB" }
            let delay = (p.start.value * Int64(rate)) / p.start.timescale
            chain += ",adelay=\(max(0, delay))S:all=1[\(label)]"
            return chain
        }
        func mix(_ labels: [String], into out: String) -> String {
            if labels.count == 1 { return "[\(labels[0])]anull[\(out)]" }
            return labels.map { "[\($0)]" }.joined() + "amix=inputs=\(labels.count):normalize=0:dropout_transition=0[\(out)]"
        }
        let voiceLabels = spec.voices.enumerated().map { "v\($0.offset)" }
        let effectLabels = spec.effects.enumerated().map { "e\($0.offset)" }
        // The effects ride with the music: one bus under the voices, ducked by them.
        let musicLabels = spec.music.enumerated().map { "m\($0.offset)" } + effectLabels
        for (p, label) in zip(spec.voices, voiceLabels) { parts.append(place(p, label: label, gain: p.gainDB)) }
        for (p, label) in zip(spec.music, musicLabels) {
            parts.append(place(p, label: label, gain: p.gainDB + spec.musicGainDB, fadeOut: Int64(rate)))
        }
        for (p, label) in zip(spec.effects, effectLabels) { parts.append(place(p, label: label, gain: p.gainDB, fadeOut: 1200)) }
        switch (voiceLabels.isEmpty, musicLabels.isEmpty) {
        case (true, true):
            return ("[\(inputCount):a]\(finish)", ["-f", "lavfi", "-i", "anullsrc=r=\(rate):cl=stereo"])
        case (false, true):
            parts.append(mix(voiceLabels, into: "voice"))
            parts.append("[voice]alimiter=limit=0.95:level=false,\(finish)")
        case (true, false):
            parts.append(mix(musicLabels, into: "music"))
            parts.append("[music]alimiter=limit=0.95:level=false,\(finish)")
        case (false, false):
            // Both buses run the film's whole length, or the compressor (and with it the
            // music) would stop when the last line ends.
            parts.append(mix(voiceLabels, into: "voices"))
            parts.append(mix(musicLabels, into: "score"))
            parts.append("[voices]apad=whole_len=\(samples)[voice]")
            parts.append("[score]apad=whole_len=\(samples)[music]")
            // Duck the music under the voices: the voices key a compressor on the music.
            parts.append("[voice]asplit=2[key][vo]")
            parts.append("[music][key]sidechaincompress=threshold=0.03:ratio=6:attack=20:release=400[ducked]")
            parts.append("[vo][ducked]amix=inputs=2:normalize=0:duration=longest,alimiter=limit=0.95:level=false,\(finish)")
        }
        return (parts.joined(separator: ";"), [])
    }
}
