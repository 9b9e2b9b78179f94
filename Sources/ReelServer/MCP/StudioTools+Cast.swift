import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// The tools on the cast, the film's song and the scenes' music.
extension StudioTool {
    /// The cast, the song, the scenes' music, and a subject's reference sheet.
    static let castTools: [StudioTool] = [
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
        StudioTool(name: "music", title: "The scenes' music",
                   summary: "Every scene's music, as `reel music` lists it: where it plays, the mood and words it is asked in, who makes it, its takes (made or not, with their files, costs or estimates) and the one the film plays.",
                   arguments: [project], readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.music(production)
        },
        StudioTool(name: "set_music", title: "Ask for a scene's music",
                   summary: "Changes what a scene asks of its music, as `reel music --scene` does: words for a music model, a mood for Reel's offline score, who makes it, how many takes to choose from, the take the film plays. Left out stays as it is; \"\" goes back to the default. New words, mood or provider make new takes, so the pick goes back to the first unless one is named. Makes nothing: make_music makes the takes. Answers the scene's music.",
                   arguments: [project,
                               ToolArgument(name: "scene", kind: .string, help: "The scene, as the storyboard numbers it (2).", required: true),
                               ToolArgument(name: "prompt", kind: .string, help: "What a music model is asked for: instruments, tempo, feeling."),
                               ToolArgument(name: "mood", kind: .string, help: "The mood it is written in (\"\" for the scene's).", choices: [""] + Mood.allCases.map(\.rawValue)),
                               ToolArgument(name: "provider", kind: .string, help: "A configured music provider, or procedural for Reel's score (\"\" for the project's)."),
                               ToolArgument(name: "takes", kind: .integer, help: "How many takes to choose from.", range: 1...Double(SceneMusic.takeLimit)),
                               ToolArgument(name: "pick", kind: .integer, help: "The take the film plays.", range: 1...Double(SceneMusic.takeLimit)),
                               ToolArgument(name: "reset", kind: .boolean, help: "Forget what the scene asked first: it plays what its mood gives it.")]) { call in
            let a = call.arguments
            let change = MusicChange(scene: a.string("scene") ?? "", prompt: a.string("prompt"), mood: a.string("mood"),
                                     provider: a.string("provider"), takes: a.int("takes"), pick: a.int("pick"), reset: a.bool("reset") ?? false)
            return try await call.change { production in
                try await call.studio.music(try await call.studio.setMusic(production, change).production, scene: change.scene)
            }
        },
        StudioTool(name: "make_music", title: "Make a scene's music takes",
                   summary: "Makes the takes of a scene's music not made yet (each a job, paid once at a remote provider, within the budget) and answers the scene's music with its takes' files. It may spend money, so it runs only with confirm: true — without it, it answers the estimate.",
                   arguments: [project,
                               ToolArgument(name: "scene", kind: .string, help: "The scene, as the storyboard numbers it (2).", required: true),
                               ToolArgument(name: "confirm", kind: .boolean, help: "true to run and spend; anything else only estimates.")],
                   spends: true) { call in
            let scene = call.arguments.string("scene") ?? ""
            guard call.arguments.bool("confirm") == true else {
                try await refuseUnconfirmed(call, "make_music") { try await call.studio.makeMusic($0, scene: scene, dryRun: true) }
            }
            let result = try await call.exclusive("music") { production in
                try await call.studio.makeMusic(production, scene: scene, events: call.events)
            }
            let summary = result.summary ?? RunSummary()
            guard summary.failures.isEmpty, summary.skipped.isEmpty else {
                throw ToolRefusal(error: ReelError(.mediaFailed, "\(Plural.count(summary.failures.count + summary.skipped.count, "take")) of the music did not finish",
                                                   hint: "the report's failed field says why; make_music again retries what can be retried"),
                                  report: GenerateReport(result))
            }
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.music(production, scene: scene)
        },
        StudioTool(name: "reference_sheet", title: "A subject's reference sheet",
                   summary: "The one picture of a subject's reference images that a model taking one image per subject is sent (its only reference, or all of them laid out on a PNG): the same bytes a run sends. Answers its size, how many references are on it, and its file in the media store.",
                   arguments: [project, ToolArgument(name: "subject", kind: .string, help: "The character, prop or place, by name or id.", required: true)],
                   readOnly: true) { call in
            let production = try call.open()
            defer { production.close() }
            return try await call.studio.referenceSheet(production, subject: call.arguments.string("subject") ?? "")
        },
    ]
}
