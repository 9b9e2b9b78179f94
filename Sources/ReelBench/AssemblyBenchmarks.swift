import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStudio

/// Assembly of a two-minute 1080x1920 film from thirty clips with voices, music and
/// subtitles: Reel's steps against one hand-written ffmpeg command on the same inputs.
struct AssemblyBenchmarks {
    let scratch: Scratch
    var env: [String: String] { ProcessInfo.processInfo.environment.merging(["REEL_HOME": scratch.file("home").path]) { $1 } }
    var ffmpeg: String { Toolchain.discover().ffmpeg ?? "/usr/bin/ffmpeg" }
    let format = VideoFormat(aspect: .vertical, size: .p1080, frameRate: .fps24)

    func workbench(burn: Bool, script: URL) throws -> FilmWorkbench {
        try FilmWorkbench(studio: Studio(environment: env), script: script,
                          settings: RenderSettings(encode: EncodeSettings(format: format), burnSubtitles: burn))
    }

    func run() async throws -> [Figure] {
        let script = scratch.file("bench.fountain")
        try BenchScript.text().write(to: script, atomically: true, encoding: .utf8)
        let burn = try workbench(burn: true, script: script)
        log("  rendering the \(burn.storyboard.shots.count)-shot 1080p film once (inputs for the assembly figures)…")
        let warm = try await burn.run()
        let cues = burn.film.cues.count
        let seconds118 = burn.storyboard.format.frameRate.time(frames: burn.film.frames).seconds
        let shape = "\(burn.storyboard.shots.count) clips, \(cues) cues, " + String(format: "%.0f s", seconds118)

        // Reel with burned-in subtitles: the mix, each clip's subtitles burned in, the cut.
        let burnNodes = Set(burn.storyboard.shots.map { NodeID("burn:\($0.id)") } + ["mix", "film"])
        let reelBurn = try await seconds { _ = try await burn.run(fresh: burnNodes) }
        // One hand-written ffmpeg command doing the same concat, scale, subtitles, mix and encode.
        let reference = try referenceCommand(burn, warm: warm, output: scratch.file("reference.mp4"))
        let handWritten = try await seconds { try shell(ffmpeg, reference) }

        // Without burning: the cut is stream-copied from the conformed clips.
        let copy = try workbench(burn: false, script: script)
        _ = try await copy.run()
        let reelCopy = try await seconds { _ = try await copy.run(fresh: ["mix", "film"]) }

        // The soundtrack with the action's sound effects (rain under every scene of the bench
        // script) against the soundtrack without them, and the effects' synthesis.
        let quiet = try FilmWorkbench(studio: Studio(environment: env), script: script,
                                      settings: RenderSettings(encode: EncodeSettings(format: format), effects: false))
        _ = try await quiet.run()
        let mixAlone = try await seconds { _ = try await quiet.run(fresh: ["mix"]) }
        let mixEffects = try await seconds { _ = try await copy.run(fresh: ["mix"]) }
        let effects = copy.film.effects
        let effectSeconds = effects.reduce(0) { $0 + $1.length.seconds }
        let synthesis = try await seconds { _ = try await copy.run(targets: effects.map(\.node), fresh: Set(effects.map(\.node))) }
        // The offline voices (espeak-ng) made again: their time against the speech they make.
        let lines = copy.film.voices.map(\.node)
        var voiced = RunSummary()
        let voicing = try await seconds { voiced = try await copy.run(targets: lines, fresh: Set(lines)) }
        let speech = lines.compactMap { voiced.outputs[$0]?.asset.media?.duration?.seconds }.reduce(0, +)

        // A re-cut after one changed shot (the first scene's second action line; same
        // length): its panel, caption, move and clip, then the cut.
        var text = BenchScript.text()
        if let r = text.range(of: "BEN stands at the door, soaked,") {
            text.replaceSubrange(r, with: "BEN waits at the door, drenched,")
        }
        try text.write(to: script, atomically: true, encoding: .utf8)
        let edited = try workbench(burn: false, script: script)
        var recut = RunSummary()
        let reelRecut = try await seconds { recut = try await edited.run() }

        return [
            Figure(name: "assembly with burned-in subtitles ÷ one hand-written ffmpeg command", reel: fmt(reelBurn),
                   reference: fmt(handWritten), ratio: reelBurn / handWritten, goal: "≤ 1.1",
                   met: reelBurn / handWritten <= 1.1, note: shape + ", preset veryfast"),
            Figure(name: "stream-copy cut (no burn-in)", reel: fmt(reelCopy), reference: fmt(handWritten) + " (encode)",
                   ratio: reelCopy / handWritten, goal: "≤ 5 s", met: reelCopy <= 5, note: "mix + cut of " + shape),
            Figure(name: "soundtrack with dialogue, music and effects ÷ without effects", reel: fmt(mixEffects),
                   reference: fmt(mixAlone), ratio: mixEffects / max(mixAlone, 0.001), goal: "≤ 1.25",
                   met: mixEffects / max(mixAlone, 0.001) <= 1.25,
                   note: "\(effects.count) effects (\(Set(effects.map(\.effect.rawValue)).sorted().joined(separator: ", "))) under "
                       + "\(burn.film.voices.count) lines and \(burn.film.music.count) cues, mastered, " + String(format: "%.0f s", seconds118)),
            Figure(name: "offline effects synthesis ÷ their length", reel: fmt(synthesis),
                   reference: String(format: "%.1f s of sound", effectSeconds), ratio: synthesis / max(effectSeconds, 0.001),
                   goal: "≤ 0.05", met: synthesis / max(effectSeconds, 0.001) <= 0.05,
                   note: "\(effects.count) jobs, WAV into the store, 48 kHz stereo"),
            Figure(name: "offline voice synthesis (espeak-ng) ÷ the speech's length", reel: fmt(voicing),
                   reference: String(format: "%.1f s of speech", speech), ratio: voicing / max(speech, 0.001), goal: "≤ 0.3",
                   met: speech > 0 && voicing / speech <= 0.3,
                   note: "\(lines.count) lines made afresh, WAV into the store, local jobs at once as `reel make` runs them"),
            Figure(name: "re-cut after one changed shot", reel: fmt(reelRecut), reference: fmt(reelCopy) + " (cut alone)",
                   ratio: reelRecut / max(reelCopy, 0.001), goal: "that shot + the cut", met: recut.ran <= 5,
                   note: "\(recut.ran) jobs ran, \(recut.cached) reused"),
        ]
    }

    /// The reference: every clip, voice and music cue as an input; concat, scale,
    /// subtitles, delays and mix in one filter graph; one encode.
    func referenceCommand(_ bench: FilmWorkbench, warm: RunSummary, output: URL) throws -> [String] {
        let graph = bench.film.graph
        let clips = bench.storyboard.shots.compactMap { bench.film.clips[$0.id].flatMap { bench.file($0, in: warm) } }
        guard let mixNode = graph["mix"], let srt = bench.file("subtitles:srt", in: warm) else { return [] }
        let mix = try mixNode.spec.params.decode(MixParams.self)
        let audio = mixNode.inputs.compactMap { bench.file($0, in: warm) }
        var args = ["-v", "error", "-y"]
        for c in clips { args += ["-i", c.path] }
        for a in audio { args += ["-i", a.path] }
        let n = clips.count
        var filter = (0..<n).map { "[\($0):v]" }.joined() + "concat=n=\(n):v=1:a=0,scale=\(format.width):\(format.height),"
            + "subtitles='\(srt.path)':force_style='FontName=Noto Sans CJK SC,FontSize=14,Outline=2'[v]"
        var voices: [String] = []
        for (i, p) in mix.spec.voices.enumerated() {
            let delay = p.start.value * 48000 / p.start.timescale
            filter += ";[\(n + p.input):a]aresample=48000,adelay=\(delay)S:all=1[v\(i)]"
            voices.append("[v\(i)]")
        }
        var music: [String] = []
        for (i, p) in mix.spec.music.enumerated() {
            let delay = max(0, p.start.value * 48000 / p.start.timescale)
            filter += ";[\(n + p.input):a]aresample=48000,volume=-4dB,adelay=\(delay)S:all=1[m\(i)]"
            music.append("[m\(i)]")
        }
        for (i, p) in mix.spec.effects.enumerated() {
            let delay = max(0, p.start.value * 48000 / p.start.timescale)
            let end = (p.length ?? mix.spec.duration).value * 48000 / (p.length ?? mix.spec.duration).timescale
            filter += ";[\(n + p.input):a]aresample=48000,atrim=end_sample=\(end),volume=\(p.gainDB)dB,adelay=\(delay)S:all=1[e\(i)]"
            music.append("[e\(i)]")
        }
        filter += ";" + (voices + music).joined() + "amix=inputs=\(voices.count + music.count):normalize=0,"
            + "atrim=end_sample=\(mix.spec.sampleCount)[a]"
        args += ["-filter_complex", filter, "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast",
                 "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "160k", output.path]
        return args
    }
}
