import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
import ReelStudio

/// `reel music`: each scene's music, asked for in words and picked from takes.
struct MusicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "music",
        abstract: "Ask for a scene's music in words, make takes of it and pick one (`reel music` alone lists every scene's).",
        discussion: """
            Each scene plays a music cue under its dialogue, written in the scene's mood by Reel's \
            offline score, or by a music model (`music:` in reel.yaml, or `--provider` for one scene). \
            Say what a scene should sound like and how many takes to choose from; the takes not made \
            yet are made (each a job, paid once, within the budget), then listen and pick the one \
            the film plays. What a scene asks goes to reel.yaml's `scene_music:` block.

              reel music --scene 2 "tense strings, slow build" --takes 3
              reel music --scene 2 --pick 2
              reel music --scene 3 --mood sad           # the offline score in another mood
              reel music --scene 2 --reset              # back to what its mood gives it
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The scene, as `reel plan` numbers it (2, or S02).")
    var scene: String?

    @Argument(help: "What the scene's music should be, in words: instruments, tempo, feeling (\"\" for its mood's).")
    var prompt: String?

    @Option(help: "The mood it is written in: \(Mood.allCases.map(\.rawValue).joined(separator: ", ")) (\"\" for the scene's).")
    var mood: String?

    @Option(help: "Who makes it (a music provider, or procedural for Reel's score; \"\" for `music:`'s).")
    var provider: String?

    @Option(help: "How many takes to choose from (1 to \(SceneMusic.takeLimit)); the ones not made yet are made.")
    var takes: Int?

    @Option(help: "The take the film plays.")
    var pick: Int?

    @Flag(help: "Forget what the scene asked: it plays what its mood gives it again.")
    var reset = false

    @Flag(help: "Say which takes would be made and at what estimated cost; change and make nothing.")
    var dryRun = false

    @Flag(help: "Print the scenes' music as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func run() async throws {
        let asks = prompt != nil || mood != nil || provider != nil || takes != nil || pick != nil || reset
        guard let scene else {
            if asks || dryRun {
                throw ReelError(.usage, "say which scene's music: --scene N", hint: "`reel music` lists the scenes")
            }
            let production = try project.open(lockFor: nil)
            defer { production.close() }
            let report = try await Studio().music(production)
            if json { return try Terminal.json(report) }
            for warning in report.warnings { Terminal.err("warning: \(warning)") }
            for line in report.scenes.flatMap(Self.lines) { Terminal.out(line) }
            return
        }
        let production = try project.open(lockFor: dryRun ? nil : "music")
        defer { production.close() }
        let studio = Studio()
        let change = MusicChange(scene: scene, prompt: prompt, mood: mood, provider: provider, takes: takes, pick: pick, reset: reset)
        let (next, id) = try await studio.setMusic(production, change, write: !dryRun)
        // A pick alone makes nothing: the picked take is made already, or the next render makes it.
        var result: GenerateResult?
        if dryRun || !(pick != nil && prompt == nil && mood == nil && provider == nil && takes == nil && !reset) {
            result = try await Progress.run(quiet: quiet || json || dryRun, stopping: next, command: "music") { events in
                try await studio.makeMusic(next, scene: id.rawValue, dryRun: dryRun, events: events)
            }
        }
        if dryRun, let result { return try DryRunReport(result).show(json: json) }
        let shown = try await studio.music(next, scene: id.rawValue)
        if json {
            try Terminal.json(shown)
        } else {
            for line in Self.lines(shown) { Terminal.out(line) }
            if shown.takes.count > 1 {
                Terminal.out("listen, then pick: reel music --scene \(shown.scene) --pick N; render to hear it in the film: reel render")
            }
        }
        let summary = result?.summary ?? RunSummary()
        if !summary.failures.isEmpty || !summary.skipped.isEmpty {
            for (id, failure) in summary.failures.sorted(by: { $0.key < $1.key }) {
                Terminal.err("  \(result?.graph[id]?.label ?? id.rawValue): \(failure)")
            }
            throw ReelError(.mediaFailed, "\(Plural.count(summary.failures.count + summary.skipped.count, "take")) of the music did not finish",
                            hint: "`reel status` says why; run the same command again to retry what can be retried")
        }
    }

    /// A scene's music as `reel music` prints it: the scene, what is asked of whom, each take
    /// (the pick starred) with its file.
    static func lines(_ scene: SceneMusicReport) -> [String] {
        var mood = scene.mood.rawValue
        if scene.mood != scene.sceneMood { mood += " (asked; the scene is \(scene.sceneMood.rawValue))" }
        var lines = [String(format: "scene %@  %@  %.1f–%.1f s  %@", scene.scene.rawValue, scene.heading, scene.start,
                            scene.start + scene.length, mood)]
        if let song = scene.song {
            lines.append("  the song “\(song)” plays here (reel song)")
            return lines
        }
        lines.append("  \(scene.provider)\(scene.paid ? "" : " (offline)"): \(scene.ownPrompt ? "“\(scene.prompt)”" : scene.prompt)")
        if scene.ownPrompt, !scene.paid {
            lines.append("  (Reel's offline score plays the mood, \(scene.mood.rawValue); the words are for a music model: --provider)")
        }
        for take in scene.takes {
            var line = "  \(take.picked ? "*" : " ") take \(take.number)  \(take.state)"
            if let cost = take.cost { line += "  \(cost)" } else if let estimate = take.estimate { line += "  ~\(estimate)" }
            if let file = take.file { line += "  \(file)" }
            if let failure = take.failure { line += "  \(failure)" }
            lines.append(line)
        }
        return lines
    }
}
