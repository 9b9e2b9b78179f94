import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel shot SHOT [edits]`: everything about a shot, or an edit of it.
struct ShotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shot",
        abstract: "Show a shot (text, framing, mode, subjects, prompt, what a model is sent, takes), or edit it.",
        discussion: """
            Edits are kept in the project and win over the planner every time the script is planned \
            again; takes made before an edit stay, as takes of an earlier version. `--reset` drops \
            the shot's edits.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The shot, e.g. S03-07.")
    var shot: ShotID

    @Option(help: "The prompt remote models read (\"\" goes back to the one written from the shot).")
    var prompt: String?

    @Option(help: "Shot size: EWS, WS, FS, MS, MCU, CU or ECU.")
    var size: String?

    @Option(help: "Camera move: static, push-in, pull-out, pan-left, pan-right, tilt-up or tilt-down.")
    var move: String?

    @Option(help: "Length in seconds (0.5–60), rounded to whole frames.")
    var duration: Double?

    @Option(help: "How a model makes it: text, image, first-last or references.")
    var mode: String?

    @Option(help: "Who is in frame, by name, comma-separated (\"\" for no one).")
    var subjects: String?

    @Flag(inversion: .prefixedNo, help: "An empty shot (空镜): scenery or an insert with no one in frame.")
    var empty: Bool?

    @Option(help: "An earlier shot this one continues: remote takes start on the last frame of its picked take (\"\" to stop).")
    var continueFrom: String?

    @Option(help: "The sound effects at the shot, comma-separated (\(SoundEffect.allCases.map(\.rawValue).joined(separator: ", "))); none for none, auto (or \"\") for what the action names.")
    var sounds: String?

    @Flag(help: "Drop the shot's edits first (with no other option: back to the planner's shot).")
    var reset = false

    @Flag(help: "Print the shot as JSON.")
    var json = false

    var change: ShotChange {
        ShotChange(prompt: prompt, size: size, move: move, duration: duration, mode: mode,
                   subjects: subjects.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } },
                   empty: empty, continuesFrom: continueFrom, sounds: sounds.map { [$0] }, reset: reset)
    }

    func run() async throws {
        let change = self.change
        let production = try project.open(lockFor: change.isEmpty ? nil : "shot")
        defer { production.close() }
        let report = change.isEmpty ? try await Studio().shot(production, id: shot)
            : try await Studio().editShot(production, id: shot, change: change)
        if json { return try Terminal.json(report) }
        for line in Self.lines(report) { Terminal.out(line) }
    }

    static func lines(_ r: ShotReport) -> [String] {
        let s = r.shot
        let edited = Set(r.edited)
        let planned = Set(r.planned)
        func mark(_ field: String) -> String { edited.contains(field) ? "  (edited)" : planned.contains(field) ? "  (planner)" : "" }
        var lines = ["\(s.id)  scene \(s.scene): \(r.scene)"]
        lines.append("  \(s.purpose.rawValue), \(s.size.rawValue) (\(s.size.name))\(mark("size")), \(s.move.name)\(mark("move")), "
                     + String(format: "%.2f s", s.duration.seconds) + mark("duration"))
        lines.append("  mode: \(s.mode.rawValue)\(mark("mode"))")
        if let source = s.continuesFrom { lines.append("  continues from \(source) (the last frame of its picked take)\(mark("continues-from"))") }
        if s.empty == true {
            lines.append("  empty shot (空镜): no one in frame\(mark("empty"))")
        } else {
            lines.append("  in frame: " + (r.subjects.isEmpty ? "no one" : r.subjects.joined(separator: ", ")) + mark("subjects"))
        }
        if !s.action.isEmpty { lines.append("  action: \(s.action)") }
        for line in r.lines { lines.append("  \(line)") }
        if !r.sounds.isEmpty || edited.contains("sounds") {
            let heard = r.sounds.map { sound in
                "\(sound.effect.rawValue) (" + (sound.ambience ? "under the scene" : String(format: "at %.1f s, %.1f s long", sound.at, sound.seconds)) + ")"
            }
            lines.append("  sounds: " + (heard.isEmpty ? "none" : heard.joined(separator: ", ")) + mark("sounds"))
        }
        lines.append("  prompt\(r.promptIsEdited ? " (edited)" : planned.contains("prompt") ? " (planner)" : ""): \(r.prompt)")
        if let notes = r.nextNotes { lines.append("  the next takes add the open notes:\(notes)") }
        lines.append("  a remote model gets: \(r.remoteInput)")
        if let keyframes = r.keyframeInput { lines.append("  keyframes are made on \(keyframes)") }
        lines.append("  version \(r.version)")
        if r.takes.isEmpty {
            lines.append("  no takes yet (make some with `reel generate --shots \(s.id)`)")
        } else {
            lines.append("  takes:")
            lines += TakesCommand.lines(r.takes).map { "  " + $0 }
        }
        if !r.keyframes.isEmpty {
            lines.append("  keyframes (`reel pick \(s.id) --keyframe N`):")
            lines += TakesCommand.lines(r.keyframes, keyframes: true).map { "  " + $0 }
        }
        for warning in r.warnings { lines.append("note: \(warning)") }
        return lines
    }
}
