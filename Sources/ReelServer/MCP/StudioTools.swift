import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// One tool the MCP server offers: a Studio use case, its arguments, and whether it only reads.
struct StudioTool: Sendable {
    var name: String
    var title: String
    var summary: String
    var arguments: [ToolArgument]
    /// Reads only: opens the project read-only and changes nothing.
    var readOnly = false
    /// Can spend money at a provider (so it asks for `confirm`).
    var spends = false
    var run: @Sendable (ToolCall) async throws -> any Encodable & Sendable

    var definition: Tool {
        Tool(name: name, title: title, description: summary, inputSchema: ToolArgument.schema(arguments),
             annotations: .init(title: title, readOnlyHint: readOnly, destructiveHint: readOnly ? nil : false,
                                idempotentHint: readOnly ? true : nil, openWorldHint: spends))
    }
}

/// What a tool's use case is called with: its checked arguments, the projects, the studio,
/// and where run events go (the call's progress notifications).
struct ToolCall: Sendable {
    let tool: String
    let arguments: ToolArguments
    let library: ProjectLibrary
    let studio: Studio
    let events: AsyncStream<RunEvent>.Continuation?

    /// The project the call names, opened (read-only unless `lockFor` names the change);
    /// with one project served, naming it is optional.
    func open(lockFor command: String? = nil) throws -> Production {
        try library.open(try projectID(), lockFor: command)
    }

    func projectID() throws -> String {
        if let id = arguments.string("project") { return id }
        let all = library.projects().keys.sorted()
        guard all.count == 1, let only = all.first else {
            throw ReelError(.usage, "\(tool) needs project: this server has \(Plural.count(all.count, "project"))",
                            hint: all.isEmpty ? "start one with `reel new` in \(library.root.path)"
                                : "one of " + all.prefix(20).joined(separator: ", ") + " (list_projects lists them)")
        }
        return only
    }

    /// Runs a short change (an edit, a pick, a note) on the project, after the others asked for.
    func change<T: Sendable>(_ body: (Production) async throws -> T) async throws -> T {
        try await library.change(try projectID(), body)
    }

    /// Runs `body` on the project opened for `command`, as the project's one run in this
    /// server: a second generate, render or export of it at the same time is refused.
    func exclusive<T: Sendable>(_ command: String, _ body: @escaping @Sendable (Production) async throws -> T) async throws -> T {
        let id = try projectID()
        return try await library.runs.exclusive(id, command: command) {
            let production = try library.open(id, lockFor: command)
            defer { production.close() }
            return try await body(production)
        }
    }

    func shot() throws -> ShotID { ShotID((arguments.string("shot") ?? "").uppercased()) }

    func generateRequest(dryRun: Bool) -> GenerateRequest {
        GenerateRequest(shots: arguments.strings("shots") ?? [], takes: arguments.int("takes"),
                        provider: arguments.string("provider").map { ProviderID($0.lowercased()) }, dryRun: dryRun)
    }
}

/// The MCP answer to a tool that did not do what was asked: the tool's result, marked as an
/// error, with what the CLI would have said and, when there is one, what it found.
struct ToolRefusal: Error, Sendable {
    var error: ReelError
    var report: (any Encodable & Sendable)?
}

extension StudioTool {
    private static let project = ToolArgument(name: "project", kind: .string,
                                              help: "The project's id, as list_projects gives it (optional when the server has one).")
    private static let shot = ToolArgument(name: "shot", kind: .string, help: "The shot's id, e.g. S01-02.", required: true)
    private static let generation = [
        ToolArgument(name: "shots", kind: .strings, help: "Shot ids or patterns (S01-02, S03-*); every shot when left out."),
        ToolArgument(name: "takes", kind: .integer, help: "Takes each shot should have of its current version (more are added, none replaced).",
                     range: 1...20),
        ToolArgument(name: "provider", kind: .string, help: "The video provider (default: the project's)."),
    ]

    /// Every tool, in the order `tools/list` gives them.
    static let all: [StudioTool] = [
        StudioTool(name: "list_projects", title: "Projects", summary: "The projects this server serves: id, title, shots, length, aspect, money spent.",
                   arguments: [], readOnly: true) { call in
            try await call.library.entries(studio: call.studio)
        },
        StudioTool(name: "series", title: "The series",
                   summary: "When the served folder is a series: its bible's cast (shared by every episode), look, rules, and each episode's shots, takes, picks, spending and yield.",
                   arguments: [], readOnly: true) { call in
            try await call.studio.seriesStatus(call.library.root).relative
        },
        StudioTool(name: "workers", title: "Workers",
                   summary: "Who works in the studio: its worker machines and the jobs in their hands, the runs holding projects, jobs waiting for a worker.",
                   arguments: [], readOnly: true) { call in
            try await call.studio.workers(required: false, titledFrom: Array(call.library.projects().values))
        },
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
        StudioTool(name: "cast", title: "The cast",
                   summary: "The characters and places: reference images, consent for a real person's likeness, and each character's voice.",
                   arguments: [project], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.cast(production)
        },
        StudioTool(name: "song", title: "The film's song",
                   summary: "The song sung over the film's end (or opening): its words, style, the scene it plays over (from when, for how long) and who sings it; null when there is none.",
                   arguments: [project], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.song(production)
        },
        StudioTool(name: "set_song", title: "Set the film's song",
                   summary: "Sets the whole song (title and lyrics needed; style, place and singer left out take their defaults) sung over the film's end (or opening) in place of that scene's music, as `reel song` does: sung from its lyrics by a music model that sings (provider minimax, or the project's music provider; Reel's offline score plays an instrumental in its place and says so). The next render makes it, a paid job made once. With remove: true, removes it.",
                   arguments: [project,
                               ToolArgument(name: "title", kind: .string, help: "The song's title."),
                               ToolArgument(name: "lyrics", kind: .string, help: "The words: a line per line, [Verse] and [Chorus] on lines of their own (at most 3,500 characters)."),
                               ToolArgument(name: "style", kind: .string, help: "The music in words: genre, voice, instruments."),
                               ToolArgument(name: "at", kind: .string, help: "Where it plays.", choices: ["end", "opening"]),
                               ToolArgument(name: "provider", kind: .string, help: "Who sings it (minimax); the project's music provider when left out."),
                               ToolArgument(name: "remove", kind: .boolean, help: "Remove the song instead.")]) { call in
            let a = call.arguments
            if a.bool("remove") == true {
                return try await call.change { try await call.studio.setSong($0, nil) }
            }
            guard let title = a.string("title"), let lyrics = a.string("lyrics") else {
                throw ReelError(.usage, "set_song: give title and lyrics (or remove: true)", hint: "lyrics are the words, a line per line")
            }
            let change = SongChange(title: title, lyrics: lyrics, style: a.string("style") ?? "",
                                    at: a.string("at").flatMap(SongSettings.placement) ?? .end,
                                    provider: a.string("provider").flatMap { $0.isEmpty ? nil : ProviderID($0.lowercased()) })
            return try await call.change { try await call.studio.setSong($0, change) }
        },
        StudioTool(name: "reference_sheet", title: "A subject's reference sheet",
                   summary: "The one picture of a subject's reference images that a model taking one image per subject is sent (its only reference, or all of them laid out on a PNG): the same bytes a run sends. Answers its size, how many references are on it, and its file in the media store.",
                   arguments: [project, ToolArgument(name: "subject", kind: .string, help: "The character, prop or place, by name or id.", required: true)],
                   readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.referenceSheet(production, subject: call.arguments.string("subject") ?? "")
        },
        StudioTool(name: "estimate", title: "Estimate takes",
                   summary: "What generate would run, on which provider, and what it would cost, against the budget; runs and spends nothing.",
                   arguments: [project] + generation, readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return DryRunReport(try await call.studio.generate(production, call.generateRequest(dryRun: true)))
        },
        StudioTool(name: "generate", title: "Generate takes",
                   summary: "Makes takes of shots (adding, never replacing) and resumes unfinished ones; never pays twice. It spends money at remote providers, so it runs only with confirm: true — without it, it answers the estimate.",
                   arguments: [project] + generation + [
                       ToolArgument(name: "confirm", kind: .boolean, help: "true to run and spend; anything else only estimates."),
                   ], spends: true) { call in
            guard call.arguments.bool("confirm") == true else {
                let production = try call.open()
                defer { production.close() }
                let estimate = DryRunReport(try await call.studio.generate(production, call.generateRequest(dryRun: true)))
                let jobs = estimate.jobs.filter { $0.forecast != "reuse" }.count
                throw ToolRefusal(error: ReelError(.usage, "nothing was run: \(Plural.count(jobs, "job")) would run, estimated \(estimate.costText)",
                                                   hint: "call generate again with confirm: true to run it"), report: estimate)
            }
            let result = try await call.exclusive("generate") { production in
                try await call.studio.generate(production, call.generateRequest(dryRun: false), events: call.events)
            }
            let report = GenerateReport(result)
            let summary = result.summary ?? RunSummary()
            let skipped = summary.skipped.keys.filter { result.graph[$0]?.spec.kind != .check }
            guard summary.failures.isEmpty, skipped.isEmpty else {
                throw ToolRefusal(error: ReelError(.mediaFailed, "\(Plural.count(summary.failures.count + skipped.count, "job")) did not finish",
                                                   hint: "the report's failed field says why; generate again retries what can be retried"),
                                  report: report)
            }
            return report
        },
        StudioTool(name: "stop_run", title: "Stop the project's run",
                   summary: "Stops the run going on in a project — a generate, render or export still being waited on (call it while that call runs), or a run another process started (a `reel generate` in a terminal, a machine of the studio), asked as its Ctrl-C would ask it. No job starts any more; takes already submitted to a provider are kept, and the next generate fetches them without paying twice; the stopped call answers who stopped it. Answers the run, stopping until it has ended.",
                   arguments: [project]) { call in
            try await call.library.stopRun(try call.projectID(), by: "an agent (MCP)", studio: call.studio)
        },
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
        StudioTool(name: "render", title: "Render the cut",
                   summary: "Cuts the film from the picked takes (the newest good take where none is picked, the animatic where there is none) into renders/; never makes a take. When the project's lines are voiced by a remote speech provider, its effects made by a model or its takes lip-synced (`lipsync:`), its music made by a model or its song sung by one, what is not made yet is paid, so it runs only with confirm: true.",
                   arguments: [project,
                               ToolArgument(name: "burnSubtitles", kind: .boolean, help: "Burn the subtitles into the picture (default: the project's setting)."),
                               ToolArgument(name: "confirm", kind: .boolean, help: "true to let remote providers be paid for lines, effects, music, the song and lip-syncs not made yet.")],
                   spends: true) { call in
            if call.arguments.bool("confirm") != true { try requireConfirm(call, "render", lipSync: true) }
            return try await call.exclusive("render") { production in
                MakeReport(try await call.studio.film(production, output: nil, burnSubtitles: call.arguments.bool("burnSubtitles"),
                                                      makeMissing: false, events: call.events))
            }
        },
        StudioTool(name: "export", title: "Export for an editor",
                   summary: "Writes the cut's timeline into renders/: OTIO, FCPXML, EDL, SRT, VTT, a Jianying draft, or the storyboard sheet.",
                   arguments: [project,
                               ToolArgument(name: "format", kind: .string, help: "What to write.", required: true,
                                            choices: ExportFormat.allCases.map(\.rawValue)),
                               ToolArgument(name: "bundle", kind: .boolean, help: "Copy the media next to the export, so the folder can be moved."),
                               ToolArgument(name: "confirm", kind: .boolean,
                                            help: "true to let remote providers be paid for lines, effects, music and the song a timeline's sound tracks need and that are not made yet.")],
                   spends: true) { call in
            let format = ExportFormat(rawValue: call.arguments.string("format") ?? "") ?? .otio
            let bundle = call.arguments.bool("bundle") ?? false
            if bundle && !format.refersToMedia {
                throw ReelError(.usage, "bundle applies to otio, fcpxml, edl and jianying; \(format.rawValue) has no media")
            }
            // A timeline carries every sound on its track: made here if a render has not.
            if format.refersToMedia, call.arguments.bool("confirm") != true { try requireConfirm(call, "export", lipSync: false) }
            return try await call.exclusive("export") { production in
                ExportReport(try await call.studio.export(production, ExportRequest(format: format, bundle: bundle), events: call.events))
            }
        },
        StudioTool(name: "stats", title: "Statistics",
                   summary: "Jobs by state, cache hits, money spent and committed, takes made per picked shot.",
                   arguments: [project], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.stats(production)
        },
    ]
}

/// Refuses a call that may pay for sound not made yet — lines voiced, effects, music, the song
/// (and, for a render, lip-syncs) by remote providers — unless it says `confirm: true`.
private func requireConfirm(_ call: ToolCall, _ tool: String, lipSync: Bool) throws {
    let production = try call.open()
    let config = production.config
    production.close()
    var paid: [String] = []
    if let voices = config.voices, voices.rawValue != "espeak" { paid.append("the lines are voiced by \(voices.rawValue)") }
    if let effects = config.effects, effects != ProjectConfig.proceduralEffects { paid.append("the sound effects are made by \(effects)") }
    if lipSync, let lipSync = config.lipSync { paid.append("model takes with lines are lip-synced by \(lipSync)") }
    if let music = config.music { paid.append("the scenes are scored by \(music)") }
    if let song = config.song, let singer = song.provider ?? config.music { paid.append("the song is sung by \(singer)") }
    if !paid.isEmpty {
        throw ReelError(.usage, "nothing was run: \(paid.joined(separator: ", ")), which is paid for what is not made yet",
                        hint: "call \(tool) again with confirm: true to run it")
    }
}
