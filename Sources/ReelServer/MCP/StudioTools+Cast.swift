import Foundation
import MCP
import ReelEngine
import ReelExport
import ReelModel
import ReelStudio

/// The tools on the cast and the film's song.
extension StudioTool {
    /// The cast, the song, and a subject's reference sheet.
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
