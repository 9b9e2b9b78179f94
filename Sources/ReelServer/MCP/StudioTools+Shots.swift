import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// The tools on shots: the storyboard, a shot and its edit; takes, notes and picks.
extension StudioTool {
    /// The storyboard, a shot, and a shot's edit.
    static let shotEdits: [StudioTool] = [
        StudioTool(name: "plan", title: "Plan the storyboard",
                   summary: "Plans the script into shots (keeping shot edits) and returns the storyboard: scenes, and a card per shot with size, move, length, line, state, takes and pick.",
                   arguments: [project]) { call in
            try await call.change { production in
                _ = try await call.studio.plan(production, save: true)
                return try await call.studio.boardView(production)
            }
        },
        StudioTool(name: "show_shot", title: "Show a shot",
                   summary: "Everything about a shot: text, framing, subjects, the prompt a remote model reads, what it is sent, its version, takes and keyframes.",
                   arguments: [project, shot], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.shot(production, id: try call.shot())
        },
        StudioTool(name: "edit_shot", title: "Edit a shot",
                   summary: "Changes a shot; fields left out stay. Give version (from show_shot) to be refused if someone changed it since. Takes of the old version stay; new ones follow the edit.",
                   arguments: [project, shot,
                               ToolArgument(name: "version", kind: .string, help: "The version show_shot gave; a different current version refuses the edit."),
                               ToolArgument(name: "prompt", kind: .string, help: "The prompt remote models read; empty goes back to the written one."),
                               ToolArgument(name: "size", kind: .string, help: "Shot size.", choices: ["EWS", "WS", "FS", "MS", "MCU", "CU", "ECU"]),
                               ToolArgument(name: "move", kind: .string, help: "Camera move.",
                                            choices: ["static", "push-in", "pull-out", "pan-left", "pan-right", "tilt-up", "tilt-down"]),
                               ToolArgument(name: "duration", kind: .number, help: "Seconds, rounded to whole frames.", range: 0.5...60),
                               ToolArgument(name: "mode", kind: .string, help: "What a remote model starts from.",
                                            choices: ["text", "image", "first-last", "references"]),
                               ToolArgument(name: "subjects", kind: .strings, help: "Who is in frame, by name; empty for no one."),
                               ToolArgument(name: "empty", kind: .boolean, help: "An empty shot (空镜): no one in frame."),
                               ToolArgument(name: "continuesFrom", kind: .string, help: "The earlier shot this one continues; empty stops continuing."),
                               ToolArgument(name: "sounds", kind: .strings,
                                            help: "The sound effects at the shot (\(SoundEffect.allCases.map(\.rawValue).joined(separator: ", "))); [\"none\"] for none, [\"auto\"] for what the action names."),
                               ToolArgument(name: "reset", kind: .boolean, help: "Drop every edit first.")]) { call in
            let a = call.arguments
            let change = ShotChange(prompt: a.string("prompt"), size: a.string("size"), move: a.string("move"), duration: a.number("duration"),
                                    mode: a.string("mode"), subjects: a.strings("subjects"), empty: a.bool("empty"),
                                    continuesFrom: a.string("continuesFrom"), sounds: a.strings("sounds"), reset: a.bool("reset") ?? false)
            guard !change.isEmpty else {
                throw ReelError(.usage, "edit_shot: say what to change",
                                hint: "give prompt, size, move, duration, mode, subjects, empty, continuesFrom, sounds or reset")
            }
            let id = try call.shot()
            return try await call.change { production in
                if let expected = a.string("version") {
                    let current = try await call.studio.shot(production, id: id).version
                    guard expected == current else {
                        throw ReelError(.temporary, "\(id) changed since you read it (version \(current), not \(expected))", at: "shot \(id)",
                                        hint: "show_shot again, then make your change again")
                    }
                }
                return try await call.studio.editShot(production, id: id, change: change)
            }
        },
    ]

    /// A shot's takes, notes on them, and its pick.
    static let review: [StudioTool] = [
        StudioTool(name: "takes", title: "A shot's takes",
                   summary: "Every take of a shot, newest first: provider, model, state, cost, the quality check, and why one failed.",
                   arguments: [project, shot], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.takes(production, shot: try call.shot())
        },
        StudioTool(name: "note", title: "Note a shot",
                   summary: "A director's note on a shot, or on a frame of one of its takes (at seconds, in a box); the next takes carry it in their prompt.",
                   arguments: [project, shot,
                               ToolArgument(name: "text", kind: .string, help: "What to change, in a sentence.", required: true),
                               ToolArgument(name: "take", kind: .integer, help: "The take's number the note is on.", range: 1...100_000),
                               ToolArgument(name: "at", kind: .number, help: "Seconds into the take (needs take).", range: 0...3600),
                               ToolArgument(name: "box", kind: .box, help: "Where on the frame, as fractions of its width and height.")]) { call in
            let a = call.arguments
            let request = NoteRequest(shot: try call.shot(), take: a.int("take"), at: a.number("at"), box: a.box("box"),
                                      text: a.string("text") ?? "", author: "agent")
            return try await call.change { try await call.studio.note($0, request) }
        },
        StudioTool(name: "notes_from_critic", title: "Take the critic's notes",
                   summary: "Takes what the critic said about a take as the shot's notes, so its next takes carry them; returns the notes added (one already open with the same words is not added twice).",
                   arguments: [project, shot,
                               ToolArgument(name: "take", kind: .integer, help: "The take's number the critic looked at.", required: true,
                                            range: 1...100_000)]) { call in
            let id = try call.shot()
            let number = call.arguments.int("take") ?? 0
            return try await call.change { try await call.studio.notesFromCritic($0, shot: id, take: number) }
        },
        StudioTool(name: "pick", title: "Pick a take",
                   summary: "Chooses the take of a shot the cut uses, or the keyframe its remote takes start on; returns the shot.",
                   arguments: [project, shot,
                               ToolArgument(name: "take", kind: .integer, help: "The take's number, as takes lists it.", range: 1...100_000),
                               ToolArgument(name: "keyframe", kind: .integer, help: "Or a keyframe's number, as show_shot lists it.", range: 1...100_000)]) { call in
            let a = call.arguments
            guard (a.int("take") == nil) != (a.int("keyframe") == nil) else {
                throw ReelError(.usage, "pick: give either take or keyframe, a number", hint: "{\"shot\": \"S01-02\", \"take\": 2}")
            }
            let id = try call.shot()
            return try await call.change { production in
                _ = try await call.studio.pick(production, shot: id, number: a.int("keyframe") ?? a.int("take") ?? 0,
                                               kind: a.int("keyframe") == nil ? .video : .keyframe)
                return try await call.studio.shot(production, id: id)
            }
        },
        StudioTool(name: "unpick", title: "Take back a pick",
                   summary: "Takes back the pick of a shot (the cut goes back to its newest good take), or its picked keyframe (its remote takes start from the words again); returns the shot.",
                   arguments: [project, shot,
                               ToolArgument(name: "keyframe", kind: .boolean, help: "true to take back the picked keyframe instead of the picked take.")]) { call in
            let id = try call.shot()
            let kind: TakeKind = call.arguments.bool("keyframe") == true ? .keyframe : .video
            return try await call.change { production in
                _ = try await call.studio.unpick(production, shot: id, kind: kind)
                return try await call.studio.shot(production, id: id)
            }
        },
    ]
}
