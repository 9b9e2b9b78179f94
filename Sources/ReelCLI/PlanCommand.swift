import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel plan SCRIPT`: the storyboard, scene by scene and shot by shot.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the storyboard Reel plans for a screenplay.")

    @Argument(help: "The screenplay: Fountain (.fountain) or a Chinese short-drama script (.txt); inside a project, leave it out to (re)plan the project.",
              completion: .file(extensions: ["fountain", "txt"]))
    var script: String?

    @OptionGroup var project: ProjectOptions

    @OptionGroup var format: FormatOptions

    @OptionGroup var scriptFormat: ScriptFormatOptions

    @Option(help: "Who directs the shots: rules (offline, the default) or llm (the language model named by --writer or $REEL_WRITER; in a project). When the model cannot be used, the rule plan is saved and printed, and reel exits 75.")
    var planner = "rules"

    @Option(help: "The language model for --planner llm: PROVIDER or PROVIDER/MODEL.")
    var writer: String?

    @Option(help: "With --planner llm: ask again for another plan (a new seed is a new call).")
    var seed: UInt64 = 1

    @Flag(help: "Print the storyboard as JSON (schema reel.storyboard).")
    var json = false

    func validate() throws {
        guard ["rules", "llm"].contains(planner) else { throw ValidationError("--planner must be rules or llm (got '\(planner)')") }
        if planner == "llm", script != nil {
            throw ValidationError("--planner llm works in a project (its choices are kept as shot edits): `reel init DIR --script \(script!)` first")
        }
    }

    func run() async throws {
        let storyboard: Storyboard
        let warnings: [String]
        var fellBack: String?
        let scriptFormat = try ScriptSource.format(named: self.scriptFormat.name)
        if let script {
            let planned = try Studio().plan(script: URL(fileURLWithPath: script), format: format.format, scriptFormat: scriptFormat)
            storyboard = planned.storyboard
            warnings = planned.warnings
        } else {
            // In a project: plan, keeping the ids, takes and picks of unchanged shots.
            var production = try project.open(lockFor: "plan")
            if self.scriptFormat.name != "auto" { production.config.scriptFormat = scriptFormat }
            if planner == "llm" {
                let (board, report) = try await Studio().planWithModel(production, writer: writer, seed: seed)
                storyboard = board
                fellBack = report.fellBack
                Self.show(report)
            } else {
                storyboard = try await Studio().plan(production, save: true)
            }
            warnings = Studio().scriptWarnings(production.script, format: production.config.scriptFormat)
                + (try await Studio().editWarnings(production))
        }
        for warning in warnings { Terminal.err("note: \(warning)") }
        if json {
            try StoryboardJSON.write(storyboard) { Terminal.write($0, to: .out) }
        } else {
            Terminal.out(StoryboardText.render(storyboard))
        }
        // Asked for and not had: the rule plan is saved and printed, and the status says so.
        if let fellBack {
            throw ReelError(.temporary, fellBack,
                            hint: "the rule plan is saved; `reel plan --planner llm --seed \(seed + 1)` asks the model for a new answer")
        }
    }
}

extension PlanCommand {
    /// What the model directed, on stderr (stdout is the storyboard).
    static func show(_ report: ModelPlanReport) {
        let writer = "\(report.writer.provider)/\(report.writer.model)"
        // A fallback is the command's error, said once at its end.
        guard report.fellBack == nil else { return }
        var counts: [String: Int] = [:]
        for shot in report.directed { for field in shot.fields { counts[field, default: 0] += 1 } }
        let fields = ["size", "move", "mode", "subjects", "empty", "prompt"].compactMap { f in counts[f].map { "\(f) \($0)" } }
        Terminal.err("planned by \(writer) (\(report.writer.summary)): \(Plural.count(report.directed.count, "shot")) of \(report.shots) directed"
                     + (fields.isEmpty ? "" : " (" + fields.joined(separator: ", ") + ")")
                     + (report.userEdited.isEmpty ? "" : "; your edits kept on \(report.userEdited.map(\.rawValue).joined(separator: ", "))"))
        Terminal.err("  its choices are shot edits: `reel shot ID` shows them, `reel shot ID --reset` drops them")
    }
}

/// The storyboard as a table people read.
enum StoryboardText {
    static func render(_ board: Storyboard) -> String {
        var lines: [String] = []
        let seconds = String(format: "%.1f", board.duration.seconds)
        let people = board.subjects.filter { $0.kind == .character }.map(\.name)
        lines.append("\(board.title) — \(Plural.count(board.shots.count, "shot")), \(seconds) s, \(board.format), \(board.language.rawValue)")
        if !people.isEmpty { lines.append("cast: " + people.joined(separator: ", ")) }
        for scene in board.scenes {
            lines.append("")
            lines.append("scene \(scene.id)  \(scene.heading)  [\(scene.mood.rawValue)]")
            for shot in board.shots where shot.scene == scene.id {
                let names = shot.subjects.compactMap { board.subject($0)?.name }.joined(separator: ", ")
                var text = "  \(shot.id)  " + pad(shot.size.rawValue, 3) + " " + pad(shot.move.name, 9) + " "
                    + pad(String(format: "%4.1fs", shot.duration.seconds), 5)
                if !names.isEmpty { text += "  [\(names)]" }
                if !shot.action.isEmpty { text += "  " + clip(shot.action, 60) }
                lines.append(text)
                for cue in shot.dialogue {
                    let who = board.subject(cue.speaker)?.name ?? cue.speaker.rawValue
                    lines.append("         \(who)\(cue.offScreen ? " (off)" : ""): " + clip(cue.text, 70))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    static func clip(_ s: String, _ n: Int) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ")
        return one.count <= n ? one : String(one.prefix(n - 1)) + "…"
    }
}
